package io.vigil.api.solution;

import io.vigil.api.entity.Entity;
import io.vigil.api.source.SourceLocation;
import io.vigil.api.source.SourceMap;
import java.util.Objects;

/**
 * An entity as found in a solution: the domain it belongs to (null for DAGs) and where each of its
 * parts was written.
 */
public record LoadedEntity(Entity entity, String domain, SourceMap source) {
  public LoadedEntity {
    Objects.requireNonNull(entity, "entity");
    Objects.requireNonNull(source, "source");
  }

  /** The location of the node at {@code path} relative to the entity. */
  public SourceLocation locate(String path) {
    return source.locate(path);
  }

  public String identifier() {
    return entity.identifier();
  }
}
