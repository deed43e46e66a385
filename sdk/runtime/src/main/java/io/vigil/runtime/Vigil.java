package io.vigil.runtime;

import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.api.time.TimeText;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ValidationReport;
import io.vigil.api.validator.SolutionValidator;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.store.StoreSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * The entry point for JShell and Jupyter (JJava):
 *
 * <pre>{@code
 * var ctx = Vigil.context("path/to/solution", "2024-01-31");
 * var tx = ctx.read("transaction");
 * tx.show();
 * }</pre>
 *
 * Contexts opened here act in the user's PRIVATE environment (S1 §3.1.13); stores come from the
 * environment variables, or the stack {@code vigil dev up} runs.
 */
public final class Vigil {
  private Vigil() {}

  /** Opens the solution in {@code directory}: reads, compiles and validates it. */
  public static Workspace open(Path directory) {
    return open(directory, StoreSettings.fromEnvironment());
  }

  public static Workspace open(Path directory, StoreSettings settings) {
    SolutionValidator.warmUp();
    Solution solution = SolutionLoader.load(directory,
        io.vigil.api.solution.LoadOptions.defaults().withCompileCache(settings.home().resolve("cache").resolve("classes")));
    ValidationReport report = SolutionValidator.validate(solution);
    if (report.hasErrors()) {
      throw RuntimeErrors.solutionInvalid(directory, report.errors().stream().map(Problem::render).toList());
    }
    return new Workspace(solution, settings);
  }

  /** A PRIVATE context on the solution in {@code directory} for today. */
  public static JobContext context(String directory) {
    return context(directory, LocalDate.now().toString());
  }

  /**
   * A PRIVATE context on the solution in {@code directory}.
   *
   * @param executionDate an ISO date ({@code 2024-01-31}) or date-time ({@code 2024-01-31T00:00:00})
   */
  public static JobContext context(String directory, String executionDate) {
    return open(Path.of(directory)).ownedContext(parseDate(executionDate));
  }

  public static LocalDateTime parseDate(String text) {
    String t = text.trim();
    try {
      return TimeText.dateTime(t);
    } catch (java.time.format.DateTimeParseException e) {
      throw RuntimeErrors.executionDateInvalid(text);
    }
  }
}
