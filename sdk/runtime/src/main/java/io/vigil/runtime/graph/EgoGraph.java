package io.vigil.runtime.graph;

import java.util.List;

/**
 * The neighbourhood of a node (S1 §19, what Network Visualizations opens on an alert): the nodes
 * at most {@code hops} edges away in either direction, nearest first, and the edges between them.
 *
 * @param graph the graph identifier
 * @param center the node asked for
 * @param hops the radius asked for
 * @param limit the most nodes returned
 * @param nodes the nodes, the centre first, then by distance, type and id
 * @param edges the edges whose both ends are among {@code nodes}
 * @param truncated more nodes were within reach than {@code limit}
 */
public record EgoGraph(String graph, GraphNode center, int hops, int limit, List<EgoNode> nodes, List<GraphEdge> edges,
    boolean truncated) {
  public EgoGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }
}
