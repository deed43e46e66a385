package io.vigil.api.graph;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A graph published for Network Visualizations: typed nodes joined by typed, directed edges, each
 * with an effective time (S1 §19.1). A solution may define several graphs, one per data permission,
 * to segregate data by geography. Node and edge identifiers are fixed acronyms; start from
 * {@link CanonicalGraph}.
 *
 * <pre>{@code
 * Graph graph = Graph.builder("public")
 *     .addNode(CanonicalGraph.accountNode())
 *     .addNode(CanonicalGraph.alertNode())
 *     .addEdge(CanonicalGraph.transactionEdge())
 *     .addEdge(CanonicalGraph.alertedEdge())
 *     .dataPermission("dpv:public")
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable; referenced by evaluation flows' {@code related_graph}
 * @param displayName title in Network Visualizations
 * @param description free text
 * @param nodes the node types
 * @param edges the edge types
 * @param dataPermission the user group allowed to see the graph, e.g. {@code dpv:public}
 */
public record Graph(
    String identifier,
    String displayName,
    String description,
    List<NodeType> nodes,
    List<EdgeType> edges,
    String dataPermission)
    implements Entity {

  public Graph {
    Checks.entityIdentifier(identifier, "graph");
    nodes = Checks.list(nodes);
    edges = Checks.list(edges);
  }

  @Override
  public EntityKind kind() {
    return EntityKind.GRAPH;
  }

  /** The node type with this identifier, or null. */
  public NodeType findNode(String nodeIdentifier) {
    for (NodeType n : nodes) {
      if (n.identifier().equals(nodeIdentifier)) {
        return n;
      }
    }
    return null;
  }

  /** The edge type with this identifier, or null. */
  public EdgeType findEdge(String edgeIdentifier) {
    for (EdgeType e : edges) {
      if (e.identifier().equals(edgeIdentifier)) {
        return e;
      }
    }
    return null;
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier);
    b.displayName = displayName;
    b.description = description;
    b.nodes.addAll(nodes);
    b.edges.addAll(edges);
    b.dataPermission = dataPermission;
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String displayName;
    private String description;
    private final List<NodeType> nodes = new ArrayList<>();
    private final List<EdgeType> edges = new ArrayList<>();
    private String dataPermission;

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder addNode(NodeType node) {
      this.nodes.add(node);
      return this;
    }

    /** Replaces the node types. */
    public Builder nodes(List<NodeType> nodes) {
      this.nodes.clear();
      this.nodes.addAll(nodes);
      return this;
    }

    public Builder addEdge(EdgeType edge) {
      this.edges.add(edge);
      return this;
    }

    /** Replaces the edge types. */
    public Builder edges(List<EdgeType> edges) {
      this.edges.clear();
      this.edges.addAll(edges);
      return this;
    }

    public Builder dataPermission(String dataPermission) {
      this.dataPermission = dataPermission;
      return this;
    }

    public Graph build() {
      return BuildSites.mark(new Graph(identifier, displayName, description, nodes, edges, dataPermission));
    }
  }
}
