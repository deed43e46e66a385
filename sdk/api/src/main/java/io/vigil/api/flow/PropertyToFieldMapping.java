package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * Links a field of the evaluated activities to a property of a graph node type, so an alert opens on
 * its node in Network Visualizations (S1 §19.2).
 *
 * @param field the field of the flow's input dataset, e.g. {@code account_id}
 * @param property the node type property holding the same value, e.g. {@code AN}
 */
public record PropertyToFieldMapping(String field, String property) {
  public PropertyToFieldMapping {
    Checks.required(field, "property to field mapping", "field");
    Checks.required(property, "property to field mapping " + field, "property");
  }

  public static PropertyToFieldMapping of(String field, String property) {
    return BuildSites.mark(new PropertyToFieldMapping(field, property));
  }
}
