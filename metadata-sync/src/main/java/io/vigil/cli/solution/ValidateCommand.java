package io.vigil.cli.solution;

import io.vigil.api.solution.LoadOptions;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.api.validation.ValidationReport;
import io.vigil.api.validator.SolutionValidator;
import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.store.StoreSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil validate}: reads a solution and reports every problem at once. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
      "Validate a solution and list every problem.",
      "Reads every entity, compiles the solution's Java and checks every rule.",
      "Problems are listed with code, severity, path, file and line. Warnings do not fail."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the solution is valid (warnings allowed)", "1:internal error", "2:invalid command line",
        "3:the solution has errors"})
public final class ValidateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
  Path solution;

  @Override
  public Integer call() {
    SolutionValidator.warmUp();
    Path cache = StoreSettings.fromEnvironment(CliEnvironment.get()).home().resolve("cache").resolve("classes");
    Solution loaded = SolutionLoader.load(solution, LoadOptions.defaults().withCompileCache(cache));
    ValidationReport report = SolutionValidator.validate(loaded);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(report.toJson());
    } else {
      out.print(report.renderText());
    }
    out.flush();
    return report.hasErrors() ? ExitCodes.INVALID : ExitCodes.OK;
  }
}
