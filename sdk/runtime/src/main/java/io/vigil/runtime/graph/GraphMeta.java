package io.vigil.runtime.graph;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.graph.EdgeType;
import io.vigil.api.graph.Graph;
import io.vigil.api.graph.NodeType;
import io.vigil.api.graph.Property;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.GraphErrors;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import java.util.List;

/**
 * A graph of the solution with its nodes and edges tables in the context's environment, and the
 * look-ups that turn an undeclared graph, type or property into an error naming it.
 *
 * @param verb what the caller does, for messages: "publish nodes of type AC to graph public"
 */
record GraphMeta(Graph graph, CddTable nodes, CddTable edges, String verb) {

  static GraphMeta of(RunContext context, String graphId, String verb) {
    SolutionCatalog catalog = context.catalog();
    SolutionCatalog.Entry entry = catalog.find(EntityKind.GRAPH, graphId);
    if (entry == null) {
      throw GraphErrors.graphUndeclared(verb, graphId, catalog.solution(),
          catalog.all(EntityKind.GRAPH, Graph.class).stream().map(Graph::identifier).sorted().toList());
    }
    Graph graph = (Graph) entry.entity();
    List<CddTable> tables = CddTables.graph(context.layout().cddSchema(context.environment()), graph);
    return new GraphMeta(graph, tables.get(0), tables.get(1), verb);
  }

  NodeType nodeType(String identifier) {
    NodeType type = graph.findNode(identifier);
    if (type == null) {
      throw GraphErrors.nodeTypeUndeclared(verb, graph.identifier(), identifier, graph.nodes().stream().map(NodeType::identifier).toList());
    }
    return type;
  }

  EdgeType edgeType(String identifier) {
    EdgeType type = graph.findEdge(identifier);
    if (type == null) {
      throw GraphErrors.edgeTypeUndeclared(verb, graph.identifier(), identifier, graph.edges().stream().map(EdgeType::identifier).toList());
    }
    return type;
  }

  Property nodeProperty(NodeType type, String property) {
    Property p = type.findProperty(property);
    if (p == null) {
      throw GraphErrors.propertyUndeclared(verb, "node type " + type.identifier() + " of graph " + graph.identifier(), property,
          type.properties().stream().map(Property::identifier).toList());
    }
    return p;
  }

  Property edgeProperty(EdgeType type, String property) {
    Property p = type.findProperty(property);
    if (p == null) {
      throw GraphErrors.propertyUndeclared(verb, "edge type " + type.identifier() + " of graph " + graph.identifier(), property,
          type.properties().stream().map(Property::identifier).toList());
    }
    return p;
  }

  /** Refuses encrypted types and properties: storing their values in clear would break the declaration. */
  void requireClear(NodeType type) {
    if (type.encrypted()) {
      throw GraphErrors.encryptedTypeUnpublishable(verb, "node type " + type.identifier());
    }
    for (Property p : type.properties()) {
      if (p.encrypted()) {
        throw GraphErrors.encryptedTypeUnpublishable(verb, "property " + p.identifier() + " of node type " + type.identifier());
      }
    }
  }

  void requireClear(EdgeType type) {
    if (type.encrypted()) {
      throw GraphErrors.encryptedTypeUnpublishable(verb, "edge type " + type.identifier());
    }
    for (Property p : type.properties()) {
      if (p.encrypted()) {
        throw GraphErrors.encryptedTypeUnpublishable(verb, "property " + p.identifier() + " of edge type " + type.identifier());
      }
    }
  }
}
