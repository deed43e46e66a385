package io.vigil.runtime.analytics.features;

import java.util.Map;
import java.util.TreeMap;

/**
 * The numbers of the values of one categorical field (the guide's {@code {'col': …, 'mapping': {None: 0, 'a': 1}}}).
 *
 * @param codes value → number
 * @param missing the number of a missing (null) value, or null to impute missing values by the
 *     transformer's strategy
 */
public record CategoryMapping(Map<String, Double> codes, Double missing) {
  public CategoryMapping {
    codes = Map.copyOf(new TreeMap<>(codes));
    codes.forEach((k, v) -> {
      if (!Double.isFinite(v)) {
        throw new IllegalArgumentException("Cannot map category '" + k + "' to " + v + ": the number must be finite");
      }
    });
    if (missing != null && !Double.isFinite(missing)) {
      throw new IllegalArgumentException("Cannot map a missing category to " + missing + ": the number must be finite");
    }
  }

  /** The mapping of the guide's dictionary: a null key, when present, numbers the missing value. */
  public static CategoryMapping of(Map<String, ? extends Number> mapping) {
    Map<String, Double> codes = new TreeMap<>();
    Double missing = null;
    for (Map.Entry<String, ? extends Number> e : mapping.entrySet()) {
      if (e.getKey() == null) {
        missing = e.getValue().doubleValue();
      } else {
        codes.put(e.getKey(), e.getValue().doubleValue());
      }
    }
    return new CategoryMapping(codes, missing);
  }
}
