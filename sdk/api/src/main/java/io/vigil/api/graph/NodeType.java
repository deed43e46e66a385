package io.vigil.api.graph;

import io.vigil.api.dataset.DataType;
import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import java.util.ArrayList;
import java.util.List;

/**
 * A type of node in a graph, such as account ({@code AC}), alerted activity ({@code AL}) or party
 * ({@code PR}) (S1 §19.1, §15.2.1). Nodes of one type share a table with one column per property.
 *
 * <pre>{@code
 * NodeType account = NodeType.builder("AC")
 *     .displayName("Account")
 *     .addProperty(Property.builder("AN", DataType.STRING).isKey(true).build())
 *     .addProperty("NM", DataType.STRING)
 *     .build();
 * }</pre>
 *
 * @param identifier unique within the graph; fixed for the canonical catalogue of CanonicalGraph
 * @param displayName title in Network Visualizations
 * @param description free text
 * @param properties the node's properties, in column order
 * @param writeAllowed the Investigation Center may create and edit nodes of this type; required for the party node
 * @param encrypted node identifiers are stored encrypted; needs a STRING key
 * @param audited reads of decrypted node identifiers are audited; meaningful only when encrypted
 */
public record NodeType(
    String identifier,
    String displayName,
    String description,
    List<Property> properties,
    boolean writeAllowed,
    boolean encrypted,
    boolean audited) {

  public NodeType {
    Checks.identifier(identifier, "node type", "identifier", Identifiers.GRAPH_ELEMENT);
    properties = Checks.list(properties);
  }

  /** The property with this identifier, or null. */
  public Property findProperty(String propertyIdentifier) {
    return find(properties, propertyIdentifier);
  }

  /** The first property marked is_key, or null when the node type has none. */
  public Property keyProperty() {
    return properties.stream().filter(Property::isKey).findFirst().orElse(null);
  }

  static Property find(List<Property> properties, String propertyIdentifier) {
    for (Property p : properties) {
      if (p.identifier().equals(propertyIdentifier)) {
        return p;
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
    b.properties.addAll(properties);
    b.writeAllowed = writeAllowed;
    b.encrypted = encrypted;
    b.audited = audited;
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

    public NodeType build() {
      return BuildSites.mark(new NodeType(identifier, displayName, description, properties, writeAllowed, encrypted, audited));
    }
  }
}
