package io.vigil.api.connector;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector: moves data from an external source into one or more datasets (S1 §4). The {@code type}
 * key selects the variant; a connector without {@code type} is a {@link FlatFileConnector}.
 *
 * <p>File-based connectors read from a folder of the landing area, the public bucket prefix
 * {@code datasources/}. Each record goes to the targets whose condition it matches; records that
 * match none go to the default target. All target datasets share the schema of one dataset.
 */
public sealed interface Connector extends Entity
    permits FlatFileConnector, JdbcConnector, SwiftConnector, Iso20022XmlConnector {
  String DEFAULT_TYPE = "flat_file";

  /** Title in the user interface. */
  String displayName();

  /** The conditional targets, in the order records are matched against them. */
  List<Target> targets();

  /** The dataset for records that match no target; null when every record must match one. */
  String defaultTargetDatasetName();

  /**
   * The dataset whose schema is used for every dataset the connector writes. Always set for file
   * connectors; may be null for a JDBC connector, see {@link #schemaDatasetName()}.
   */
  String datasetSchemaRef();

  /** The folder under {@code datasources/} that the connector reads files from; null for JDBC. */
  String landingFolder();

  @Override
  default EntityKind kind() {
    return EntityKind.CONNECTOR;
  }

  /** The schema dataset in effect: {@link #datasetSchemaRef()}, else the default target; may be null. */
  default String schemaDatasetName() {
    return datasetSchemaRef() != null ? datasetSchemaRef() : defaultTargetDatasetName();
  }

  /** Every dataset the connector writes, targets first and then the default target, without repeats. */
  default List<String> targetDatasetNames() {
    List<String> names = new ArrayList<>();
    for (Target t : targets()) {
      if (!names.contains(t.datasetName())) {
        names.add(t.datasetName());
      }
    }
    if (defaultTargetDatasetName() != null && !names.contains(defaultTargetDatasetName())) {
      names.add(defaultTargetDatasetName());
    }
    return List.copyOf(names);
  }
}
