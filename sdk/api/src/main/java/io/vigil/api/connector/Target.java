package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * A dataset a connector writes to, with the entry condition records must match (S1 §4.1.4).
 *
 * @param datasetName the target dataset; it must have every field of the connector's schema dataset
 * @param condition Spark SQL filter, e.g. {@code country = 'ES'}; null takes every record
 */
public record Target(String datasetName, String condition) {
  public Target {
    Checks.required(datasetName, "target", "dataset_name");
  }

  /** A target that takes every record. */
  public static Target of(String datasetName) {
    return of(datasetName, null);
  }

  public static Target of(String datasetName, String condition) {
    return BuildSites.mark(new Target(datasetName, condition));
  }
}
