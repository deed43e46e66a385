package io.vigil.runtime.graph.view;

import io.vigil.api.graph.CanonicalGraph;
import io.vigil.runtime.graph.EgoGraph;
import io.vigil.runtime.graph.GraphContents;
import io.vigil.runtime.graph.GraphEdge;
import io.vigil.runtime.graph.GraphNode;
import io.vigil.runtime.report.page.Html;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import org.jgrapht.Graph;
import org.jgrapht.alg.drawing.model.Point2D;

/**
 * The ego graph as a self-contained HTML page (XHTML, so any XML parser reads it): an inline SVG
 * with one {@code <g class="node">} per node, coloured by type, a red ring on alerted nodes, and
 * edges as arrows whose width grows with their amount (AM); hovering shows the properties. It
 * loads nothing from the network.
 */
public final class EgoPage {
  static final double WIDTH = 960;
  static final double HEIGHT = 640;
  // Labels are drawn right of their node: the margin keeps the longest on the canvas.
  private static final double MARGIN = 120;
  private static final double RADIUS = 12;
  private static final double MAX_EDGE_WIDTH = 9;
  private static final int LABEL_CHARS = 24;
  /** Canonical types keep their colours; other types take the palette in turn. */
  private static final Map<String, String> CANONICAL_COLOURS = Map.of(CanonicalGraph.ACCOUNT, "#3b82f6",
      CanonicalGraph.ALERT, "#f59e0b", CanonicalGraph.PARTY, "#10b981");
  private static final List<String> PALETTE = List.of("#8b5cf6", "#ec4899", "#14b8a6", "#84cc16", "#64748b", "#a16207");

  private EgoPage() {}

  /** The page of {@code ego}. */
  public static String html(EgoGraph ego) {
    GraphNode c = ego.center();
    String title = "Ego graph of " + c.type() + " " + c.id() + " in graph " + ego.graph();
    String summary = ego.nodes().size() + " nodes and " + ego.edges().size() + " edges within " + ego.hops() + " hops"
        + (ego.truncated() ? ", cut at the limit of " + ego.limit() + " nodes (nearest first)" : "");
    return html(title, summary, ego.contents(), GraphContents.key(c));
  }

  /** A page of any contents; {@code center} (a node key, or null) is drawn larger. */
  public static String html(String title, String summary, GraphContents contents, String center) {
    GraphLayout layout = GraphLayout.of(contents, WIDTH, HEIGHT, MARGIN);
    Graph<String, GraphEdge> graph = GraphLayout.graph(contents);
    Map<String, String> colours = colours(contents);
    double maxAmount = contents.edges().stream().map(e -> e.number("AM")).filter(a -> a != null).mapToDouble(Math::abs).max().orElse(0);
    StringBuilder out = new StringBuilder(8192);
    out.append("<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\"><head><meta charset=\"utf-8\"/>")
        .append("<title>").append(Html.escape(title)).append("</title><style>")
        .append("body{font-family:sans-serif;margin:1.5em;color:#111}svg{border:1px solid #ddd;background:#fcfcfc}")
        .append(".edge{stroke:#888;stroke-opacity:.75}.node text{font-size:11px;fill:#222}")
        .append(".alerted circle{stroke:#dc2626;stroke-width:4}.center circle{stroke:#111;stroke-width:2}")
        .append("table{border-collapse:collapse;margin-top:1em}td{padding:2px 8px}.swatch{display:inline-block;width:12px;height:12px;")
        .append("border-radius:6px}</style></head><body>\n<h1>").append(Html.escape(title)).append("</h1>\n<p>")
        .append(Html.escape(summary)).append(". Edge width grows with the amount (AM); a red ring marks an alerted node.</p>\n");
    out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(num(WIDTH)).append("\" height=\"").append(num(HEIGHT))
        .append("\" viewBox=\"0 0 ").append(num(WIDTH)).append(' ').append(num(HEIGHT)).append("\" role=\"img\">")
        .append("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"12\" markerHeight=\"12\"")
        .append(" markerUnits=\"userSpaceOnUse\"")
        .append(" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#888\"/></marker></defs>\n<g class=\"edges\">");
    for (GraphEdge e : graph.edgeSet().stream().sorted((a, b) -> (a.type() + a.id()).compareTo(b.type() + b.id())).toList()) {
      edge(out, e, layout, maxAmount);
    }
    out.append("</g>\n<g class=\"nodes\">");
    for (GraphNode n : contents.nodes()) {
      node(out, n, layout, colours.get(n.type()), contents, center);
    }
    out.append("</g></svg>\n<table><tr><th>Type</th><th>Nodes</th></tr>");
    for (Map.Entry<String, String> t : colours.entrySet()) {
      long count = contents.nodes().stream().filter(n -> n.type().equals(t.getKey())).count();
      out.append("<tr><td><span class=\"swatch\" style=\"background:").append(t.getValue()).append("\"></span> ")
          .append(Html.escape(t.getKey())).append("</td><td>").append(count).append("</td></tr>");
    }
    out.append("</table>\n</body></html>\n");
    return out.toString();
  }

  private static void edge(StringBuilder out, GraphEdge e, GraphLayout layout, double maxAmount) {
    Point2D from = layout.positions().get(GraphContents.key(e.sourceType(), e.sourceNode()));
    Point2D to = layout.positions().get(GraphContents.key(e.targetType(), e.targetNode()));
    Double amount = e.number("AM");
    double width = amount == null || maxAmount == 0 ? 1 : 1 + (MAX_EDGE_WIDTH - 1) * Math.sqrt(Math.abs(amount) / maxAmount);
    double dx = to.getX() - from.getX();
    double dy = to.getY() - from.getY();
    double length = Math.max(Math.hypot(dx, dy), 1e-9);
    // The arrow stops at the target's circle rather than under it.
    double shorten = Math.min(RADIUS + 2, length / 2);
    out.append("<line class=\"edge\" data-type=\"").append(Html.escape(e.type())).append("\" data-id=\"").append(Html.escape(e.id()))
        .append("\" x1=\"").append(num(from.getX())).append("\" y1=\"").append(num(from.getY()))
        .append("\" x2=\"").append(num(to.getX() - dx / length * shorten)).append("\" y2=\"").append(num(to.getY() - dy / length * shorten))
        .append("\" stroke-width=\"").append(num(width)).append("\" marker-end=\"url(#arrow)\"><title>")
        .append(Html.escape(e.type() + " " + e.id() + " " + e.sourceNode() + " → " + e.targetNode() + " " + e.properties()))
        .append("</title></line>");
  }

  private static void node(StringBuilder out, GraphNode n, GraphLayout layout, String colour, GraphContents contents, String center) {
    String key = GraphContents.key(n);
    Point2D p = layout.positions().get(key);
    boolean alerted = contents.alerted().contains(key);
    boolean isCenter = key.equals(center);
    String classes = "node" + (alerted ? " alerted" : "") + (isCenter ? " center" : "");
    Object name = n.properties().get("NM");
    String label = name instanceof String s && !s.isBlank() ? s : n.id();
    if (label.length() > LABEL_CHARS) {
      label = label.substring(0, LABEL_CHARS - 1) + "…";
    }
    Integer hops = contents.hops().get(key);
    out.append("<g class=\"").append(classes).append("\" data-type=\"").append(Html.escape(n.type())).append("\" data-id=\"")
        .append(Html.escape(n.id())).append("\" data-alerted=\"").append(alerted).append("\" transform=\"translate(")
        .append(num(p.getX())).append(',').append(num(p.getY())).append(")\"><circle r=\"").append(num(isCenter ? RADIUS * 1.4 : RADIUS))
        .append("\" fill=\"").append(colour).append("\"/><text x=\"").append(num(RADIUS + 4)).append("\" y=\"4\">")
        .append(Html.escape(label)).append("</text><title>")
        .append(Html.escape(n.type() + " " + n.id() + (hops == null ? "" : ", " + hops + " hops") + (alerted ? ", alerted" : "")
            + ", effective " + n.effectiveDate() + " " + n.properties()))
        .append("</title></g>");
  }

  private static Map<String, String> colours(GraphContents contents) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    List<String> others = new ArrayList<>();
    for (String type : new TreeSet<>(contents.nodes().stream().map(GraphNode::type).toList())) {
      if (CANONICAL_COLOURS.containsKey(type)) {
        out.put(type, CANONICAL_COLOURS.get(type));
      } else {
        others.add(type);
      }
    }
    for (int i = 0; i < others.size(); i++) {
      out.put(others.get(i), PALETTE.get(i % PALETTE.size()));
    }
    return out;
  }

  private static String num(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
