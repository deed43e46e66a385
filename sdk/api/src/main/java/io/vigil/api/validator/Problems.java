package io.vigil.api.validator;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import io.vigil.api.validation.Severity;
import java.util.ArrayList;
import java.util.List;

/** Collects the problems of one validation run, resolving paths to files and lines. */
final class Problems {
  private final Solution solution;
  private final List<Problem> problems = new ArrayList<>();

  Problems(Solution solution) {
    this.solution = solution;
  }

  Solution solution() {
    return solution;
  }

  /** Adds a problem at {@code path} (relative to the entity) with the code's own severity. */
  void add(ProblemCode code, LoadedEntity entity, String path, String message) {
    add(code, code.severity(), entity, path, message);
  }

  void add(ProblemCode code, Severity severity, LoadedEntity entity, String path, String message) {
    problems.add(new Problem(code, severity, absolute(entity, path), entity.locate(path), message));
  }

  void add(Problem problem) {
    problems.add(problem);
  }

  /**
   * Checks that {@code identifier} names an entity of {@code kind}; reports UNRESOLVED_REFERENCE
   * otherwise. Null identifiers are not checked. Returns the target or null.
   */
  LoadedEntity reference(LoadedEntity from, String path, EntityKind kind, String identifier) {
    if (identifier == null) {
      return null;
    }
    LoadedEntity target = solution.find(kind, identifier);
    // A target that failed to load is already reported; do not report it twice.
    if (target == null && !solution.mayHide(kind.key(), identifier)) {
      add(ProblemCode.UNRESOLVED_REFERENCE, from, path,
          "Cannot resolve " + describe(from) + " " + path + ": no " + kind.key() + " '" + identifier + "'");
    }
    return target;
  }

  /** Checks that a job class {@code domain.SimpleName} exists; reports UNRESOLVED_REFERENCE otherwise. */
  boolean jobReference(LoadedEntity from, String path, String jobId) {
    if (jobId == null || solution.job(jobId) != null) {
      return true;
    }
    if (!solution.mayHide("job", jobId)) {
      add(ProblemCode.UNRESOLVED_REFERENCE, from, path,
          "Cannot resolve " + describe(from) + " " + path + ": no job class '" + jobId
              + "'; a job is <domain>.<ClassName> of a class in domains/<domain>/jobs/ that implements Job");
    }
    return false;
  }

  List<Problem> all() {
    return problems;
  }

  /** {@code dataset account}, for messages. */
  static String describe(LoadedEntity entity) {
    return entity.entity().kind().key().replace('_', ' ') + " " + entity.identifier();
  }

  static String absolute(LoadedEntity entity, String path) {
    String root = entity.entity().address();
    if (path == null || path.isEmpty()) {
      return root;
    }
    return path.startsWith("[") ? root + path : root + "." + path;
  }

  /** {@code key[label]}. */
  static String item(String key, String label) {
    return key + "[" + label + "]";
  }
}
