package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * A connector that reads RJE files of SWIFT MT messages and maps them to dataset records with
 * Trace Transformer (S1 §4.3).
 *
 * <pre>{@code
 * SwiftConnector.builder("swift_rje")
 *     .source(SwiftSource.builder("swift_rje", "swift_transactions").validateEnable(true)
 *         .addMapping(mt103).addMapping(mt202).build())
 *     .addTarget(Target.of("swift_transactions"))
 *     .defaultTargetDatasetName("swift_transactions")
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable
 * @param displayName title in the user interface
 * @param description free text
 * @param source the landing folder, mappings and schema dataset
 * @param targets conditional targets; each takes the records that match its condition
 * @param defaultTargetDatasetName the dataset for records that match no target
 */
public record SwiftConnector(
    String identifier,
    String displayName,
    String description,
    SwiftSource source,
    List<Target> targets,
    String defaultTargetDatasetName)
    implements Connector {

  public static final String TYPE = "swift";

  public SwiftConnector {
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
    private SwiftSource source;
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

    public Builder source(SwiftSource source) {
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

    public SwiftConnector build() {
      return BuildSites.mark(
          new SwiftConnector(identifier, displayName, description, source, targets, defaultTargetDatasetName));
    }
  }
}
