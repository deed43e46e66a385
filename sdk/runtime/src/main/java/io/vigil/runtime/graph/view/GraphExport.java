package io.vigil.runtime.graph.view;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.runtime.graph.GraphContents;
import io.vigil.runtime.graph.GraphEdge;
import io.vigil.runtime.graph.GraphNode;
import io.vigil.runtime.report.page.Html;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Graph contents for external tools: GraphML (Gephi, yEd, Cytoscape, NetworkX) written with the
 * JDK's XML stream writer, and plain JSON. Node ids are their keys ({@code AC:DE89…}) because ids
 * are unique only within a type; every property is a GraphML key of its own.
 */
public final class GraphExport {
  private static final String GRAPHML = "http://graphml.graphdrawing.org/xmlns";
  private static final String NODE_PROPERTY = "node_property_";
  private static final String EDGE_PROPERTY = "edge_property_";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private GraphExport() {}

  public static String json(GraphContents contents) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("graph", contents.graph());
    out.put("truncated", contents.truncated());
    List<Map<String, Object>> nodes = new ArrayList<>();
    for (GraphNode n : contents.nodes()) {
      Map<String, Object> node = new LinkedHashMap<>();
      node.put("key", GraphContents.key(n));
      node.put("type", n.type());
      node.put("id", n.id());
      node.put("effective_date", n.effectiveDate() == null ? null : n.effectiveDate().toString());
      node.put("alerted", contents.alerted().contains(GraphContents.key(n)));
      if (contents.hops().containsKey(GraphContents.key(n))) {
        node.put("hops", contents.hops().get(GraphContents.key(n)));
      }
      node.put("properties", n.properties());
      nodes.add(node);
    }
    out.put("nodes", nodes);
    List<Map<String, Object>> edges = new ArrayList<>();
    for (GraphEdge e : contents.edges()) {
      Map<String, Object> edge = new LinkedHashMap<>();
      edge.put("type", e.type());
      edge.put("id", e.id());
      edge.put("source", GraphContents.key(e.sourceType(), e.sourceNode()));
      edge.put("target", GraphContents.key(e.targetType(), e.targetNode()));
      edge.put("effective_date", e.effectiveDate().toString());
      edge.put("properties", e.properties());
      edges.add(edge);
    }
    out.put("edges", edges);
    try {
      return JSON.writeValueAsString(out) + "\n";
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  public static String graphml(GraphContents contents) {
    StringWriter text = new StringWriter();
    try {
      XMLStreamWriter w = XMLOutputFactory.newInstance().createXMLStreamWriter(text);
      w.writeStartDocument("UTF-8", "1.0");
      w.writeStartElement("graphml");
      w.writeDefaultNamespace(GRAPHML);
      key(w, "node", "type", "type", "string");
      key(w, "node", "id", "node_id", "string");
      key(w, "node", "effective_date", "effective_date", "string");
      key(w, "node", "alerted", "alerted", "boolean");
      key(w, "node", "hops", "hops", "int");
      key(w, "edge", "type", "edge_type", "string");
      key(w, "edge", "id", "edge_id", "string");
      key(w, "edge", "effective_date", "edge_effective_date", "string");
      TreeSet<String> nodeProps = new TreeSet<>();
      contents.nodes().forEach(n -> nodeProps.addAll(n.properties().keySet()));
      TreeSet<String> edgeProps = new TreeSet<>();
      contents.edges().forEach(e -> edgeProps.addAll(e.properties().keySet()));
      // Properties get a prefix of their own: a property named id or type must not take a fixed key's id.
      for (String p : nodeProps) {
        key(w, "node", p, NODE_PROPERTY + p, "string");
      }
      for (String p : edgeProps) {
        key(w, "edge", p, EDGE_PROPERTY + p, "string");
      }
      w.writeStartElement("graph");
      w.writeAttribute("id", contents.graph());
      w.writeAttribute("edgedefault", "directed");
      for (GraphNode n : contents.nodes()) {
        String k = GraphContents.key(n);
        w.writeStartElement("node");
        w.writeAttribute("id", Html.xmlSafe(k));
        data(w, "type", n.type());
        data(w, "node_id", n.id());
        data(w, "effective_date", n.effectiveDate() == null ? null : n.effectiveDate().toString());
        data(w, "alerted", String.valueOf(contents.alerted().contains(k)));
        Integer hops = contents.hops().get(k);
        data(w, "hops", hops == null ? null : hops.toString());
        for (Map.Entry<String, Object> p : n.properties().entrySet()) {
          data(w, NODE_PROPERTY + p.getKey(), p.getValue() == null ? null : p.getValue().toString());
        }
        w.writeEndElement();
      }
      for (GraphEdge e : contents.edges()) {
        w.writeStartElement("edge");
        w.writeAttribute("id", Html.xmlSafe(GraphContents.key(e.type(), e.id())));
        w.writeAttribute("source", Html.xmlSafe(GraphContents.key(e.sourceType(), e.sourceNode())));
        w.writeAttribute("target", Html.xmlSafe(GraphContents.key(e.targetType(), e.targetNode())));
        data(w, "edge_type", e.type());
        data(w, "edge_id", e.id());
        data(w, "edge_effective_date", e.effectiveDate().toString());
        for (Map.Entry<String, Object> p : e.properties().entrySet()) {
          data(w, EDGE_PROPERTY + p.getKey(), p.getValue() == null ? null : p.getValue().toString());
        }
        w.writeEndElement();
      }
      w.writeEndElement();
      w.writeEndElement();
      w.writeEndDocument();
      w.close();
    } catch (XMLStreamException ex) {
      throw new IllegalStateException("Writing XML to a string cannot fail", ex);
    }
    return text + "\n";
  }

  private static void key(XMLStreamWriter w, String scope, String name, String id, String type) throws XMLStreamException {
    w.writeEmptyElement("key");
    w.writeAttribute("id", id);
    w.writeAttribute("for", scope);
    w.writeAttribute("attr.name", name);
    w.writeAttribute("attr.type", type);
  }

  private static void data(XMLStreamWriter w, String key, String value) throws XMLStreamException {
    if (value == null) {
      return;
    }
    w.writeStartElement("data");
    w.writeAttribute("key", key);
    w.writeCharacters(Html.xmlSafe(value));
    w.writeEndElement();
  }
}
