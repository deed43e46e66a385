package io.vigil.runtime.model;

import io.vigil.api.VigilException;
import io.vigil.api.entity.Identifiers;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Trained models by name, version and tags, with MLflow's semantics (S1 §5.5-5.6, §6.1.2, §17.3).
 *
 * <ul>
 *   <li>A <em>run</em> (in an experiment) holds params, metrics, tags and artifact files; a training
 *       job records into one run.
 *   <li>Every registration creates the next version of a name. The version's files are the run's
 *       artifacts under {@code models/<name>/}; its tags identify it.
 *   <li>Versions are found by tags: the newest version carrying all of them wins.
 *   <li>Deleting a model deletes its versions, not the runs or their files.
 * </ul>
 *
 * <p>{@link LocalModelRegistry} keeps all this under VIGIL_HOME; {@link MlflowModelRegistry} on an
 * MLflow tracking server. Both pass the same contract tests. Names are identifiers
 * ({@link Identifiers#NAME}); artifact paths are relative, {@code /}-separated.
 */
public interface ModelRegistry {
  /** The experiment of the runs that {@link #register} starts when given no run. */
  String EXPERIMENT = "vigil-model-registry";

  // --- runs -------------------------------------------------------------------------------------

  /** Starts a run in {@code experiment} (created when absent); it is RUNNING until {@link #endRun}. */
  ModelRun startRun(String experiment, String runName, Map<String, String> tags);

  /** A run; NOT_FOUND when there is none. */
  ModelRun run(String runId);

  /** Records params, metrics (at the current time) and tags into a run; a param may be logged again only with its value. */
  void log(String runId, Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags);

  /**
   * Stores a local file or folder among the run's artifacts.
   *
   * @param artifactPath for a file its own path (e.g. {@code reference/reference_dft.csv}); for a folder
   *     the path its files go under ({@code ""} for the root)
   */
  void logArtifacts(String runId, Path local, String artifactPath);

  /** True when the run has a file at {@code artifactPath} or below it. */
  boolean hasArtifacts(String runId, String artifactPath);

  /**
   * A local copy of the run's artifact file or folder at {@code artifactPath}; do not modify it.
   *
   * @throws VigilException NOT_FOUND when the run has no file there
   */
  Path runArtifacts(String runId, String artifactPath);

  /** Ends a run with FINISHED, FAILED or KILLED; returns it as ended. */
  ModelRun endRun(String runId, ModelRun.Status status);

  // --- models -----------------------------------------------------------------------------------

  /**
   * Makes the run's artifacts at {@code source} the next version of {@code name} (the registered
   * model is created when absent).
   */
  ModelVersion createVersion(String name, String runId, String source, Map<String, String> tags, String description);

  /**
   * Registers a model folder as the next version of its name: into the given run, or into a new run
   * of {@value #EXPERIMENT} that ends FINISHED (FAILED when registration fails), with the params,
   * metrics, run tags and extra artifacts first and the model files under {@code models/<name>/}.
   *
   * @throws VigilException INVALID_ARGUMENT for a bad name, NOT_FOUND for a missing or empty folder or
   *     an unknown run, CONFLICT when the run already holds files of a model of that name
   */
  default ModelVersion register(ModelRegistration registration) {
    String name = registration.name();
    checkName(name, "register model");
    requireFiles(name, registration.model());
    registration.artifacts().forEach((path, local) -> {
      if (!Files.exists(local)) {
        throw RuntimeErrors.modelExtraArtifactMissing(name, path, local);
      }
    });
    boolean ownRun = registration.runId() == null;
    String runId = ownRun ? startRun(EXPERIMENT, "register " + name, Map.of()).runId() : run(registration.runId()).runId();
    try {
      if (hasArtifacts(runId, registration.source())) {
        throw RuntimeErrors.modelAlreadyInRun(name, runId, registration.source());
      }
      log(runId, registration.params(), registration.metrics(), registration.runTags());
      registration.artifacts().forEach((path, local) -> logArtifacts(runId, local, path));
      logArtifacts(runId, registration.model(), registration.source());
      ModelVersion version = createVersion(name, runId, registration.source(), registration.tags(),
          registration.description());
      if (ownRun) {
        endRun(runId, ModelRun.Status.FINISHED);
      }
      return version;
    } catch (RuntimeException e) {
      if (ownRun) {
        try {
          endRun(runId, ModelRun.Status.FAILED);
        } catch (RuntimeException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw e;
    }
  }

  /** {@link #register(ModelRegistration)} with tags, a run and a description only. */
  default ModelVersion register(String name, Path artifacts, Map<String, String> tags, String runId, String description) {
    return register(ModelRegistration.of(name, artifacts).tags(tags).run(runId).description(description).build());
  }

  /** Registered model names, sorted. */
  List<String> names();

  /** Versions of {@code name}, oldest first; empty when the name is unknown. */
  List<ModelVersion> versions(String name);

  /** The newest version of {@code name} carrying every tag of {@code tags}, or null. */
  default ModelVersion find(String name, Map<String, String> tags) {
    List<ModelVersion> all = versions(name);
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).hasTags(tags)) {
        return all.get(i);
      }
    }
    return null;
  }

  /** Sets one tag on a version and returns the updated version; NOT_FOUND for an unknown version. */
  ModelVersion setTag(String name, int version, String key, String value);

  /** A local directory holding the model files of {@code version}; do not modify it. */
  Path artifacts(ModelVersion version);

  /** Deletes every version of {@code name} (their runs and files stay); true when the name existed. */
  boolean delete(String name);

  /** Deletes one version (its run and files stay); true when it existed. */
  boolean deleteVersion(String name, int version);

  /** INVALID_ARGUMENT unless {@code name} is an identifier. */
  static void checkName(String name, String action) {
    if (!Identifiers.isName(name)) {
      throw RuntimeErrors.modelNameInvalid(action, name, Identifiers.NAME.pattern());
    }
  }

  /** NOT_FOUND unless {@code folder} is a directory holding at least one file. */
  private static void requireFiles(String model, Path folder) {
    if (!Files.isDirectory(folder)) {
      throw RuntimeErrors.modelArtifactsMissing(model, folder);
    }
    try (Stream<Path> walk = Files.walk(folder)) {
      if (walk.noneMatch(Files::isRegularFile)) {
        throw RuntimeErrors.modelArtifactsEmpty(model, folder);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
