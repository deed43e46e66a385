package io.vigil.api.validator;

import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.api.validation.ValidationReport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a whole solution: what reading it found, plus every cross-entity rule. It never stops at
 * the first problem. Spark SQL expressions are parsed when the runtime module is on the class path.
 */
public final class SolutionValidator {
  private static final List<RuleSet> RULES = rules();

  private SolutionValidator() {}

  private static List<RuleSet> rules() {
    List<RuleSet> rules = new ArrayList<>();
    rules.add(new IdentityRules());
    rules.add(new DatasetRules());
    rules.add(new ConnectorRules());
    rules.add(new FlowRules());
    rules.add(new GraphRules());
    rules.add(new TargetRules());
    rules.add(new RiskRules());
    rules.add(new DagRules());
    return List.copyOf(rules);
  }

  public static ValidationReport validate(Solution solution) {
    Problems problems = new Problems(solution);
    solution.loadProblems().forEach(problems::add);
    for (RuleSet rules : RULES) {
      rules.check(solution, problems);
    }
    return new ValidationReport(new ArrayList<>(problems.all()));
  }

  /** Reads the solution at {@code root} and validates it. */
  public static ValidationReport validate(Path root) {
    return validate(SolutionLoader.load(root));
  }

  /**
   * Starts the Spark SQL parser on a background thread. Its first use costs over a second of class
   * loading and initialisation; a caller that starts it before reading the solution overlaps the two.
   */
  public static void warmUp() {
    Thread t = new Thread(() -> SqlSyntax.sparkError("1 = 1"), "vigil-sql-warm-up");
    t.setDaemon(true);
    t.start();
  }

  /** True when Spark SQL expressions are checked (the runtime module is on the class path). */
  public static boolean checksSparkSql() {
    return SqlSyntax.sparkAvailable();
  }
}
