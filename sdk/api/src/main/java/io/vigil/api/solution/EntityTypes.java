package io.vigil.api.solution;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.entity.EntityKind;
import java.util.EnumMap;
import java.util.Map;

/** The Java type that holds each kind of entity; YAML files are decoded into it. */
public final class EntityTypes {
  private static final Map<EntityKind, Class<?>> TYPES = new EnumMap<>(EntityKind.class);

  static {
    TYPES.put(EntityKind.DATASET, DataSet.class);
    // kinds: connector
    // kinds: graph
    // kinds: target
    // kinds: evaluation_flow
    // kinds: risk
    // kinds: dag
  }

  private EntityTypes() {}

  /** The record class or sealed interface of {@code kind}. */
  public static Class<?> of(EntityKind kind) {
    Class<?> type = TYPES.get(kind);
    if (type == null) {
      throw new IllegalStateException("No Java type registered for " + kind);
    }
    return type;
  }
}
