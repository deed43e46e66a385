package io.vigil.runtime.graph;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One edge of a graph as read back: its latest version.
 *
 * @param type the edge type, e.g. TX
 * @param id the edge id
 * @param effectiveDate when this version took effect
 * @param properties the properties by short key (AM, CR, …)
 */
public record GraphEdge(String type, String id, String sourceType, String sourceNode, String targetType, String targetNode,
    LocalDateTime effectiveDate, Map<String, Object> properties) {
  public GraphEdge {
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }

  /** A numeric property as a double, or null when the edge has none by that key. */
  public Double number(String property) {
    return properties.get(property) instanceof Number n ? n.doubleValue() : null;
  }
}
