package io.vigil.runtime.evaluation;

import io.vigil.api.flow.ModelReference;
import io.vigil.runtime.analytics.TrainedModel;
import io.vigil.runtime.analytics.steps.ModelFiles;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.model.CommitId;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.ModelSave;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.runtime.model.TrainedModels;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Trained models of a run, as ThetaRay's {@code save_model} and model references (S1 §5.5, §6.1.2):
 * saving registers a new version in the run's registry (MLflow, or the local one) with the user's
 * tags and {@code _commit_id}; loading resolves a name and tags to the newest matching version and
 * reads its files into a model that scores without Spark. A version never changes, so a loaded
 * model is kept for the life of the JVM.
 */
public final class Models {
  private static final Map<String, TrainedModel> LOADED = new ConcurrentHashMap<>();

  private Models() {}

  /** Registers {@code model} as the next version of {@code name}, tagged with {@code tags} and the code's commit. */
  public static ModelVersion save(RunContext context, String name, TrainedModel model, Map<String, String> tags) {
    return save(context, name, model, tags, b -> { });
  }

  /**
   * The same, with more to record: {@code extra} may add the run, the training data, the reference
   * dataset, charts and the anomalies page to the save.
   */
  public static ModelVersion save(RunContext context, String name, TrainedModel model, Map<String, String> tags,
      Consumer<ModelSave.Builder> extra) {
    Path dir = temporaryFolder(name);
    try {
      Path files = dir.resolve("model");
      model.save(files);
      ModelSave.Builder save = ModelSave.of(name, files, commitId(context)).tags(tags);
      extra.accept(save);
      ModelVersion version = TrainedModels.save(context.models(), save.build());
      context.metrics().log(name + "-model_version", version.version());
      return version;
    } finally {
      deleteTree(dir);
    }
  }

  /** The code a model saved now comes from: the bundle's commit, or the checkout's HEAD (dirty when edited). */
  public static String commitId(RunContext context) {
    return CommitId.of(context.bundleCommit(), context.solutionDirectory(), Instant.now());
  }

  /** The newest version that {@code reference} names. */
  public static ModelVersion resolve(RunContext context, ModelReference reference) {
    return TrainedModels.resolve(context.models(), reference.name(), reference.tags());
  }

  /** The model of the newest version that {@code reference} names. */
  public static TrainedModel load(RunContext context, ModelReference reference) {
    return load(context.models(), resolve(context, reference));
  }

  /** The model of {@code version}, read once per JVM. */
  public static TrainedModel load(ModelRegistry registry, ModelVersion version) {
    Path files = registry.artifacts(version);
    String key = files.toAbsolutePath() + "#" + version.name() + "/" + version.version();
    return LOADED.computeIfAbsent(key, k -> ModelFiles.load(modelFolder(files)));
  }

  /** The model of the newest version that {@code reference} names, as {@code type}. */
  public static <T extends TrainedModel> T load(RunContext context, ModelReference reference, Class<T> type) {
    ModelVersion version = resolve(context, reference);
    TrainedModel model = load(context.models(), version);
    if (!type.isInstance(model)) {
      throw RuntimeErrors.modelOfWrongKind(version.name(), version.version(), model.kind(), type.getSimpleName());
    }
    return type.cast(model);
  }

  /** A version's files hold the model under {@code models/<name>/} when registered through a run, else at the root. */
  private static Path modelFolder(Path files) {
    if (Files.isRegularFile(files.resolve("model.json"))) {
      return files;
    }
    try (Stream<Path> walk = Files.walk(files, 3)) {
      return walk.filter(p -> Files.isRegularFile(p.resolve("model.json"))).findFirst().orElse(files);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path temporaryFolder(String name) {
    try {
      return Files.createTempDirectory("vigil-model-" + name.replaceAll("[^A-Za-z0-9_]", "_") + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary folder is harmless.
    }
  }
}
