package io.vigil.api.validator;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.validation.ProblemCode;
import java.util.HashMap;
import java.util.Map;

/** Identifiers are unique per kind across all domains; YAML files are named after their entity. */
final class IdentityRules implements RuleSet {
  @Override
  public void check(Solution solution, Problems problems) {
    for (EntityKind kind : EntityKind.values()) {
      Map<String, LoadedEntity> first = new HashMap<>();
      for (LoadedEntity e : solution.loaded(kind)) {
        LoadedEntity previous = first.putIfAbsent(e.identifier(), e);
        if (previous != null) {
          problems.add(ProblemCode.IDENTIFIER_DUPLICATE, e, "identifier",
              "Cannot declare " + Problems.describe(e) + ": the identifier is already used at "
                  + previous.source().root() + "; identifiers are unique per kind across the solution");
        }
      }
    }
    for (LoadedEntity e : solution.entities()) {
      String file = e.source().root().file();
      String name = file.substring(file.lastIndexOf('/') + 1);
      if (name.endsWith(".yaml") || name.endsWith(".yml")) {
        String stem = name.substring(0, name.lastIndexOf('.'));
        if (!stem.equals(e.identifier())) {
          problems.add(ProblemCode.FILE_NAME_MISMATCH, e, "identifier",
              "Cannot match file " + name + " to " + Problems.describe(e) + ": name the file " + e.identifier()
                  + name.substring(name.lastIndexOf('.')));
        }
      }
    }
  }
}
