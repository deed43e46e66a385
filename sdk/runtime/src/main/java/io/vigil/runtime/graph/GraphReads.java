package io.vigil.runtime.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.dataset.DataType;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.NodeType;
import io.vigil.api.graph.Property;
import io.vigil.runtime.errors.GraphErrors;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The graph's read queries, each on an index: the nodes of a type by their properties (the type's
 * primary-key prefix), and the ego graph, a recursive walk over the edges' source and target
 * indexes. Both read the latest version of every node and edge.
 */
final class GraphReads {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter JSON_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

  private GraphReads() {}

  static List<GraphNode> nodesByProperties(Connection c, GraphMeta meta, NodeType type, Map<String, Object> properties)
      throws SQLException {
    Map<String, Object> wanted = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : properties.entrySet()) {
      Property p = meta.nodeProperty(type, e.getKey());
      wanted.put(e.getKey(), jsonValue(meta, p, e.getValue()));
    }
    String n = meta.nodes().qualifiedName();
    // The candidates are the ids with any version that matches, which the GIN index on properties finds; of
    // those, a node is returned when its latest version still matches.
    String sql = "select id, effective_date, properties::text from (select distinct on (id) id, effective_date, properties from "
        + n + " where node_type = ? and id in (select id from " + n + " where node_type = ? and properties @> cast(? as jsonb))"
        + " order by id, effective_date desc) current where properties @> cast(? as jsonb) order by id";
    List<GraphNode> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      String json = write(wanted);
      ps.setString(1, type.identifier());
      ps.setString(2, type.identifier());
      ps.setString(3, json);
      ps.setString(4, json);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new GraphNode(type.identifier(), rs.getString(1), rs.getTimestamp(2).toLocalDateTime(), read(rs.getString(3))));
        }
      }
    }
    return out;
  }

  /** The types of the nodes with this id; a lookup per declared type on the primary key. */
  static List<String> typesOf(Connection c, GraphMeta meta, String nodeId) throws SQLException {
    List<String> types = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("select distinct node_type from " + meta.nodes().qualifiedName()
        + " where node_type = any(?) and id = ? order by node_type")) {
      ps.setArray(1, c.createArrayOf("text", meta.graph().nodes().stream().map(NodeType::identifier).toArray()));
      ps.setString(2, nodeId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          types.add(rs.getString(1));
        }
      }
    }
    return types;
  }

  static EgoGraph ego(Connection c, GraphMeta meta, String nodeType, String nodeId, int hops, int limit) throws SQLException {
    String n = meta.nodes().qualifiedName();
    String e = meta.edges().qualifiedName();
    String current = " and %1$s.effective_date = (select max(x.effective_date) from " + e + " x where x.edge_type = %1$s.edge_type"
        + " and x.id = %1$s.id)";
    String sql = "with recursive walk(node_type, id, depth) as (select cast(? as text), cast(? as text), 0"
        + " union select next.node_type, next.id, w.depth + 1 from walk w cross join lateral ("
        + "select o.target_type as node_type, o.target_node as id from " + e + " o where o.source_type = w.node_type"
        + " and o.source_node = w.id" + current.formatted("o")
        + " union all select i.source_type, i.source_node from " + e + " i where i.target_type = w.node_type"
        + " and i.target_node = w.id" + current.formatted("i") + ") next where w.depth < ?),"
        + " reached as (select node_type, id, min(depth) as depth from walk group by node_type, id)"
        + " select r.node_type, r.id, r.depth, v.effective_date, v.properties::text, exists (select 1 from " + e + " a"
        + " where a.edge_type = ? and a.target_type = r.node_type and a.target_node = r.id) as alerted"
        + " from reached r left join lateral (select effective_date, properties from " + n + " v where v.node_type = r.node_type"
        + " and v.id = r.id order by effective_date desc limit 1) v on true"
        + " order by r.depth, r.node_type, r.id limit ?";
    List<EgoNode> nodes = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, nodeType);
      ps.setString(2, nodeId);
      ps.setInt(3, hops);
      ps.setString(4, CanonicalGraph.ALERTED);
      // One more than the limit tells whether the neighbourhood was cut.
      ps.setInt(5, limit + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Timestamp date = rs.getTimestamp(4);
          String props = rs.getString(5);
          nodes.add(new EgoNode(new GraphNode(rs.getString(1), rs.getString(2), date == null ? null : date.toLocalDateTime(),
              props == null ? Map.of() : read(props)), rs.getInt(3), rs.getBoolean(6)));
        }
      }
    }
    boolean truncated = nodes.size() > limit;
    if (truncated) {
      nodes = new ArrayList<>(nodes.subList(0, limit));
    }
    return new EgoGraph(meta.graph().identifier(), nodes.get(0).node(), hops, limit, nodes, edgesAmong(c, meta, nodes), truncated);
  }

  /** The whole graph, latest versions, at most {@code limit} nodes by type and id, and the edges between them. */
  static GraphContents all(Connection c, GraphMeta meta, int limit) throws SQLException {
    String n = meta.nodes().qualifiedName();
    String sql = "select node_type, id, effective_date, properties::text, exists (select 1 from " + meta.edges().qualifiedName()
        + " a where a.edge_type = ? and a.target_type = v.node_type and a.target_node = v.id) from (select distinct on (node_type, id)"
        + " node_type, id, effective_date, properties from " + n + " order by node_type, id, effective_date desc) v"
        + " order by node_type, id limit ?";
    List<EgoNode> nodes = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, CanonicalGraph.ALERTED);
      ps.setInt(2, limit + 1);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          nodes.add(new EgoNode(new GraphNode(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toLocalDateTime(),
              read(rs.getString(4))), 0, rs.getBoolean(5)));
        }
      }
    }
    boolean truncated = nodes.size() > limit;
    if (truncated) {
      nodes = new ArrayList<>(nodes.subList(0, limit));
    }
    List<GraphEdge> edges = nodes.isEmpty() ? List.of() : edgesAmong(c, meta, nodes);
    java.util.Set<String> alerted = new java.util.HashSet<>();
    for (EgoNode e : nodes) {
      if (e.alerted()) {
        alerted.add(GraphContents.key(e.node()));
      }
    }
    return new GraphContents(meta.graph().identifier(), nodes.stream().map(EgoNode::node).toList(), edges, alerted, Map.of(),
        truncated);
  }

  private static List<GraphEdge> edgesAmong(Connection c, GraphMeta meta, List<EgoNode> nodes) throws SQLException {
    String e = meta.edges().qualifiedName();
    String sql = "with chosen(node_type, id) as (select * from unnest(cast(? as text[]), cast(? as text[])))"
        + " select g.edge_type, g.id, g.source_type, g.source_node, g.target_type, g.target_node, g.effective_date, g.properties::text"
        + " from chosen s join " + e + " g on g.source_type = s.node_type and g.source_node = s.id"
        + " join chosen t on g.target_type = t.node_type and g.target_node = t.id"
        + " where g.effective_date = (select max(x.effective_date) from " + e + " x where x.edge_type = g.edge_type and x.id = g.id)"
        + " order by g.edge_type, g.id";
    List<GraphEdge> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      Array types = c.createArrayOf("text", nodes.stream().map(x -> x.node().type()).toArray());
      Array ids = c.createArrayOf("text", nodes.stream().map(x -> x.node().id()).toArray());
      ps.setArray(1, types);
      ps.setArray(2, ids);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(new GraphEdge(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6),
              rs.getTimestamp(7).toLocalDateTime(), read(rs.getString(8))));
        }
      }
    }
    return out;
  }

  /** The value as the properties JSON holds it, checked against the property's type. */
  private static Object jsonValue(GraphMeta meta, Property p, Object value) {
    DataType type = p.type();
    boolean ok = switch (type) {
      case INT, LONG, DOUBLE -> value instanceof Number;
      case BOOLEAN -> value instanceof Boolean;
      case STRING -> value instanceof String;
      case TIMESTAMP -> value instanceof LocalDateTime || value instanceof String;
    };
    if (!ok) {
      throw GraphErrors.propertyValueInvalid(meta.verb(), p.identifier(), type.name(), value);
    }
    return value instanceof LocalDateTime t ? JSON_TIME.format(t) : value;
  }

  static Map<String, Object> read(String json) {
    try {
      return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() { });
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("The properties column holds JSON Postgres wrote", ex);
    }
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }
}
