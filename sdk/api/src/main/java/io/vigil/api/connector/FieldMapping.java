package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * Maps a value of a nested JSON REST message to a dataset field (S1 §4.2).
 *
 * @param jsonPath dotted path in the message, e.g. {@code instructing_agent1.address.street}
 * @param field the field of the connector's schema dataset that receives the value
 */
public record FieldMapping(String jsonPath, String field) {
  public FieldMapping {
    Checks.required(jsonPath, "field mapping", "json_path");
    Checks.required(field, "field mapping " + jsonPath, "field");
  }

  public static FieldMapping of(String jsonPath, String field) {
    return BuildSites.mark(new FieldMapping(jsonPath, field));
  }
}
