package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * Where an ISO 20022 XML connector reads its files, and how it maps them (S1 §4.4.2).
 *
 * @param folder landing folder relative to {@code datasources/}, e.g. {@code mx_pacs_full}
 * @param timestampConf how each record is timestamped; null uses the execution date
 * @param datasetSchemaRef the dataset whose schema every target dataset shares
 * @param validateEnable validate the XML against the message schema before mapping
 * @param mapping the mapping; exactly one is supported (V-14)
 */
public record Iso20022XmlSource(
    String folder,
    TimestampConf timestampConf,
    String datasetSchemaRef,
    boolean validateEnable,
    List<Iso20022XmlMapping> mapping) {

  public Iso20022XmlSource {
    LandingFolders.check(folder, "ISO 20022 XML source");
    Checks.required(datasetSchemaRef, "ISO 20022 XML source " + folder, "dataset_schema_ref");
    mapping = Checks.list(mapping);
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
    private final List<Iso20022XmlMapping> mapping = new ArrayList<>();

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

    public Builder addMapping(Iso20022XmlMapping mapping) {
      this.mapping.add(mapping);
      return this;
    }

    public Iso20022XmlSource build() {
      return BuildSites.mark(
          new Iso20022XmlSource(folder, timestampConf, datasetSchemaRef, validateEnable, mapping));
    }
  }
}
