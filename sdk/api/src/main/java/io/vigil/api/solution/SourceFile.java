package io.vigil.api.solution;

import io.vigil.api.entity.EntityKind;
import java.nio.file.Path;

/**
 * A file found in a solution and the role its folder gives it.
 *
 * @param path absolute path
 * @param relative path relative to the solution root, with forward slashes
 * @param domain domain folder, or null at the solution root
 * @param role what the folder holds
 * @param kind the entity kind for {@link Role#ENTITIES}, else null
 */
record SourceFile(Path path, String relative, String domain, Role role, EntityKind kind) {
  enum Role {
    ENTITIES,
    JOBS,
    LIB
  }

  boolean isJava() {
    return relative.endsWith(".java");
  }

  boolean isYaml() {
    return relative.endsWith(".yaml") || relative.endsWith(".yml");
  }
}
