package io.vigil.api.solution;

import io.vigil.api.connector.Connector;
import io.vigil.api.dag.Dag;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.graph.Graph;
import io.vigil.api.risk.Risk;
import io.vigil.api.distribution.DistributionTarget;
import java.util.EnumMap;
import java.util.Map;

/** The Java type that holds each kind of entity; YAML files are decoded into it. */
public final class EntityTypes {
  private static final Map<EntityKind, Class<?>> TYPES = new EnumMap<>(EntityKind.class);

  static {
    TYPES.put(EntityKind.DATASET, DataSet.class);
    TYPES.put(EntityKind.CONNECTOR, Connector.class);
    TYPES.put(EntityKind.GRAPH, Graph.class);
    TYPES.put(EntityKind.TARGET, DistributionTarget.class);
    TYPES.put(EntityKind.EVALUATION_FLOW, EvaluationFlow.class);
    TYPES.put(EntityKind.RISK, Risk.class);
    TYPES.put(EntityKind.DAG, Dag.class);
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
