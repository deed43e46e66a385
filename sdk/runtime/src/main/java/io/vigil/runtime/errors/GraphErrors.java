package io.vigil.runtime.errors;

import io.vigil.api.ErrorCode;
import io.vigil.api.ErrorId;
import io.vigil.api.VigilException;
import java.util.Collection;

/**
 * The errors of the graph runtime (publishing nodes and edges, searching them, ego graphs and the
 * alert feedback loop), each with its stable id: "Cannot &lt;verb&gt; &lt;object&gt;: &lt;reason&gt;",
 * naming the graph, type, property or node. Kept apart from {@link RuntimeErrors} so that its ids
 * have their own series.
 */
public final class GraphErrors {
  private GraphErrors() {}

  /** The ids of the graph runtime. Append new ones; never renumber or reuse one. */
  public enum Id implements ErrorId {
    GRAPH_UNDECLARED("VGL-GR-001", ErrorCode.NOT_FOUND, "The solution declares no graph with this identifier."),
    NODE_TYPE_UNDECLARED("VGL-GR-002", ErrorCode.NOT_FOUND, "The graph declares no node type with this identifier."),
    EDGE_TYPE_UNDECLARED("VGL-GR-003", ErrorCode.NOT_FOUND, "The graph declares no edge type with this identifier."),
    PROPERTY_UNDECLARED("VGL-GR-004", ErrorCode.INVALID_ARGUMENT,
        "Rows to publish, a search or a mapping name a property the node or edge type does not declare."),
    COLUMN_MISSING("VGL-GR-005", ErrorCode.INVALID_ARGUMENT, "Rows to publish lack a column publishing needs (id, source_node, target_node)."),
    ENDPOINT_TYPE_NOT_ALLOWED("VGL-GR-006", ErrorCode.INVALID_ARGUMENT,
        "An edge is published between node types its edge type does not allow, or that the graph does not declare."),
    ENDPOINT_TYPE_AMBIGUOUS("VGL-GR-007", ErrorCode.INVALID_ARGUMENT,
        "An edge type does not declare exactly one source (or target) node type, and none was given."),
    ROWS_CONFLICTING("VGL-GR-008", ErrorCode.INVALID_ARGUMENT,
        "Rows to publish hold one node or edge twice for the same effective date with different values."),
    NODE_NOT_FOUND("VGL-GR-009", ErrorCode.NOT_FOUND, "The graph has no node with this id."),
    NODE_ID_AMBIGUOUS("VGL-GR-010", ErrorCode.INVALID_ARGUMENT, "Nodes of several types have this id, and no type was given."),
    RELATED_GRAPH_MISSING("VGL-GR-011", ErrorCode.INVALID_METADATA, "An evaluation flow has no related_graph, or one without node mappings."),
    ENCRYPTED_TYPE_UNPUBLISHABLE("VGL-GR-012", ErrorCode.INVALID_METADATA,
        "A node or edge type (or property) is declared encrypted; Vigil does not encrypt graph values, so it refuses to store them in clear."),
    HOPS_INVALID("VGL-GR-013", ErrorCode.INVALID_ARGUMENT, "An ego graph is asked with hops below 0 or a limit below 1."),
    PROPERTY_VALUE_INVALID("VGL-GR-014", ErrorCode.INVALID_ARGUMENT, "A searched property value does not have the property's type.");

    private final String id;
    private final ErrorCode code;
    private final String summary;

    Id(String id, ErrorCode code, String summary) {
      this.id = id;
      this.code = code;
      this.summary = summary;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public ErrorCode code() {
      return code;
    }

    @Override
    public String summary() {
      return summary;
    }
  }

  public static VigilException graphUndeclared(String verb, String graph, String solution, Collection<String> known) {
    return new VigilException(Id.GRAPH_UNDECLARED, "Cannot " + verb + ": solution " + solution + " declares no graph " + graph
        + "; declared graphs: " + known);
  }

  public static VigilException nodeTypeUndeclared(String verb, String graph, String nodeType, Collection<String> known) {
    return new VigilException(Id.NODE_TYPE_UNDECLARED, "Cannot " + verb + ": graph " + graph + " declares no node type " + nodeType
        + "; its node types: " + known);
  }

  public static VigilException edgeTypeUndeclared(String verb, String graph, String edgeType, Collection<String> known) {
    return new VigilException(Id.EDGE_TYPE_UNDECLARED, "Cannot " + verb + ": graph " + graph + " declares no edge type " + edgeType
        + "; its edge types: " + known);
  }

  public static VigilException propertyUndeclared(String verb, String what, String property, Collection<String> known) {
    return new VigilException(Id.PROPERTY_UNDECLARED, "Cannot " + verb + ": " + what + " declares no property " + property
        + "; its properties: " + known);
  }

  public static VigilException columnMissing(String verb, String column, Collection<String> columns) {
    return new VigilException(Id.COLUMN_MISSING, "Cannot " + verb + ": the rows have no column " + column + "; they have " + columns);
  }

  public static VigilException endpointTypeNotAllowed(String verb, String edgeType, String end, String nodeType,
      Collection<String> allowed) {
    return new VigilException(Id.ENDPOINT_TYPE_NOT_ALLOWED, "Cannot " + verb + ": edge type " + edgeType + " may not have "
        + end + " node type " + nodeType + "; allowed: " + allowed);
  }

  public static VigilException endpointTypeAmbiguous(String verb, String edgeType, String end, Collection<String> declared) {
    return new VigilException(Id.ENDPOINT_TYPE_AMBIGUOUS, "Cannot " + verb + ": edge type " + edgeType + " declares " + end
        + " node types " + declared + ", not exactly one; name the " + end + " node type");
  }

  public static VigilException rowsConflicting(String verb, String id, String effectiveDate) {
    return new VigilException(Id.ROWS_CONFLICTING, "Cannot " + verb + ": id " + id + " appears more than once for effective date "
        + effectiveDate + " with different values; keep one row per id and effective date");
  }

  public static VigilException nodeNotFound(String verb, String graph, String nodeId) {
    return new VigilException(Id.NODE_NOT_FOUND, "Cannot " + verb + ": graph " + graph + " has no node with id " + nodeId);
  }

  public static VigilException nodeIdAmbiguous(String verb, String graph, String nodeId, Collection<String> types) {
    return new VigilException(Id.NODE_ID_AMBIGUOUS, "Cannot " + verb + ": graph " + graph + " has nodes of types " + types
        + " with id " + nodeId + "; name the node type");
  }

  public static VigilException relatedGraphMissing(String verb, String flow) {
    return new VigilException(Id.RELATED_GRAPH_MISSING, "Cannot " + verb + ": evaluation flow " + flow
        + " has no related_graph with node mappings; declare one, e.g. RelatedGraph.builder(\"public\").nodeMapping(\"AC\", \"account_id\", \"AN\")");
  }

  public static VigilException encryptedTypeUnpublishable(String verb, String what) {
    return new VigilException(Id.ENCRYPTED_TYPE_UNPUBLISHABLE, "Cannot " + verb + ": " + what
        + " is declared encrypted, and Vigil does not encrypt graph values; it would store them in clear, so it stops");
  }

  public static VigilException hopsInvalid(String verb, int hops, int limit) {
    return new VigilException(Id.HOPS_INVALID, "Cannot " + verb + ": hops must be 0 or more and the limit 1 or more, not hops "
        + hops + " and limit " + limit);
  }

  public static VigilException propertyValueInvalid(String verb, String property, String type, Object value) {
    return new VigilException(Id.PROPERTY_VALUE_INVALID, "Cannot " + verb + ": property " + property + " is " + type
        + " and the value given is a " + (value == null ? "null" : value.getClass().getSimpleName()));
  }
}
