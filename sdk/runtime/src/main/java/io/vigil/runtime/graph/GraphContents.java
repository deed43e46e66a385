package io.vigil.runtime.graph;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Nodes and edges of a graph to draw or export: an ego graph, or the whole graph.
 *
 * @param graph the graph identifier
 * @param nodes the nodes, latest versions
 * @param edges the edges between them, latest versions
 * @param alerted the nodes an AL edge reaches, as {@link #key} gives them
 * @param hops each node's distance from the ego graph's centre by {@link #key}; empty for a whole graph
 * @param truncated the limit cut off nodes
 */
public record GraphContents(String graph, List<GraphNode> nodes, List<GraphEdge> edges, Set<String> alerted,
    Map<String, Integer> hops, boolean truncated) {
  public GraphContents {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
    alerted = Set.copyOf(alerted);
    hops = Map.copyOf(hops);
  }

  /** A node's key, unique in a graph: its type and id, {@code AC:DE89…}. */
  public static String key(String type, String id) {
    return type + ":" + id;
  }

  public static String key(GraphNode node) {
    return key(node.type(), node.id());
  }
}
