package io.vigil.cli.common;

import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.Workspace;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.progress.Progress;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.StoreSettings;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine;

/** Which solution and data environment a command works on; {@link DataOptions} adds the execution date. */
public final class WorkspaceOptions {
  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
  Path solution;

  @Option(names = "--env", defaultValue = "private", paramLabel = "public|private",
      description = "Data environment: private, your own sandbox (the default), or public, where the DAGs' runs are.")
  String env;

  /** The solution directory. */
  public Path solution() {
    return solution;
  }

  /** Opens the solution and a context on it for {@code executionDate}; closing the context closes everything. */
  public JobContext open(String writer, Progress progress, LocalDateTime executionDate) {
    Environment environment = switch (env.toLowerCase(Locale.ROOT)) {
      case "public" -> Environment.PUBLIC;
      case "private" -> Environment.privateOf(StoreSettings.fromEnvironment(CliEnvironment.get()).user());
      default -> throw new CommandLine.ParameterException(new CommandLine(this),
          "Invalid value for option '--env': '" + env + "' (expected public or private)");
    };
    return open(solution, environment, writer, progress, executionDate);
  }

  /**
   * Opens the solution in {@code dir} and a context on it in {@code environment}, with the CLI's
   * environment for stores, secrets and the model registry; closing the context closes everything.
   */
  public static JobContext open(Path dir, Environment environment, String writer, Progress progress, LocalDateTime executionDate) {
    return open(dir, environment, writer, progress, executionDate, CliEnvironment.get());
  }

  /** The same with the stores, secrets and model registry of {@code env} rather than the CLI's environment. */
  public static JobContext open(Path dir, Environment environment, String writer, Progress progress, LocalDateTime executionDate,
      Map<String, String> env) {
    StoreSettings settings = StoreSettings.fromEnvironment(env);
    Workspace workspace = Vigil.open(dir, settings);
    return JobContext.builder(workspace.catalog()).settings(settings).executionDate(executionDate)
        .environment(environment).writer(writer).progress(progress).solutionDirectory(dir)
        .secrets(new SecretResolver(env))
        .models(ModelRegistries.fromEnvironment(env, settings.home())).onClose(workspace::close).open();
  }
}
