package io.vigil.api.graph;

import io.vigil.api.dataset.DataType;
import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;

/**
 * A property of a node or edge type: one column of the published node or edge table (S1 §19.1,
 * §15.2.1). Identifiers are short acronyms such as {@code AN} or {@code UON}.
 *
 * <pre>{@code
 * Property iban = Property.builder("AN", DataType.STRING).displayName("IBAN").isKey(true).build();
 * Property country = Property.builder("CT", DataType.STRING).reference("AC", "CT").build();
 * }</pre>
 *
 * @param identifier unique within its node or edge type; fixed for the canonical catalogue
 * @param displayName title in Network Visualizations
 * @param description free text
 * @param type the property's data type
 * @param isKey the property identifies the node; at most one per node type
 * @param reference the account property whose values this party property shows
 * @param encrypted stored encrypted in the property JSON; STRING properties only
 * @param audited reads of the decrypted value are audited; meaningful only when encrypted
 */
public record Property(
    String identifier,
    String displayName,
    String description,
    DataType type,
    boolean isKey,
    NodePropertyReference reference,
    boolean encrypted,
    boolean audited) {

  public Property {
    Checks.identifier(identifier, "graph property", "identifier", Identifiers.GRAPH_ELEMENT);
    Checks.required(type, "graph property " + identifier, "type");
  }

  /** A property with only an identifier and a type. */
  public static Property of(String identifier, DataType type) {
    return builder(identifier, type).build();
  }

  public static Builder builder(String identifier, DataType type) {
    return new Builder(identifier, type);
  }

  public Builder toBuilder() {
    return new Builder(identifier, type)
        .displayName(displayName)
        .description(description)
        .isKey(isKey)
        .reference(reference)
        .encrypted(encrypted)
        .audited(audited);
  }

  public static final class Builder {
    private final String identifier;
    private final DataType type;
    private String displayName;
    private String description;
    private boolean isKey;
    private NodePropertyReference reference;
    private boolean encrypted;
    private boolean audited;

    private Builder(String identifier, DataType type) {
      this.identifier = identifier;
      this.type = type;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder isKey(boolean isKey) {
      this.isKey = isKey;
      return this;
    }

    public Builder reference(NodePropertyReference reference) {
      this.reference = reference;
      return this;
    }

    /** References property {@code propertyIdentifier} of node type {@code nodeIdentifier}. */
    public Builder reference(String nodeIdentifier, String propertyIdentifier) {
      return reference(NodePropertyReference.of(nodeIdentifier, propertyIdentifier));
    }

    public Builder encrypted(boolean encrypted) {
      this.encrypted = encrypted;
      return this;
    }

    public Builder audited(boolean audited) {
      this.audited = audited;
      return this;
    }

    public Property build() {
      return BuildSites.mark(new Property(identifier, displayName, description, type, isKey, reference, encrypted, audited));
    }
  }
}
