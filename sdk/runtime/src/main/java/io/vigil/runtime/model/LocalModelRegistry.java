package io.vigil.runtime.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * A model registry in a local directory ({@code VIGIL_HOME/models} by default), the embedded
 * stand-in for MLflow with the same semantics:
 *
 * <pre>
 * index.json                       every registered model with its versions (tags, run, source)
 * runs/&lt;run&gt;/run.json            a run: experiment, name, status, times, params, metrics, tags
 * runs/&lt;run&gt;/artifacts/…         its files; a version's files are runs/&lt;run&gt;/artifacts/models/&lt;name&gt;/
 * </pre>
 *
 * Writers take a file lock and replace JSON files atomically, so concurrent processes are safe.
 * Versions registered by earlier releases (index format 1) keep their files in {@code <name>/<version>/}.
 */
public final class LocalModelRegistry implements ModelRegistry {
  private static final String INDEX = "index.json";
  private static final String RUNS = "runs";
  private static final String RUN_FILE = "run.json";
  private static final String ARTIFACTS = "artifacts";
  private static final int FORMAT = 2;
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;

  public LocalModelRegistry(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /** The registry under {@code <home>/models}. */
  public static LocalModelRegistry under(Path home) {
    return new LocalModelRegistry(home.resolve("models"));
  }

  public Path root() {
    return root;
  }

  // --- runs -------------------------------------------------------------------------------------

  @Override
  public ModelRun startRun(String experiment, String runName, Map<String, String> tags) {
    if (experiment == null || experiment.isBlank()) {
      throw RuntimeErrors.runWithoutExperiment();
    }
    String runId = UUID.randomUUID().toString().replace("-", "");
    StoredRun run = new StoredRun(runId, experiment, runName == null ? runId : runName,
        ModelRun.Status.RUNNING.name(), now().toString(), null, new TreeMap<>(), new TreeMap<>(), new TreeMap<>(tags));
    return locked(() -> {
      Files.createDirectories(runDir(runId).resolve(ARTIFACTS));
      writeRun(run);
      return run.toModelRun();
    });
  }

  @Override
  public ModelRun run(String runId) {
    return readRun(runId, "read run " + runId).toModelRun();
  }

  @Override
  public void log(String runId, Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags) {
    String action = "log to run " + runId;
    locked(() -> {
      StoredRun run = readRun(runId, action);
      for (Map.Entry<String, String> p : params.entrySet()) {
        String old = run.params().get(p.getKey());
        if (old != null && !old.equals(p.getValue())) {
          throw RuntimeErrors.runParamChanged(p.getKey(), runId, old);
        }
        run.params().put(p.getKey(), p.getValue());
      }
      run.metrics().putAll(metrics);
      run.tags().putAll(tags);
      writeRun(run);
      return null;
    });
  }

  @Override
  public void logArtifacts(String runId, Path local, String artifactPath) {
    String action = "store artifacts of run " + runId;
    String path = ArtifactPaths.check(artifactPath, action);
    readRun(runId, action);
    Path target = path.isEmpty() ? artifactRoot(runId) : artifactRoot(runId).resolve(path);
    try {
      if (Files.isRegularFile(local)) {
        if (path.isEmpty()) {
          throw RuntimeErrors.artifactPathMissing(action);
        }
        Files.createDirectories(target.getParent());
        Files.copy(local, target, StandardCopyOption.REPLACE_EXISTING);
      } else if (Files.isDirectory(local)) {
        copyTree(local, target);
      } else {
        throw RuntimeErrors.artifactSourceMissing(action, local);
      }
    } catch (IOException e) {
      throw RuntimeErrors.artifactFilesFailed(action, e);
    }
  }

  @Override
  public boolean hasArtifacts(String runId, String artifactPath) {
    String action = "list artifacts of run " + runId;
    String path = ArtifactPaths.check(artifactPath, action);
    readRun(runId, action);
    Path target = path.isEmpty() ? artifactRoot(runId) : artifactRoot(runId).resolve(path);
    if (Files.isRegularFile(target)) {
      return true;
    }
    if (!Files.isDirectory(target)) {
      return false;
    }
    try (Stream<Path> walk = Files.walk(target)) {
      return walk.anyMatch(Files::isRegularFile);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Path runArtifacts(String runId, String artifactPath) {
    String action = "read artifacts of run " + runId;
    if (!hasArtifacts(runId, artifactPath)) {
      throw RuntimeErrors.artifactsNotFound(action, artifactPath);
    }
    String path = ArtifactPaths.check(artifactPath, action);
    return path.isEmpty() ? artifactRoot(runId) : artifactRoot(runId).resolve(path);
  }

  @Override
  public ModelRun endRun(String runId, ModelRun.Status status) {
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("A run ends FINISHED, FAILED or KILLED, not " + status);
    }
    return locked(() -> {
      StoredRun run = readRun(runId, "end run " + runId);
      StoredRun ended = new StoredRun(run.run_id(), run.experiment(), run.name(), status.name(), run.start_time(),
          now().toString(), run.params(), run.metrics(), run.tags());
      writeRun(ended);
      return ended.toModelRun();
    });
  }

  // --- models -----------------------------------------------------------------------------------

  @Override
  public ModelVersion createVersion(String name, String runId, String source, Map<String, String> tags,
      String description) {
    ModelRegistry.checkName(name, "register model");
    String action = "register model " + name;
    String path = ArtifactPaths.check(source, action);
    readRun(runId, action);
    return locked(() -> {
      Map<String, List<ModelVersion>> index = readIndex();
      List<ModelVersion> versions = index.computeIfAbsent(name, n -> new ArrayList<>());
      int next = versions.stream().mapToInt(ModelVersion::version).max().orElse(0) + 1;
      ModelVersion v = new ModelVersion(name, next, tags, runId, path, description, now());
      versions.add(v);
      writeIndex(index);
      return v;
    });
  }

  @Override
  public List<String> names() {
    return List.copyOf(new TreeMap<>(readIndex()).keySet());
  }

  @Override
  public List<ModelVersion> versions(String name) {
    return List.copyOf(readIndex().getOrDefault(name, List.of()));
  }

  @Override
  public ModelVersion setTag(String name, int version, String key, String value) {
    return locked(() -> {
      Map<String, List<ModelVersion>> index = readIndex();
      List<ModelVersion> versions = index.getOrDefault(name, new ArrayList<>());
      for (int i = 0; i < versions.size(); i++) {
        ModelVersion v = versions.get(i);
        if (v.version() == version) {
          Map<String, String> tags = new TreeMap<>(v.tags());
          tags.put(key, value);
          ModelVersion updated = new ModelVersion(name, version, tags, v.runId(), v.source(), v.description(),
              v.createdAt());
          versions.set(i, updated);
          writeIndex(index);
          return updated;
        }
      }
      throw RuntimeErrors.modelVersionNotFound(name, version);
    });
  }

  @Override
  public Path artifacts(ModelVersion version) {
    return version.source() == null
        ? root.resolve(version.name()).resolve(Integer.toString(version.version()))
        : artifactRoot(version.runId()).resolve(version.source());
  }

  @Override
  public boolean delete(String name) {
    return locked(() -> {
      Map<String, List<ModelVersion>> index = readIndex();
      List<ModelVersion> removed = index.remove(name);
      if (removed == null) {
        return false;
      }
      writeIndex(index);
      removed.stream().filter(v -> v.source() == null).forEach(v -> deleteTree(artifacts(v)));
      return true;
    });
  }

  @Override
  public boolean deleteVersion(String name, int version) {
    return locked(() -> {
      Map<String, List<ModelVersion>> index = readIndex();
      List<ModelVersion> versions = index.get(name);
      ModelVersion found = versions == null ? null
          : versions.stream().filter(v -> v.version() == version).findFirst().orElse(null);
      if (found == null) {
        return false;
      }
      versions.remove(found);
      writeIndex(index);
      if (found.source() == null) {
        deleteTree(artifacts(found));
      }
      return true;
    });
  }

  // --- storage ----------------------------------------------------------------------------------

  private Path runDir(String runId) {
    return root.resolve(RUNS).resolve(runId);
  }

  private Path artifactRoot(String runId) {
    return runDir(runId).resolve(ARTIFACTS);
  }

  /** Millisecond precision, as MLflow keeps times. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }

  private StoredRun readRun(String runId, String action) {
    Path file = ArtifactPaths.isRunId(runId) ? runDir(runId).resolve(RUN_FILE) : null;
    if (file == null || !Files.isRegularFile(file)) {
      throw RuntimeErrors.runNotFound(action, runId, root);
    }
    try {
      return JSON.readValue(file.toFile(), StoredRun.class);
    } catch (IOException e) {
      throw RuntimeErrors.runUnreadable(action, file, e);
    }
  }

  private void writeRun(StoredRun run) throws IOException {
    Path dir = runDir(run.run_id());
    Files.createDirectories(dir);
    Path tmp = dir.resolve(RUN_FILE + ".tmp");
    JSON.writeValue(tmp.toFile(), run);
    Files.move(tmp, dir.resolve(RUN_FILE), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  private <T> T locked(Callable<T> work) {
    try {
      Files.createDirectories(root);
      try (FileChannel channel = FileChannel.open(root.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
          FileLock ignored = channel.lock()) {
        return work.call();
      }
    } catch (VigilException e) {
      throw e;
    } catch (Exception e) {
      throw RuntimeErrors.modelRegistryUpdateFailed(root, e);
    }
  }

  private Map<String, List<ModelVersion>> readIndex() {
    Path file = root.resolve(INDEX);
    Map<String, List<ModelVersion>> index = new LinkedHashMap<>();
    if (!Files.isRegularFile(file)) {
      return index;
    }
    try {
      Index stored = JSON.readValue(file.toFile(), Index.class);
      for (Map.Entry<String, List<StoredVersion>> e : stored.models().entrySet()) {
        List<ModelVersion> list = new ArrayList<>();
        for (StoredVersion s : e.getValue()) {
          list.add(new ModelVersion(e.getKey(), s.version(), s.tags() == null ? Map.of() : s.tags(), s.run_id(),
              s.source(), s.description(), s.created_at() == null ? null : Instant.parse(s.created_at())));
        }
        list.sort(Comparator.comparingInt(ModelVersion::version));
        index.put(e.getKey(), list);
      }
      return index;
    } catch (IOException e) {
      throw RuntimeErrors.modelRegistryIndexUnreadable(file, e);
    }
  }

  private void writeIndex(Map<String, List<ModelVersion>> index) throws IOException {
    Map<String, List<StoredVersion>> models = new TreeMap<>();
    index.forEach((name, versions) -> models.put(name, versions.stream()
        .map(v -> new StoredVersion(v.version(), new TreeMap<>(v.tags()), v.runId(), v.source(), v.description(),
            v.createdAt() == null ? null : v.createdAt().toString()))
        .toList()));
    Path tmp = root.resolve(INDEX + ".tmp");
    JSON.writeValue(tmp.toFile(), new Index(FORMAT, models));
    Files.move(tmp, root.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The index as stored: snake_case keys, like the rest of Vigil's JSON. */
  record Index(int format, Map<String, List<StoredVersion>> models) {}

  /** A version as stored; {@code source} is null for versions of format 1. */
  record StoredVersion(int version, Map<String, String> tags, String run_id, String source, String description,
      String created_at) {}

  /** A run as stored in its run.json. */
  record StoredRun(String run_id, String experiment, String name, String status, String start_time, String end_time,
      Map<String, String> params, Map<String, Double> metrics, Map<String, String> tags) {
    StoredRun {
      params = new TreeMap<>(params == null ? Map.of() : params);
      metrics = new TreeMap<>(metrics == null ? Map.of() : metrics);
      tags = new TreeMap<>(tags == null ? Map.of() : tags);
    }

    ModelRun toModelRun() {
      Map<String, String> visible = new TreeMap<>(tags);
      visible.keySet().removeIf(k -> k.startsWith("mlflow."));
      return new ModelRun(run_id, experiment, name, ModelRun.Status.valueOf(status), Instant.parse(start_time),
          end_time == null ? null : Instant.parse(end_time), params, metrics, visible);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
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
