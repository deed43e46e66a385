package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector that uploads delimited text, JSON or Parquet files from a landing folder into datasets
 * (S1 §4.1), optionally fed by REST ingestion (S1 §4.2) or from encrypted files (S1 §4.1.5).
 *
 * <pre>{@code
 * FlatFileConnector.builder("transaction")
 *     .source(Source.builder("transactions", "transaction")
 *         .delimiter(";")
 *         .timestampConf(TimestampConf.column("date", "%y%m%d"))
 *         .build())
 *     .addTarget(Target.of("transaction_es", "country = 'ES'"))
 *     .defaultTargetDatasetName("transaction")
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable; also the name {@code upload} is called with
 * @param displayName title in the user interface
 * @param description free text
 * @param source the landing folder, file format and schema dataset
 * @param targets conditional targets; each takes the records that match its condition
 * @param defaultTargetDatasetName the dataset for records that match no target
 * @param uniqueTargetDataset write each record only to the first target it matches (in the guide's example, undocumented there)
 * @param restConfig REST ingestion into the landing folder
 * @param encryption decryption of encrypted files
 */
public record FlatFileConnector(
    String identifier,
    String displayName,
    String description,
    Source source,
    List<Target> targets,
    String defaultTargetDatasetName,
    boolean uniqueTargetDataset,
    RestConfig restConfig,
    Encryption encryption)
    implements Connector {

  public static final String TYPE = "flat_file";

  public FlatFileConnector {
    Checks.entityIdentifier(identifier, "connector");
    Checks.required(source, "connector " + identifier, "source");
    targets = Checks.list(targets);
  }

  @Override
  public String datasetSchemaRef() {
    return source.datasetSchemaRef();
  }

  @Override
  public String landingFolder() {
    return source.folder();
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier)
        .displayName(displayName)
        .description(description)
        .source(source)
        .defaultTargetDatasetName(defaultTargetDatasetName)
        .uniqueTargetDataset(uniqueTargetDataset)
        .restConfig(restConfig)
        .encryption(encryption);
    b.targets.addAll(targets);
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String displayName;
    private String description;
    private Source source;
    private final List<Target> targets = new ArrayList<>();
    private String defaultTargetDatasetName;
    private boolean uniqueTargetDataset;
    private RestConfig restConfig;
    private Encryption encryption;

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder source(Source source) {
      this.source = source;
      return this;
    }

    public Builder addTarget(Target target) {
      this.targets.add(target);
      return this;
    }

    /** Replaces the targets. */
    public Builder targets(List<Target> targets) {
      this.targets.clear();
      this.targets.addAll(targets);
      return this;
    }

    public Builder defaultTargetDatasetName(String defaultTargetDatasetName) {
      this.defaultTargetDatasetName = defaultTargetDatasetName;
      return this;
    }

    public Builder uniqueTargetDataset(boolean uniqueTargetDataset) {
      this.uniqueTargetDataset = uniqueTargetDataset;
      return this;
    }

    public Builder restConfig(RestConfig restConfig) {
      this.restConfig = restConfig;
      return this;
    }

    public Builder encryption(Encryption encryption) {
      this.encryption = encryption;
      return this;
    }

    public FlatFileConnector build() {
      return BuildSites.mark(new FlatFileConnector(identifier, displayName, description, source, targets,
          defaultTargetDatasetName, uniqueTargetDataset, restConfig, encryption));
    }
  }
}
