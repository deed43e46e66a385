package io.vigil.api.validator;

import io.vigil.api.entity.Entity;
import io.vigil.api.solution.JobClass;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionManifest;
import io.vigil.api.source.SourceLocation;
import io.vigil.api.source.SourceMap;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import io.vigil.api.validation.ValidationReport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/** Builds in-memory solutions for rule tests: every entity in domain "aml", located in a file named after it. */
final class Fixtures {
  private Fixtures() {}

  static Solution solution(List<JobClass> jobs, Entity... entities) {
    List<LoadedEntity> loaded = Arrays.stream(entities)
        .map(e -> new LoadedEntity(e, e.kind().isDomainScoped() ? "aml" : null,
            SourceMap.of(SourceLocation.of(fileOf(e), 1))))
        .toList();
    return new Solution(Path.of("/tmp/fixture"), SolutionManifest.builder("fixture").build(), loaded, jobs,
        List.of(), null, Set.of());
  }

  static ValidationReport validate(Entity... entities) {
    return SolutionValidator.validate(solution(List.of(), entities));
  }

  static ValidationReport validate(List<JobClass> jobs, Entity... entities) {
    return SolutionValidator.validate(solution(jobs, entities));
  }

  /** The problems with {@code code}, as "path" strings. */
  static List<String> paths(ValidationReport report, ProblemCode code) {
    return report.withCode(code).stream().map(Problem::path).toList();
  }

  static String fileOf(Entity e) {
    return (e.kind().isDomainScoped() ? "domains/aml/" : "") + e.kind().folder() + "/" + e.identifier() + ".yaml";
  }
}
