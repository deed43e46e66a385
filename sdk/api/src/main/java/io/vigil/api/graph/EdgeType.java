package io.vigil.api.graph;

import io.vigil.api.dataset.DataType;
import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A type of directed edge in a graph, such as transaction ({@code TX}), alerted ({@code AL}),
 * entity-resolution match ({@code ER}) or owner ({@code OW}) (S1 §19.1, §15.2.1).
 *
 * <p>{@code sourceNodeTypes} and {@code targetNodeTypes} are a Vigil addition: they declare which node
 * types an edge may connect, so that sync can type the edge table and the validator can check that
 * all possible source (or target) node types agree on encryption (V-35). An empty list means "any
 * node type of the graph"; that is then checked only when edges are published.
 *
 * <pre>{@code
 * EdgeType tx = EdgeType.builder("TX")
 *     .displayName("Transaction")
 *     .addProperty("AM", DataType.DOUBLE)
 *     .sourceNodeTypes("AC")
 *     .targetNodeTypes("AC")
 *     .build();
 * }</pre>
 *
 * @param identifier unique among the graph's edge types; fixed for the canonical catalogue
 * @param displayName title in Network Visualizations
 * @param description free text
 * @param properties the edge's properties, in column order
 * @param writeAllowed the Investigation Center may create and edit edges of this type; required for ER
 * @param encrypted edge identifiers are stored encrypted
 * @param audited reads of decrypted edge identifiers are audited; meaningful only when encrypted
 * @param sourceNodeTypes the node types an edge may start at; empty means any
 * @param targetNodeTypes the node types an edge may end at; empty means any
 */
public record EdgeType(
    String identifier,
    String displayName,
    String description,
    List<Property> properties,
    boolean writeAllowed,
    boolean encrypted,
    boolean audited,
    List<String> sourceNodeTypes,
    List<String> targetNodeTypes) {

  public EdgeType {
    Checks.identifier(identifier, "edge type", "identifier", Identifiers.GRAPH_ELEMENT);
    String what = "edge type " + identifier;
    properties = Checks.list(properties);
    sourceNodeTypes = nodeTypes(sourceNodeTypes, what, "source_node_types");
    targetNodeTypes = nodeTypes(targetNodeTypes, what, "target_node_types");
  }

  private static List<String> nodeTypes(List<String> value, String what, String key) {
    List<String> types = Checks.list(value);
    for (int i = 0; i < types.size(); i++) {
      Checks.identifier(types.get(i), what, key + "[" + i + "]", Identifiers.GRAPH_ELEMENT);
    }
    return types;
  }

  /** The property with this identifier, or null. */
  public Property findProperty(String propertyIdentifier) {
    return NodeType.find(properties, propertyIdentifier);
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier);
    b.displayName = displayName;
    b.description = description;
    b.properties.addAll(properties);
    b.writeAllowed = writeAllowed;
    b.encrypted = encrypted;
    b.audited = audited;
    b.sourceNodeTypes.addAll(sourceNodeTypes);
    b.targetNodeTypes.addAll(targetNodeTypes);
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String displayName;
    private String description;
    private final List<Property> properties = new ArrayList<>();
    private boolean writeAllowed;
    private boolean encrypted;
    private boolean audited;
    private final List<String> sourceNodeTypes = new ArrayList<>();
    private final List<String> targetNodeTypes = new ArrayList<>();

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

    public Builder addProperty(Property property) {
      this.properties.add(property);
      return this;
    }

    /** Adds a property with only an identifier and a type. */
    public Builder addProperty(String propertyIdentifier, DataType type) {
      return addProperty(Property.of(propertyIdentifier, type));
    }

    /** Replaces the property list. */
    public Builder properties(List<Property> properties) {
      this.properties.clear();
      this.properties.addAll(properties);
      return this;
    }

    public Builder writeAllowed(boolean writeAllowed) {
      this.writeAllowed = writeAllowed;
      return this;
    }

    public Builder encrypted(boolean encrypted) {
      this.encrypted = encrypted;
      return this;
    }

    public Builder audited(boolean audited) {
      this.audited = audited;
      return this;
    }

    /** Replaces the node types an edge may start at. */
    public Builder sourceNodeTypes(String... nodeTypes) {
      this.sourceNodeTypes.clear();
      this.sourceNodeTypes.addAll(Arrays.asList(nodeTypes));
      return this;
    }

    /** Replaces the node types an edge may end at. */
    public Builder targetNodeTypes(String... nodeTypes) {
      this.targetNodeTypes.clear();
      this.targetNodeTypes.addAll(Arrays.asList(nodeTypes));
      return this;
    }

    public EdgeType build() {
      return BuildSites.mark(new EdgeType(identifier, displayName, description, properties, writeAllowed, encrypted,
          audited, sourceNodeTypes, targetNodeTypes));
    }
  }
}
