package io.vigil.api.graph;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;

/**
 * Links a property to a property of another node type of the same graph, so that a party's address
 * or country shows the values of its matched accounts (S1 §15.2.1).
 *
 * @param nodeIdentifier the node type that holds the referenced property, e.g. {@code AC}
 * @param propertyIdentifier the referenced property of that node type, e.g. {@code AD}
 */
public record NodePropertyReference(String nodeIdentifier, String propertyIdentifier) {
  public NodePropertyReference {
    Checks.identifier(nodeIdentifier, "node property reference", "node_identifier", Identifiers.GRAPH_ELEMENT);
    Checks.identifier(propertyIdentifier, "node property reference", "property_identifier", Identifiers.GRAPH_ELEMENT);
  }

  public static NodePropertyReference of(String nodeIdentifier, String propertyIdentifier) {
    return BuildSites.mark(new NodePropertyReference(nodeIdentifier, propertyIdentifier));
  }
}
