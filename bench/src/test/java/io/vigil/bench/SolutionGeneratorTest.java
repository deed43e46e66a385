package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ValidationReport;
import io.vigil.api.validator.SolutionValidator;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generated benchmark solution is valid as written. No timing is asserted here: see docs/benchmarks.md. */
class SolutionGeneratorTest {
  @TempDir Path root;

  @Test
  void aSmallSolutionLoadsAndValidatesWithoutAnyProblem() {
    SolutionGenerator.Summary summary = SolutionGenerator.generate(root, 40);

    Solution solution = SolutionLoader.load(root);
    ValidationReport report = SolutionValidator.validate(solution);

    assertThat(SolutionValidator.checksSparkSql()).as("the runtime's Spark SQL parser is on the class path").isTrue();
    assertThat(report.problems()).extracting(Problem::render).isEmpty();
    assertThat(solution.isComplete()).isTrue();
    assertThat(solution.entities()).hasSize(40);
    assertThat(summary.entities()).isEqualTo(40);
    assertThat(summary.javaEntities() + summary.yamlEntities()).isEqualTo(40);
    // Both forms of every kind that has both, and at least one entity of every kind.
    assertThat(summary.javaEntities()).isBetween(14, 26);
    for (EntityKind kind : EntityKind.values()) {
      assertThat(solution.loaded(kind)).as(kind.key()).isNotEmpty();
    }
    assertThat(summary.domains()).containsExactly("aml", "payments");
    assertThat(solution.jobs()).hasSize(summary.jobClasses());
    assertThat(solution.job("aml.RetailUkDataprep").cells()).containsExactly("load", "aggregate", "write");
  }

  @Test
  void stopsInTheMiddleOfAPipelineWithoutDanglingReferences() {
    SolutionGenerator.generate(root, 13);

    ValidationReport report = SolutionValidator.validate(SolutionLoader.load(root));

    assertThat(report.problems()).extracting(Problem::render).isEmpty();
  }
}
