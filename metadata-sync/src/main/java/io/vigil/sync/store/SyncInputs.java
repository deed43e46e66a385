package io.vigil.sync.store;

import io.vigil.api.solution.Solution;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.model.ModelExport;
import io.vigil.runtime.model.ModelRegistry;
import java.nio.file.Path;
import java.util.List;

/**
 * What the stores derive their desired resources from.
 *
 * @param solution the loaded, validated solution
 * @param layout where the solution's data lives
 * @param warehouseRoot the Delta warehouse root (a local path or {@code s3a://bucket/…})
 * @param environments PUBLIC, then the PRIVATE environments sync prepares
 * @param commit the commit being synced
 * @param bundle the commit's bundle bytes, or null when no bundle is built
 * @param models the models exported in the solution's {@code models/} folder
 * @param airflowDagsDir where DAG files are rendered; null renders none
 * @param registry the model registry, where real-time flows' model references are resolved
 */
public record SyncInputs(Solution solution, Layout layout, String warehouseRoot, List<Environment> environments, String commit,
    byte[] bundle, List<ModelExport> models, Path airflowDagsDir, ModelRegistry registry) {
  public SyncInputs {
    environments = List.copyOf(environments);
    models = List.copyOf(models);
  }
}
