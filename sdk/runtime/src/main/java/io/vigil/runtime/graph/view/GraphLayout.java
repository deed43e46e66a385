package io.vigil.runtime.graph.view;

import io.vigil.runtime.graph.GraphContents;
import io.vigil.runtime.graph.GraphEdge;
import io.vigil.runtime.graph.GraphNode;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.FRLayoutAlgorithm2D;
import org.jgrapht.alg.drawing.model.Box2D;
import org.jgrapht.alg.drawing.model.MapLayoutModel2D;
import org.jgrapht.alg.drawing.model.Point2D;
import org.jgrapht.graph.DirectedPseudograph;

/**
 * Where each node goes on the picture: JGraphT's Fruchterman-Reingold layout, seeded so that one
 * graph always gets the same picture, its result scaled into the drawing area with a margin for
 * the labels.
 *
 * @param positions each node's centre by {@link GraphContents#key}
 */
record GraphLayout(Map<String, Point2D> positions, double width, double height) {
  private static final int ITERATIONS = 300;
  private static final long SEED = 19;

  static GraphLayout of(GraphContents contents, double width, double height, double margin) {
    Graph<String, GraphEdge> graph = graph(contents);
    MapLayoutModel2D<String> model = new MapLayoutModel2D<>(Box2D.of(width, height));
    new FRLayoutAlgorithm2D<String, GraphEdge>(ITERATIONS, FRLayoutAlgorithm2D.DEFAULT_NORMALIZATION_FACTOR, new Random(SEED))
        .layout(graph, model);
    double minX = Double.MAX_VALUE;
    double minY = Double.MAX_VALUE;
    double maxX = -Double.MAX_VALUE;
    double maxY = -Double.MAX_VALUE;
    for (String v : graph.vertexSet()) {
      Point2D p = model.get(v);
      minX = Math.min(minX, p.getX());
      minY = Math.min(minY, p.getY());
      maxX = Math.max(maxX, p.getX());
      maxY = Math.max(maxY, p.getY());
    }
    Map<String, Point2D> out = new HashMap<>();
    for (String v : graph.vertexSet()) {
      Point2D p = model.get(v);
      out.put(v, new Point2D(scale(p.getX(), minX, maxX, width, margin), scale(p.getY(), minY, maxY, height, margin)));
    }
    return new GraphLayout(Map.copyOf(out), width, height);
  }

  /** The contents as a JGraphT graph: one vertex per node key, parallel edges and loops kept. */
  static Graph<String, GraphEdge> graph(GraphContents contents) {
    Graph<String, GraphEdge> graph = new DirectedPseudograph<>(GraphEdge.class);
    for (GraphNode n : contents.nodes()) {
      graph.addVertex(GraphContents.key(n));
    }
    for (GraphEdge e : contents.edges()) {
      String from = GraphContents.key(e.sourceType(), e.sourceNode());
      String to = GraphContents.key(e.targetType(), e.targetNode());
      if (graph.containsVertex(from) && graph.containsVertex(to)) {
        graph.addEdge(from, to, e);
      }
    }
    return graph;
  }

  /** A lone node (or a degenerate axis) sits in the middle. */
  private static double scale(double value, double min, double max, double size, double margin) {
    return max - min < 1e-9 ? size / 2 : margin + (value - min) / (max - min) * (size - 2 * margin);
  }
}
