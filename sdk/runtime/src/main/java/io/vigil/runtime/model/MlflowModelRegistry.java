package io.vigil.runtime.model;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.mlflow.MlflowArtifact;
import io.vigil.runtime.mlflow.MlflowMetric;
import io.vigil.runtime.mlflow.MlflowModelVersion;
import io.vigil.runtime.mlflow.MlflowRestClient;
import io.vigil.runtime.mlflow.MlflowRun;
import io.vigil.runtime.mlflow.MlflowRunStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The model registry on an MLflow tracking server (used when {@code MLFLOW_TRACKING_URI} is set),
 * through {@link MlflowRestClient}: runs are MLflow runs, versions are MLflow model versions whose
 * source is {@code <run artifact uri>/models/<name>}, and files go through the server's artifact
 * proxy. Model files are downloaded once per version into a cache folder (versions never change);
 * the artifacts of a run are downloaded again while the run is still running.
 */
public final class MlflowModelRegistry implements ModelRegistry {
  /** The file beside a downloaded version that names what it holds: run id and source. */
  private static final String MARKER = ".source";

  private final MlflowRestClient client;
  private final Path cache;
  private final Map<String, String> experimentNames = new ConcurrentHashMap<>();

  /**
   * @param cacheRoot where downloads go; a sub-folder per tracking server keeps servers apart
   */
  public MlflowModelRegistry(MlflowRestClient client, Path cacheRoot) {
    this.client = client;
    URI uri = client.trackingUri();
    this.cache = cacheRoot.toAbsolutePath().normalize()
        .resolve((uri.getHost() + "_" + (uri.getPort() < 0 ? uri.getScheme() : Integer.toString(uri.getPort())))
            .replaceAll("[^A-Za-z0-9._-]", "_"));
  }

  public MlflowRestClient client() {
    return client;
  }

  // --- runs -------------------------------------------------------------------------------------

  @Override
  public ModelRun startRun(String experiment, String runName, Map<String, String> tags) {
    if (experiment == null || experiment.isBlank()) {
      throw RuntimeErrors.runWithoutExperiment();
    }
    String experimentId = client.experimentId(experiment);
    experimentNames.put(experimentId, experiment);
    return toRun(client.createRun(experimentId, runName, Instant.now(), tags));
  }

  @Override
  public ModelRun run(String runId) {
    return toRun(client.run(runId));
  }

  @Override
  public void log(String runId, Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags) {
    Instant now = Instant.now();
    List<MlflowMetric> values = new ArrayList<>();
    new TreeMap<>(metrics).forEach((k, v) -> values.add(new MlflowMetric(k, v, now, 0)));
    client.logBatch(runId, new TreeMap<>(params), values, new TreeMap<>(tags));
  }

  @Override
  public void logArtifacts(String runId, Path local, String artifactPath) {
    String action = "store artifacts of run " + runId;
    String path = ArtifactPaths.check(artifactPath, action);
    if (!Files.exists(local)) {
      throw RuntimeErrors.artifactSourceMissing(action, local);
    }
    if (Files.isRegularFile(local) && path.isEmpty()) {
      throw RuntimeErrors.artifactPathMissing(action);
    }
    client.uploadArtifacts(client.run(runId).artifactUri(), path, local);
  }

  @Override
  public boolean hasArtifacts(String runId, String artifactPath) {
    String path = ArtifactPaths.check(artifactPath, "list artifacts of run " + runId);
    return kind(client.run(runId).artifactUri(), path) != Kind.NONE;
  }

  @Override
  public Path runArtifacts(String runId, String artifactPath) {
    String action = "read artifacts of run " + runId;
    String path = ArtifactPaths.check(artifactPath, action);
    MlflowRun run = client.run(runId);
    Path target = path.isEmpty() ? cache.resolve("runs").resolve(runId).resolve("_root")
        : cache.resolve("runs").resolve(runId).resolve("files").resolve(path);
    if (run.status().isTerminal() && Files.exists(target)) {
      return target;
    }
    Kind kind = kind(run.artifactUri(), path);
    if (kind == Kind.NONE) {
      throw RuntimeErrors.artifactsNotFound(action, artifactPath);
    }
    Path staging = staging(target);
    try {
      if (kind == Kind.FILE) {
        client.downloadArtifact(run.artifactUri(), path, staging);
      } else {
        client.downloadArtifacts(run.artifactUri(), path, staging);
      }
      deleteTree(target);
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      return target;
    } catch (IOException e) {
      deleteTree(staging);
      throw RuntimeErrors.artifactFilesFailed(action, e);
    }
  }

  @Override
  public ModelRun endRun(String runId, ModelRun.Status status) {
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("A run ends FINISHED, FAILED or KILLED, not " + status);
    }
    return toRun(client.terminateRun(runId, MlflowRunStatus.valueOf(status.name())));
  }

  // --- models -----------------------------------------------------------------------------------

  @Override
  public ModelVersion createVersion(String name, String runId, String source, Map<String, String> tags,
      String description) {
    ModelRegistry.checkName(name, "register model");
    String path = ArtifactPaths.check(source, "register model " + name);
    MlflowRun run = client.run(runId);
    if (client.registeredModel(name).isEmpty()) {
      try {
        client.createRegisteredModel(name, null, Map.of());
      } catch (VigilException e) {
        if (e.code() != ErrorCode.CONFLICT) {
          throw e; // CONFLICT: another writer created it meanwhile
        }
      }
    }
    return toVersion(client.createModelVersion(name, run.artifactUri() + "/" + path, runId, new TreeMap<>(tags),
        description));
  }

  @Override
  public List<String> names() {
    return client.searchRegisteredModels(null).stream().map(m -> m.name()).sorted().toList();
  }

  @Override
  public List<ModelVersion> versions(String name) {
    return client.searchModelVersions(name).stream().map(MlflowModelRegistry::toVersion).toList();
  }

  @Override
  public ModelVersion setTag(String name, int version, String key, String value) {
    client.setModelVersionTag(name, version, key, value);
    return client.modelVersion(name, version).map(MlflowModelRegistry::toVersion).orElseThrow(() ->
        RuntimeErrors.modelVersionNotFound(name, version));
  }

  @Override
  public Path artifacts(ModelVersion version) {
    String action = "download model " + version.name() + " version " + version.version();
    Path target = cache.resolve("models").resolve(version.name()).resolve(Integer.toString(version.version()));
    String identity = version.runId() + "\n" + version.source();
    if (identity.equals(marker(target)) && Files.isDirectory(target)) {
      return target;
    }
    Path staging = staging(target);
    try {
      boolean relative = version.source() != null && !version.source().contains(":");
      if (relative) {
        client.downloadArtifacts(client.run(version.runId()).artifactUri(), version.source(), staging);
      } else if (version.source() != null) {
        client.downloadArtifacts(version.source(), "", staging);
      } else {
        throw RuntimeErrors.modelVersionWithoutSource(version.name(), version.version());
      }
      deleteTree(target);
      try {
        Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException | DirectoryNotEmptyException raced) {
        deleteTree(staging); // another process downloaded it meanwhile
      }
      Files.writeString(markerOf(target), identity, StandardCharsets.UTF_8);
      return target;
    } catch (IOException e) {
      deleteTree(staging);
      throw RuntimeErrors.artifactFilesFailed(action, e);
    } catch (RuntimeException e) {
      deleteTree(staging);
      throw e;
    }
  }

  @Override
  public boolean delete(String name) {
    if (client.registeredModel(name).isEmpty()) {
      return false;
    }
    try {
      client.deleteRegisteredModel(name);
      return true;
    } catch (VigilException e) {
      if (e.code() == ErrorCode.NOT_FOUND) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public boolean deleteVersion(String name, int version) {
    if (client.modelVersion(name, version).isEmpty()) {
      return false;
    }
    client.deleteModelVersion(name, version);
    return true;
  }

  // --- mapping ----------------------------------------------------------------------------------

  private enum Kind { NONE, FILE, DIRECTORY }

  /** Whether {@code path} is a folder with files, a file, or nothing, below {@code artifactUri}. */
  private Kind kind(String artifactUri, String path) {
    if (!client.listArtifacts(artifactUri, path).isEmpty()) {
      return Kind.DIRECTORY;
    }
    if (path.isEmpty()) {
      return Kind.NONE;
    }
    String parent = path.contains("/") ? path.substring(0, path.lastIndexOf('/')) : "";
    for (MlflowArtifact a : client.listArtifacts(artifactUri, parent)) {
      if (a.path().equals(path) && !a.directory()) {
        return Kind.FILE;
      }
    }
    return Kind.NONE;
  }

  private ModelRun toRun(MlflowRun r) {
    String experiment = experimentNames.computeIfAbsent(r.experimentId(), id -> client.experiment(id).name());
    Map<String, String> tags = new TreeMap<>(r.tags());
    tags.keySet().removeIf(k -> k.startsWith("mlflow."));
    ModelRun.Status status = r.status() == MlflowRunStatus.SCHEDULED ? ModelRun.Status.RUNNING
        : ModelRun.Status.valueOf(r.status().name());
    return new ModelRun(r.runId(), experiment, r.runName(), status, r.startTime(),
        status.isTerminal() ? r.endTime() : null, r.params(), r.metrics(), tags);
  }

  /**
   * A version with its source relative to its run's artifact root when it lies there (MLflow keeps a
   * run's files at {@code <experiment location>/<run id>/artifacts}), else the source URI as is.
   */
  private static ModelVersion toVersion(MlflowModelVersion v) {
    String source = v.source();
    String anchor = "/" + v.runId() + "/artifacts/";
    if (source != null && v.runId() != null && source.contains(anchor)) {
      source = source.substring(source.indexOf(anchor) + anchor.length());
    }
    return new ModelVersion(v.name(), v.version(), v.tags(), v.runId(), source, v.description(), v.createdAt());
  }

  /** Beside the folder, not in it: the folder holds the model's files only. */
  private static Path markerOf(Path target) {
    return target.resolveSibling(target.getFileName() + MARKER);
  }

  private static String marker(Path target) {
    Path file = markerOf(target);
    try {
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static Path staging(Path target) {
    try {
      Files.createDirectories(target.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target.resolveSibling("." + target.getFileName() + "-" + UUID.randomUUID());
  }

  private static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
