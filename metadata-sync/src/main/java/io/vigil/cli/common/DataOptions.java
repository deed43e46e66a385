package io.vigil.cli.common;

import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.Workspace;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.progress.Progress;
import io.vigil.runtime.store.StoreSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of the data commands (upload, publish, read): which solution, date and environment. */
public final class DataOptions {
  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
  Path solution;

  @Option(names = "--execution-date", required = true, paramLabel = "<date>",
      description = "Execution date, ISO-8601: 1995-02-01 or 1995-02-01T00:00:00.")
  String executionDate;

  @Option(names = "--env", defaultValue = "private", paramLabel = "public|private",
      description = "Data environment (default: private). Writing public needs VIGIL_ROLES=manager.")
  String env;

  /** The solution directory. */
  public Path solution() {
    return solution;
  }

  /** Opens the solution and a context on it; closing the context closes everything. */
  public JobContext open(String writer) {
    return open(writer, Progress.NONE);
  }

  /** The same, reporting how far long work got to {@code progress}. */
  public JobContext open(String writer, Progress progress) {
    StoreSettings settings = StoreSettings.fromEnvironment(CliEnvironment.get());
    Workspace workspace = Vigil.open(solution, settings);
    Environment environment = switch (env.toLowerCase(java.util.Locale.ROOT)) {
      case "public" -> Environment.PUBLIC;
      case "private" -> Environment.privateOf(settings.user());
      default -> throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(this),
          "Invalid value for option '--env': '" + env + "' (expected public or private)");
    };
    return JobContext.builder(workspace.catalog()).settings(settings).executionDate(Vigil.parseDate(executionDate))
        .environment(environment).writer(writer).progress(progress).solutionDirectory(solution)
        .models(ModelRegistries.fromEnvironment(CliEnvironment.get(), settings.home())).onClose(workspace::close).open();
  }
}
