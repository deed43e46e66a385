package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector that reads XML files of ISO 20022 (SWIFT MX, CBPR+) messages and maps them to dataset
 * records with Trace Transformer (S1 §4.4). It replaces the deprecated MX and SEPA connectors
 * (S1 §4.5–4.6). Only one mapping is supported (V-14).
 *
 * <pre>{@code
 * Iso20022XmlConnector.builder("mx_pacs_full_connector")
 *     .source(Iso20022XmlSource.builder("mx_pacs_full", "mx_pacs_full")
 *         .timestampConf(TimestampConf.column("date", "%Y/%m/%d"))
 *         .validateEnable(true)
 *         .addMapping(pacs008)
 *         .build())
 *     .addTarget(Target.of("mx_pacs_full"))
 *     .defaultTargetDatasetName("mx_pacs_full")
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable
 * @param displayName title in the user interface
 * @param description free text
 * @param source the landing folder, mapping and schema dataset
 * @param targets conditional targets; each takes the records that match its condition
 * @param defaultTargetDatasetName the dataset for records that match no target
 */
public record Iso20022XmlConnector(
    String identifier,
    String displayName,
    String description,
    Iso20022XmlSource source,
    List<Target> targets,
    String defaultTargetDatasetName)
    implements Connector {

  public static final String TYPE = "iso20022_xml";

  public Iso20022XmlConnector {
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
        .defaultTargetDatasetName(defaultTargetDatasetName);
    b.targets.addAll(targets);
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String displayName;
    private String description;
    private Iso20022XmlSource source;
    private final List<Target> targets = new ArrayList<>();
    private String defaultTargetDatasetName;

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

    public Builder source(Iso20022XmlSource source) {
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

    public Iso20022XmlConnector build() {
      return BuildSites.mark(
          new Iso20022XmlConnector(identifier, displayName, description, source, targets, defaultTargetDatasetName));
    }
  }
}
