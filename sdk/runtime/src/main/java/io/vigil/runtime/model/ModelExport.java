package io.vigil.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.entity.Identifiers;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A model exported into a solution repository (S1 §17.3, MS-7): the folder {@code models/<name>/}
 * with a {@code model.json} and the artifact files beside it.
 *
 * <pre>{@code
 * models/monthly_ad/model.json     {"tags": {"version": "release"}, "description": "…", "run_id": "…"}
 * models/monthly_ad/histograms.csv  any artifact files, in any sub-folders
 * }</pre>
 *
 * <p>The checksum covers {@code model.json} and every artifact (path and bytes), so an import is
 * idempotent: a registry that already holds a version with the same checksum gets no new version.
 *
 * @param name the folder name, which is the registered model name
 * @param directory the folder
 * @param tags tags the imported version carries
 * @param description free text
 * @param runId the run that produced the model, when the export names one
 * @param files artifact paths relative to the folder, sorted, model.json excluded
 * @param checksum SHA-256 over model.json and the artifacts
 */
public record ModelExport(String name, Path directory, Map<String, String> tags, String description, String runId,
    List<String> files, String checksum) {
  public static final String FOLDER = "models";
  public static final String DESCRIPTOR = "model.json";
  /** The tag that records which export a version came from. */
  public static final String CHECKSUM_TAG = "vigil.export_checksum";
  /** The run tag that keeps the run id the export names (a run of the registry it was exported from). */
  public static final String EXPORTED_RUN_TAG = "vigil.exported_run_id";

  public ModelExport {
    tags = Map.copyOf(new TreeMap<>(tags));
    files = List.copyOf(files);
  }

  /** Every export under {@code <solutionRoot>/models/}, by name; folders without model.json are skipped. */
  public static List<ModelExport> scan(Path solutionRoot) {
    Path dir = solutionRoot.resolve(FOLDER);
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(dir)) {
      return list.filter(p -> Files.isRegularFile(p.resolve(DESCRIPTOR))).sorted().map(ModelExport::read).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads one export folder. */
  public static ModelExport read(Path folder) {
    String name = folder.getFileName().toString();
    if (!Identifiers.isName(name)) {
      throw RuntimeErrors.modelExportNameInvalid(folder, Identifiers.NAME.pattern());
    }
    try {
      byte[] descriptor = Files.readAllBytes(folder.resolve(DESCRIPTOR));
      JsonNode json = new ObjectMapper().readTree(descriptor);
      Map<String, String> tags = new TreeMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = json.path("tags").fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        tags.put(e.getKey(), e.getValue().asText());
      }
      List<String> files = new ArrayList<>();
      try (Stream<Path> walk = Files.walk(folder)) {
        walk.filter(Files::isRegularFile).map(p -> folder.relativize(p).toString().replace('\\', '/'))
            .filter(p -> !p.equals(DESCRIPTOR)).sorted().forEach(files::add);
      }
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, DESCRIPTOR, descriptor);
      for (String f : files) {
        update(digest, f, Files.readAllBytes(folder.resolve(f)));
      }
      return new ModelExport(name, folder, tags, text(json, "description"), text(json, "run_id"), files,
          HexFormat.of().formatHex(digest.digest()));
    } catch (IOException e) {
      throw RuntimeErrors.modelExportUnreadable(folder, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Registers this export unless {@code registry} already has a version of it; returns that version.
   * The version carries the export's tags plus {@link #CHECKSUM_TAG}; it is recorded in a new run of
   * the registry, which keeps the export's {@code run_id} (a run of another registry) as the run tag
   * {@link #EXPORTED_RUN_TAG}.
   */
  public ModelVersion importInto(ModelRegistry registry) {
    ModelVersion existing = registry.find(name, Map.of(CHECKSUM_TAG, checksum));
    if (existing != null) {
      return existing;
    }
    Map<String, String> all = new TreeMap<>(tags);
    all.put(CHECKSUM_TAG, checksum);
    try {
      Path staging = Files.createTempDirectory("vigil-model-");
      try {
        for (String f : files) {
          Path target = staging.resolve(f);
          Files.createDirectories(target.getParent());
          Files.copy(directory.resolve(f), target);
        }
        ModelRegistration.Builder registration = ModelRegistration.of(name, staging).tags(all).description(description);
        if (runId != null) {
          registration.runTag(EXPORTED_RUN_TAG, runId);
        }
        return registry.register(registration.build());
      } finally {
        try (Stream<Path> walk = Files.walk(staging)) {
          walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    } catch (IOException e) {
      throw RuntimeErrors.modelImportFailed(name, e);
    }
  }

  private static void update(MessageDigest digest, String path, byte[] bytes) {
    digest.update(path.getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(Long.toString(bytes.length).getBytes(StandardCharsets.UTF_8));
    digest.update((byte) 0);
    digest.update(bytes);
  }

  private static String text(JsonNode json, String key) {
    JsonNode n = json.get(key);
    return n == null || n.isNull() ? null : n.asText();
  }
}
