package io.vigil.runtime.template;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metadata of the feature an evaluation step ranked at one position for a record, as templates
 * see it: {@code {{ tr_evaluation[0].display_name }}} (S1 §7.3.1.2). Null attributes render as
 * {@code None}.
 *
 * @param displayName the feature's display name
 * @param description the feature's description
 * @param category the feature's category
 */
public record RankedFeature(String displayName, String description, String category) {
  /** The attributes under the keys templates use: display_name, description, category. */
  Map<String, Object> asMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("display_name", displayName);
    out.put("description", description);
    out.put("category", category);
    return out;
  }
}
