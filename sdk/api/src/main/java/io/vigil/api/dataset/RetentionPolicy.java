package io.vigil.api.dataset;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * How long data is kept before purge (S1 §3.4.4): on an APPEND dataset by occurred-on month, on a
 * connector source by execution date of the raw files.
 *
 * @param monthsToKeep months of data to keep, at least 1
 */
public record RetentionPolicy(int monthsToKeep) {
  public RetentionPolicy {
    Checks.valid(monthsToKeep > 0, "retention policy", "months_to_keep", "must be positive: " + monthsToKeep);
  }

  public static RetentionPolicy months(int monthsToKeep) {
    return BuildSites.mark(new RetentionPolicy(monthsToKeep));
  }
}
