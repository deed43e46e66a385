package io.vigil.runtime.drift;

import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.runtime.model.TrainedModels;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The reference set a drift check compares with: the evaluated sample of the training records that
 * training saved as {@value TrainedModels#REFERENCE} in the run of the model version the step
 * resolves to, so a check always compares with the data of the model that scores the records.
 */
final class ReferenceSets {
  private ReferenceSets() {}

  /** The reference set of {@code version}, every column as text (the check casts what it compares). */
  static Dataset<Row> load(RunContext context, String flow, String step, ModelVersion version) {
    ModelRegistry registry = context.models();
    if (version.runId() == null || !registry.hasArtifacts(version.runId(), TrainedModels.REFERENCE)) {
      throw RuntimeErrors.driftReferenceMissing(flow, step, version.name(), version.version(), version.runId(),
          TrainedModels.REFERENCE);
    }
    Path csv = registry.runArtifacts(version.runId(), TrainedModels.REFERENCE);
    // RFC 4180 as CsvTable writes it: quoted fields may hold commas and line breaks, quotes are doubled.
    return context.spark().read().option("header", "true").option("multiLine", "true").option("escape", "\"")
        .csv(csv.toAbsolutePath().toString());
  }
}
