package io.vigil.cli.solution;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.entity.Identifiers;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.VersionProvider;
import io.vigil.sync.errors.SyncErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil init}: creates a new solution from the template. */
@Command(
    name = "init",
    mixinStandardHelpOptions = true,
    description = {
      "Create a new solution from the template.",
      "The template has one domain with datasets, a connector, an evaluation flow, risks, a graph,",
      "a distribution target, two jobs and a DAG. It validates clean and builds with 'mvn package'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:created", "1:internal error", "2:invalid command line", "3:the directory is not empty, or the name is invalid"})
public final class InitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "<dir>", description = "Directory to create; it must not exist or be empty.")
  Path directory;

  @Option(names = "--name", paramLabel = "<solution>", description = "Solution name (default: the directory name in snake case).")
  String name;

  @Override
  public Integer call() throws IOException {
    String solutionName = name != null ? name : defaultName(directory);
    if (!Identifiers.isEntity(solutionName)) {
      throw SyncErrors.solutionNameInvalid(solutionName, Identifiers.ENTITY.pattern());
    }
    if (Files.exists(directory) && !isEmptyDirectory(directory)) {
      throw SyncErrors.initDirectoryNotEmpty(directory);
    }
    List<Path> files = SolutionTemplate.copyTo(directory, solutionName, VersionProvider.version());
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("solution", solutionName);
      result.put("directory", directory.toAbsolutePath().toString());
      result.put("files", files.size());
      out.println(new ObjectMapper().writeValueAsString(result));
    } else {
      out.println("Created solution " + solutionName + " in " + directory + " (" + files.size() + " files).");
      out.println("Next: vigil validate --solution " + directory);
    }
    out.flush();
    return ExitCodes.OK;
  }

  static String defaultName(Path directory) {
    String base = directory.toAbsolutePath().normalize().getFileName().toString().toLowerCase(Locale.ROOT);
    String snake = base.replaceAll("[^a-z0-9]+", "_").replaceAll("^_+|_+$", "");
    return snake.isEmpty() || !Character.isLetter(snake.charAt(0)) ? "solution_" + snake : snake;
  }

  private static boolean isEmptyDirectory(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.findAny().isEmpty();
    }
  }
}
