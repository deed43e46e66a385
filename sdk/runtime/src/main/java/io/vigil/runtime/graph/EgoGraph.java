package io.vigil.runtime.graph;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

  /** The nodes and edges to draw or export, with each node's distance from the centre. */
  public GraphContents contents() {
    Map<String, Integer> distance = new HashMap<>();
    Set<String> alerted = new HashSet<>();
    for (EgoNode n : nodes) {
      distance.put(GraphContents.key(n.node()), n.hops());
      if (n.alerted()) {
        alerted.add(GraphContents.key(n.node()));
      }
    }
    return new GraphContents(graph, nodes.stream().map(EgoNode::node).toList(), edges, alerted, distance, truncated);
  }
}
