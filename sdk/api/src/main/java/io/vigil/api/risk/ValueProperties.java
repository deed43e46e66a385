package io.vigil.api.risk;

import io.vigil.api.entity.BuildSites;

/**
 * How one classification value of a variable is shown and ranked, e.g. {@code VH} shown as
 * "Very High" with priority 4 (S1 §13.4.2). {@code classify_by_priority} breaks ties between rules
 * of equal priority by this priority, highest first.
 *
 * @param displayName the value's label in the Investigation Center and reports
 * @param priority the value's rank; higher is more severe
 */
public record ValueProperties(String displayName, Integer priority) {
  public static ValueProperties of(String displayName, Integer priority) {
    return BuildSites.mark(new ValueProperties(displayName, priority));
  }
}
