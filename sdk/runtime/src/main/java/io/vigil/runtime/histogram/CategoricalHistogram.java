package io.vigil.runtime.histogram;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The counts of a categorical feature by value: the most frequent values (ties by value), and the
 * rows of every other value together.
 *
 * @param feature the feature
 * @param rows the rows counted
 * @param missing rows without a value
 * @param counts count by value, most frequent first
 * @param other rows whose value is not among {@code counts}
 */
public record CategoricalHistogram(String feature, long rows, long missing, Map<String, Long> counts, long other)
    implements FeatureHistogram {
  public CategoricalHistogram {
    Objects.requireNonNull(feature, "feature");
    counts = Collections.unmodifiableMap(new LinkedHashMap<>(counts));
  }

  /** The training rows with {@code value}; null for a value folded into {@link #other()} or never seen. */
  public Long countOf(String value) {
    return counts.get(value);
  }
}
