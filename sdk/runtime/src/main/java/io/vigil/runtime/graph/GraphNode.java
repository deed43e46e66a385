package io.vigil.runtime.graph;

import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One node of a graph as read back: its latest version.
 *
 * @param type the node type, e.g. AC
 * @param id the node id
 * @param effectiveDate when this version took effect
 * @param properties the properties by short key (AN, NM, …), as JSON gives them
 */
public record GraphNode(String type, String id, LocalDateTime effectiveDate, Map<String, Object> properties) {
  public GraphNode {
    // Property values may be JSON null, which Map.copyOf refuses.
    properties = Collections.unmodifiableMap(new LinkedHashMap<>(properties));
  }
}
