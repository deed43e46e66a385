package io.vigil.runtime.graph;

import io.vigil.api.flow.PropertyToFieldMapping;
import io.vigil.api.graph.EdgeType;
import io.vigil.api.graph.NodeType;
import io.vigil.api.graph.Property;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.dataset.CddCopy;
import io.vigil.runtime.errors.GraphErrors;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The graph runtime (S1 §19.3, §8): publishes nodes and edges into the tables sync created for a
 * graph, searches nodes by their properties and reads the ego graph around a node. Publishing
 * streams the rows in parallel with COPY into a staging table, then merges them in one statement
 * (see {@link GraphUpsert}), so a rerun changes nothing and a change writes only the nodes it changes.
 *
 * <pre>{@code
 * Graphs.publishNodes(context, "public", accounts.select("id", "NM", "CT"), "AC");
 * Graphs.publishEdges(context, "public", transfers.select("id", "source_node", "target_node", "AM", "CR"), "TX");
 * EgoGraph around = Graphs.egoGraph(context, "public", "DE89370400440532013000", 2, 200);
 * }</pre>
 */
public final class Graphs {
  private static final Logger LOG = LoggerFactory.getLogger(Graphs.class);

  private Graphs() {}

  /**
   * Publishes {@code rows} as nodes of {@code nodeType}: column {@code id}, optionally
   * {@code effective_date} (else the execution date), and a column per declared property under its
   * short key. The key property (AN of an account) is the id when no column gives it.
   */
  public static GraphPublishResult publishNodes(RunContext context, String graphId, Dataset<Row> rows, String nodeType) {
    return publishNodes(context, graphId, rows, nodeType, List.of());
  }

  /** As {@link #publishNodes(RunContext, String, Dataset, String)}, with properties read from the mapped fields. */
  public static GraphPublishResult publishNodes(RunContext context, String graphId, Dataset<Row> rows, String nodeType,
      List<PropertyToFieldMapping> mappings) {
    GraphMeta meta = GraphMeta.of(context, graphId, "publish nodes of type " + nodeType + " to graph " + graphId);
    NodeType type = meta.nodeType(nodeType);
    meta.requireClear(type);
    context.checkWritable(context.environment(), "the nodes of graph " + graphId);
    Dataset<Row> staged = GraphFrames.nodes(meta, type, rows, mappings, context.executionDate());
    context.progress().stage("publish " + nodeType + " nodes to " + meta.nodes().schema() + "." + meta.nodes().name());
    try (CddCopy.Staged stage = CddCopy.stage(context, meta.nodes(), staged)) {
      GraphUpsert.Written written = context.stores().postgres().inTransaction(c -> GraphUpsert.nodes(c, meta.nodes(), stage.name(),
          meta.verb()));
      return finish(context, new GraphPublishResult(graphId, nodeType, meta.nodes().schema() + "." + meta.nodes().name(),
          stage.copied().rows(), written.inserted(), written.updated(), 0, stage.copied().partitions()));
    }
  }

  /**
   * Publishes {@code rows} as edges of {@code edgeType} between the one source and the one target
   * node type the edge type declares: columns {@code id}, {@code source_node}, {@code target_node},
   * optionally {@code effective_date}, and a column per declared property.
   */
  public static GraphPublishResult publishEdges(RunContext context, String graphId, Dataset<Row> rows, String edgeType) {
    return publishEdges(context, graphId, rows, edgeType, null, null, List.of());
  }

  /**
   * As {@link #publishEdges(RunContext, String, Dataset, String)} between the given node types (null:
   * the one the edge type declares), with properties read from the mapped fields. Source and
   * target nodes the graph does not have yet are added, as publish_edges does in the guide.
   */
  public static GraphPublishResult publishEdges(RunContext context, String graphId, Dataset<Row> rows, String edgeType,
      String sourceNodeType, String targetNodeType, List<PropertyToFieldMapping> mappings) {
    GraphMeta meta = GraphMeta.of(context, graphId, "publish edges of type " + edgeType + " to graph " + graphId);
    EdgeType type = meta.edgeType(edgeType);
    meta.requireClear(type);
    NodeType source = endpoint(meta, type, "source", type.sourceNodeTypes(), sourceNodeType);
    NodeType target = endpoint(meta, type, "target", type.targetNodeTypes(), targetNodeType);
    meta.requireClear(source);
    meta.requireClear(target);
    context.checkWritable(context.environment(), "the edges of graph " + graphId);
    Dataset<Row> staged = GraphFrames.edges(meta, type, source.identifier(), target.identifier(), rows, mappings,
        context.executionDate());
    context.progress().stage("publish " + edgeType + " edges to " + meta.edges().schema() + "." + meta.edges().name());
    try (CddCopy.Staged stage = CddCopy.stage(context, meta.edges(), staged)) {
      long[] created = new long[1];
      GraphUpsert.Written written = context.stores().postgres().inTransaction(c -> {
        GraphUpsert.Written w = GraphUpsert.edges(c, meta.edges(), stage.name(), meta.verb());
        created[0] = GraphUpsert.missingNodes(c, meta.nodes(), stage.name(), "source", keyOf(source))
            + GraphUpsert.missingNodes(c, meta.nodes(), stage.name(), "target", keyOf(target));
        return w;
      });
      return finish(context, new GraphPublishResult(graphId, edgeType, meta.edges().schema() + "." + meta.edges().name(),
          stage.copied().rows(), written.inserted(), written.updated(), created[0], stage.copied().partitions()));
    }
  }

  /**
   * The nodes of {@code nodeType} whose latest version holds every given property with the given
   * value (the guide's {@code get_nodes_by_properties}), by id. Values are strings, numbers,
   * booleans or LocalDateTime, as the property's type says.
   */
  public static List<GraphNode> getNodesByProperties(RunContext context, String graphId, String nodeType,
      Map<String, Object> properties) {
    GraphMeta meta = GraphMeta.of(context, graphId, "search nodes of type " + nodeType + " in graph " + graphId);
    NodeType type = meta.nodeType(nodeType);
    return context.stores().postgres().withConnection(c -> GraphReads.nodesByProperties(c, meta, type, properties));
  }

  /** The ego graph of the node with this id, whatever its type; an id that several types share needs the type. */
  public static EgoGraph egoGraph(RunContext context, String graphId, String nodeId, int hops, int limit) {
    return egoGraph(context, graphId, null, nodeId, hops, limit);
  }

  /**
   * The nodes at most {@code hops} edges from node {@code nodeId} of {@code nodeType} (null: find
   * its type), following edges either way, nearest first and at most {@code limit} of them, with
   * the edges between them; alerted nodes say so.
   */
  public static EgoGraph egoGraph(RunContext context, String graphId, String nodeType, String nodeId, int hops, int limit) {
    String verb = "read the ego graph of node " + nodeId + " in graph " + graphId;
    GraphMeta meta = GraphMeta.of(context, graphId, verb);
    if (hops < 0 || limit < 1) {
      throw GraphErrors.hopsInvalid(verb, hops, limit);
    }
    if (nodeType != null) {
      meta.nodeType(nodeType);
    }
    return context.stores().postgres().withConnection(c -> {
      List<String> types = GraphReads.typesOf(c, meta, nodeId);
      if (nodeType != null ? !types.contains(nodeType) : types.isEmpty()) {
        throw GraphErrors.nodeNotFound(verb, graphId, nodeType == null ? nodeId : nodeType + " " + nodeId);
      }
      if (nodeType == null && types.size() > 1) {
        throw GraphErrors.nodeIdAmbiguous(verb, graphId, nodeId, types);
      }
      return GraphReads.ego(c, meta, nodeType != null ? nodeType : types.get(0), nodeId, hops, limit);
    });
  }

  /** The whole graph for export: at most {@code limit} nodes (latest versions, by type and id) and the edges between them. */
  public static GraphContents readGraph(RunContext context, String graphId, int limit) {
    String verb = "read graph " + graphId;
    GraphMeta meta = GraphMeta.of(context, graphId, verb);
    if (limit < 1) {
      throw GraphErrors.hopsInvalid(verb, 0, limit);
    }
    return context.stores().postgres().withConnection(c -> GraphReads.all(c, meta, limit));
  }

  /**
   * The alert feedback loop (S1 §8): the alerts of {@code flowId} in {@code [from, to]} (both null:
   * the execution date), read with {@code Alerts.readAlertedActivities}, become AL nodes of the
   * flow's related graph with AL edges to the nodes its node mappings resolve their entities to.
   */
  public static AlertFeedbackResult publishAlerts(RunContext context, String flowId, LocalDateTime from, LocalDateTime to) {
    return AlertFeedback.publish(context, flowId, from, to);
  }

  /** The nodes an entity of {@code flowId} (its identifier fields, as an alert holds them) resolves to through related_graph. */
  public static List<GraphNode> relatedNodes(RunContext context, String flowId, Map<String, Object> entity) {
    return RelatedNodes.of(context, flowId, entity);
  }

  private static NodeType endpoint(GraphMeta meta, EdgeType type, String end, List<String> declared, String given) {
    String chosen = given;
    if (chosen == null) {
      if (declared.size() != 1) {
        throw GraphErrors.endpointTypeAmbiguous(meta.verb(), type.identifier(), end, declared);
      }
      chosen = declared.get(0);
    } else if (!declared.isEmpty() && !declared.contains(chosen)) {
      throw GraphErrors.endpointTypeNotAllowed(meta.verb(), type.identifier(), end, chosen, declared);
    }
    NodeType node = meta.graph().findNode(chosen);
    if (node == null) {
      throw GraphErrors.endpointTypeNotAllowed(meta.verb(), type.identifier(), end, chosen,
          meta.graph().nodes().stream().map(NodeType::identifier).toList());
    }
    return node;
  }

  private static String keyOf(NodeType type) {
    Property key = type.keyProperty();
    return key == null ? null : key.identifier();
  }

  private static GraphPublishResult finish(RunContext context, GraphPublishResult result) {
    context.metrics().add(result.graph() + "-" + result.type() + "-published_rows", result.rows());
    LOG.info("Published {} {} rows to {}: {} new versions, {} updated in place, {} nodes added", result.rows(), result.type(),
        result.table(), result.inserted(), result.updated(), result.createdNodes());
    context.progress().done(result.inserted() + result.updated() + " written of " + result.rows());
    return result;
  }
}
