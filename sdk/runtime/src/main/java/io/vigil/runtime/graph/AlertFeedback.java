package io.vigil.runtime.graph;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.get_json_object;
import static org.apache.spark.sql.functions.lit;

import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.PropertyToFieldMapping;
import io.vigil.api.flow.RelatedGraph;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.EdgeType;
import io.vigil.api.graph.NodeType;
import io.vigil.api.graph.Property;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.decisioning.Alerts;
import io.vigil.runtime.errors.GraphErrors;
import io.vigil.runtime.store.Postgres;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The alert feedback loop of S1 §8 and §19.3: a flow's alerted activities become alerted-activity
 * ({@code AL}) nodes with {@code AL} edges to the nodes of their entities, found through the flow's
 * {@code related_graph} node mappings (account_id → AN of an AC node). It is set-based: the alerts
 * and the current nodes of each mapped type are joined in Spark, and both publishes merge in Postgres.
 */
final class AlertFeedback {
  private AlertFeedback() {}

  static AlertFeedbackResult publish(RunContext context, String flowId, LocalDateTime from, LocalDateTime to) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    String verb = "publish the alerts of flow " + flowId + " to its related graph";
    RelatedGraph related = flow.relatedGraph();
    if (related == null || related.nodeMappings().isEmpty()) {
      throw GraphErrors.relatedGraphMissing(verb, flowId);
    }
    GraphMeta meta = GraphMeta.of(context, related.identifier(), verb);
    NodeType alertType = meta.nodeType(CanonicalGraph.ALERT);
    EdgeType alertedEdge = meta.edgeType(CanonicalGraph.ALERTED);
    Dataset<Row> alerts = Alerts.readAlertedActivities(context, flowId, from, to).cache();
    try {
      long count = alerts.count();
      List<Column> nodeColumns = new ArrayList<>(List.of(col("alert_id").as(GraphFrames.ID),
          col("tr_job_ts").as(GraphFrames.EFFECTIVE_DATE)));
      // The canonical AL properties, those the graph's AL type declares.
      addIfDeclared(nodeColumns, alertType, "AI", col("tr_id"));
      addIfDeclared(nodeColumns, alertType, "RI", col("risk_identifier"));
      addIfDeclared(nodeColumns, alertType, "SP", col("suppressed"));
      GraphPublishResult nodes = Graphs.publishNodes(context, meta.graph().identifier(),
          alerts.select(nodeColumns.toArray(Column[]::new)), CanonicalGraph.ALERT);
      List<String> mapped = related.nodeMappings().keySet().stream()
          .filter(t -> alertedEdge.targetNodeTypes().isEmpty() || alertedEdge.targetNodeTypes().contains(t)).toList();
      if (mapped.size() != 1) {
        // An AL edge reaches one node per alert: the mapping must say which type that is.
        throw mapped.isEmpty()
            ? GraphErrors.endpointTypeNotAllowed(verb, CanonicalGraph.ALERTED, "target",
                String.join(",", related.nodeMappings().keySet()), alertedEdge.targetNodeTypes())
            : GraphErrors.endpointTypeAmbiguous(verb, CanonicalGraph.ALERTED, "target", mapped);
      }
      NodeType target = meta.nodeType(mapped.get(0));
      Dataset<Row> resolved = resolve(context, meta, target, related.nodeMappings().get(target.identifier()), alerts).cache();
      try {
        long unresolved = resolved.where(col(GraphFrames.TARGET_NODE).isNull()).count();
        Dataset<Row> edges = resolved.where(col(GraphFrames.TARGET_NODE).isNotNull()).select(col("alert_id").as(GraphFrames.ID),
            col("alert_id").as(GraphFrames.SOURCE_NODE), col(GraphFrames.TARGET_NODE), col("tr_job_ts").as(GraphFrames.EFFECTIVE_DATE));
        GraphPublishResult published = Graphs.publishEdges(context, meta.graph().identifier(), edges, CanonicalGraph.ALERTED,
            CanonicalGraph.ALERT, target.identifier(), List.of());
        return new AlertFeedbackResult(flowId, meta.graph().identifier(), count, nodes, published, unresolved);
      } finally {
        resolved.unpersist();
      }
    } finally {
      alerts.unpersist();
    }
  }

  /**
   * The alerts with column {@code target_node}: the id of the current node of {@code type} whose
   * mapped properties equal the alert's entity fields; when a node is missing and the one mapping
   * is the key property, the value itself (publishing the edge then adds that node); else null.
   */
  private static Dataset<Row> resolve(RunContext context, GraphMeta meta, NodeType type, List<PropertyToFieldMapping> mappings,
      Dataset<Row> alerts) {
    Postgres pg = context.stores().postgres();
    String current = "(select distinct on (node_type, id) node_type, id, properties::text as properties from "
        + meta.nodes().qualifiedName() + " order by node_type, id, effective_date desc) current_nodes";
    Dataset<Row> nodes = context.spark().read().jdbc(pg.url(), current, pg.jdbcProperties())
        .where(col("node_type").equalTo(type.identifier()));
    Dataset<Row> keyed = alerts;
    Column on = lit(true);
    List<Column> nodeKeys = new ArrayList<>(List.of(col("id").as("matched_id")));
    for (int i = 0; i < mappings.size(); i++) {
      PropertyToFieldMapping m = mappings.get(i);
      meta.nodeProperty(type, m.property());
      keyed = keyed.withColumn("entity_" + i, get_json_object(col("entity"), "$." + m.field()));
      nodeKeys.add(get_json_object(col("properties"), "$." + m.property()).as("property_" + i));
      on = on.and(col("entity_" + i).equalTo(col("property_" + i)));
    }
    Dataset<Row> joined = keyed.join(nodes.select(nodeKeys.toArray(Column[]::new)), on, "left");
    Property key = type.keyProperty();
    boolean byKey = mappings.size() == 1 && key != null && key.identifier().equals(mappings.get(0).property());
    Column target = byKey ? coalesce(col("matched_id"), col("entity_0")) : col("matched_id");
    return joined.withColumn(GraphFrames.TARGET_NODE, target);
  }

  private static void addIfDeclared(List<Column> columns, NodeType type, String property, Column value) {
    if (type.findProperty(property) != null) {
      columns.add(value.as(property));
    }
  }
}
