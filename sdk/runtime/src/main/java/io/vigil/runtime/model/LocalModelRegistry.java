package io.vigil.runtime.model;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.api.VigilException;
import io.vigil.api.entity.Identifiers;
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
 * A model registry in a local directory ({@code VIGIL_HOME/models} by default): artifacts under
 * {@code <name>/<version>/}, and an {@code index.json} listing every version with its tags and run.
 * Writers take a file lock, and the index is replaced atomically, so concurrent processes are safe.
 */
public final class LocalModelRegistry implements ModelRegistry {
  private static final String INDEX = "index.json";
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

  @Override
  public ModelVersion register(String name, Path artifacts, Map<String, String> tags, String runId, String description) {
    checkName(name);
    if (!Files.isDirectory(artifacts)) {
      throw RuntimeErrors.modelArtifactsMissing(name, artifacts);
    }
    return locked(() -> {
      Map<String, List<ModelVersion>> index = readIndex();
      List<ModelVersion> versions = index.computeIfAbsent(name, n -> new ArrayList<>());
      int next = versions.stream().mapToInt(ModelVersion::version).max().orElse(0) + 1;
      Path target = root.resolve(name).resolve(Integer.toString(next));
      copyTree(artifacts, target);
      ModelVersion v = new ModelVersion(name, next, tags, runId != null ? runId : "local-" + UUID.randomUUID(),
          description, Instant.now());
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
          ModelVersion updated = new ModelVersion(name, version, tags, v.runId(), v.description(), v.createdAt());
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
    return root.resolve(version.name()).resolve(Integer.toString(version.version()));
  }

  @Override
  public boolean delete(String name) {
    return locked(() -> {
      Map<String, List<ModelVersion>> index = readIndex();
      if (index.remove(name) == null) {
        return false;
      }
      writeIndex(index);
      deleteTree(root.resolve(name));
      return true;
    });
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
              s.description(), s.created_at() == null ? null : Instant.parse(s.created_at())));
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
        .map(v -> new StoredVersion(v.version(), new TreeMap<>(v.tags()), v.runId(), v.description(),
            v.createdAt() == null ? null : v.createdAt().toString()))
        .toList()));
    Path tmp = root.resolve(INDEX + ".tmp");
    JSON.writeValue(tmp.toFile(), new Index(1, models));
    Files.move(tmp, root.resolve(INDEX), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** The index as stored: snake_case keys, like the rest of Vigil's JSON. */
  record Index(int format, Map<String, List<StoredVersion>> models) {}

  record StoredVersion(int version, Map<String, String> tags, String run_id, String description, String created_at) {}

  private static void checkName(String name) {
    if (name == null || !Identifiers.isName(name)) {
      throw RuntimeErrors.modelNameInvalid(name, Identifiers.NAME.pattern());
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    deleteTree(to);
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
