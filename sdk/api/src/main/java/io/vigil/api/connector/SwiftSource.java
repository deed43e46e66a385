package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a SWIFT connector reads RJE files of MT messages, and how it maps them (S1 §4.3.2).
 *
 * @param folder landing folder relative to {@code datasources/}, e.g. {@code swift_rje}
 * @param timestampConf how each record is timestamped; null uses the execution date
 * @param datasetSchemaRef the dataset whose schema every target dataset shares
 * @param validateEnable validate the messages against the SWIFT standard before mapping
 * @param mapping one mapping per group of message types; at least one
 */
public record SwiftSource(
    String folder,
    TimestampConf timestampConf,
    String datasetSchemaRef,
    boolean validateEnable,
    List<SwiftMapping> mapping) {

  public SwiftSource {
    LandingFolders.check(folder, "SWIFT source");
    String what = "SWIFT source " + folder;
    Checks.required(datasetSchemaRef, what, "dataset_schema_ref");
    mapping = Checks.list(mapping);
    Checks.valid(!mapping.isEmpty(), what, "mapping", "must not be empty; add a SwiftMapping per message type");
  }

  public static Builder builder(String folder, String datasetSchemaRef) {
    return new Builder(folder, datasetSchemaRef);
  }

  public Builder toBuilder() {
    Builder b = new Builder(folder, datasetSchemaRef).timestampConf(timestampConf).validateEnable(validateEnable);
    b.mapping.addAll(mapping);
    return b;
  }

  public static final class Builder {
    private final String folder;
    private final String datasetSchemaRef;
    private TimestampConf timestampConf;
    private boolean validateEnable;
    private final List<SwiftMapping> mapping = new ArrayList<>();

    private Builder(String folder, String datasetSchemaRef) {
      this.folder = folder;
      this.datasetSchemaRef = datasetSchemaRef;
    }

    public Builder timestampConf(TimestampConf timestampConf) {
      this.timestampConf = timestampConf;
      return this;
    }

    public Builder validateEnable(boolean validateEnable) {
      this.validateEnable = validateEnable;
      return this;
    }

    public Builder addMapping(SwiftMapping mapping) {
      this.mapping.add(mapping);
      return this;
    }

    public SwiftSource build() {
      return BuildSites.mark(new SwiftSource(folder, timestampConf, datasetSchemaRef, validateEnable, mapping));
    }
  }
}
