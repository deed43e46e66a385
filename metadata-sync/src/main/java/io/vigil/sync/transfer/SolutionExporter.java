package io.vigil.sync.transfer;

import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.api.flow.ModelReference;
import io.vigil.runtime.bundle.Bundle;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.model.ModelExport;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.registry.Registry;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes the export of one solution commit of this environment (S1 §17): the commit's bundle as sync
 * stored it, and every model version its flows reference, in {@link ModelExport}'s folder format so
 * that the importing sync imports them as it imports a solution's {@code models/} folder. The same
 * state always gives the same bytes: entries are sorted, carry a fixed time, and the manifest holds
 * no clock.
 */
public final class SolutionExporter {
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);

  private final Stores stores;
  private final ModelRegistry models;

  private SolutionExporter(Stores stores, ModelRegistry models) {
    this.stores = stores;
    this.models = models;
  }

  public static SolutionExporter of(Stores stores, ModelRegistry models) {
    return new SolutionExporter(stores, models);
  }

  /**
   * What an export wrote.
   *
   * @param file the zip
   * @param solution the solution
   * @param commit the commit exported
   * @param models the model versions it carries
   * @param unresolved model references of the flows that no version satisfies here, so not exported
   */
  public record Summary(Path file, String solution, String commit, List<ExportManifest.ExportedModel> models,
      List<String> unresolved) {
    public Summary {
      models = List.copyOf(models);
      unresolved = List.copyOf(unresolved);
    }
  }

  /** Exports {@code solution} at {@code commit}, or at its promoted commit when {@code commit} is null, to {@code out}. */
  public Summary export(String solution, String commit, Path out) {
    String chosen = commit != null ? commit : promoted(solution);
    Layout layout = new Layout(solution, stores.settings().warehouseRoot());
    String key = layout.bundleKey(chosen);
    if (!stores.objects().exists(layout.bucket(), key)) {
      throw SyncErrors.exportBundleMissing(solution, chosen, ObjectStore.url(layout.bucket(), key));
    }
    byte[] bundle = stores.objects().read(layout.bucket(), key);
    Map<String, ModelVersion> referenced = new TreeMap<>();
    List<String> unresolved = new ArrayList<>();
    try (Bundle opened = Bundle.open(bundle, null)) {
      for (Bundle.BundledEntity e : opened.entities()) {
        if (e.entity() instanceof EvaluationFlow flow) {
          for (EvaluationStep step : flow.evaluationSteps()) {
            resolve(solution, step.featureExtractionModel(), referenced, unresolved);
            resolve(solution, step.detectionModel(), referenced, unresolved);
          }
        }
      }
    }
    Map<String, Source> entries = new TreeMap<>();
    entries.put(ExportManifest.BUNDLE, Source.of(bundle));
    List<ExportManifest.ExportedModel> exported = new ArrayList<>();
    for (ModelVersion v : referenced.values()) {
      Map<String, String> tags = new TreeMap<>(v.tags());
      tags.remove(ModelExport.CHECKSUM_TAG);
      exported.add(new ExportManifest.ExportedModel(v.name(), v.version(), tags));
      String folder = ModelExport.FOLDER + "/" + v.name() + "/";
      entries.put(folder + ModelExport.DESCRIPTOR, Source.of(descriptor(v, tags)));
      Path dir = models.artifacts(v);
      for (String file : files(dir)) {
        if (file.equals(ModelExport.DESCRIPTOR)) {
          throw SyncErrors.exportModelUnexportable(v.name(), v.version());
        }
        entries.put(folder + file, Source.of(dir.resolve(file)));
      }
    }
    Map<String, ExportManifest.FileSum> sums = new TreeMap<>();
    entries.forEach((path, source) -> sums.put(path, source.sum()));
    ExportManifest manifest = new ExportManifest(ExportManifest.FORMAT, solution, chosen, exported, sums);
    write(out, manifest, entries);
    return new Summary(out, solution, chosen, exported, unresolved);
  }

  private String promoted(String solution) {
    Registry registry = Registry.open(stores.postgres());
    String promoted = registry.state(solution, Registry.STATE_PROMOTED);
    if (promoted == null) {
      throw SyncErrors.exportNothingPromoted(solution, registry.state(solution, Registry.STATE_APPLIED));
    }
    return promoted;
  }

  private void resolve(String solution, ModelReference ref, Map<String, ModelVersion> referenced, List<String> unresolved) {
    if (ref == null) {
      return;
    }
    ModelVersion v = models.find(ref.name(), ref.tags());
    if (v == null) {
      unresolved.add(ref.name() + " " + new TreeMap<>(ref.tags()));
      return;
    }
    ModelVersion earlier = referenced.putIfAbsent(v.name(), v);
    if (earlier != null && earlier.version() != v.version()) {
      throw SyncErrors.exportModelAmbiguous(solution, v.name(), Math.min(earlier.version(), v.version()),
          Math.max(earlier.version(), v.version()));
    }
  }

  /** model.json of {@code v}: its tags, description and run, keys sorted so that the checksum is stable. */
  private static byte[] descriptor(ModelVersion v, Map<String, String> tags) {
    Map<String, Object> json = new TreeMap<>();
    json.put("tags", tags);
    if (v.description() != null) {
      json.put("description", v.description());
    }
    if (v.runId() != null) {
      json.put("run_id", v.runId());
    }
    try {
      return ExportManifest.json().writeValueAsBytes(json);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> files(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString().replace('\\', '/')).sorted().toList();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Writes beside {@code out} first, so that a failed export never leaves a partial zip under its name. */
  private static void write(Path out, ExportManifest manifest, Map<String, Source> entries) {
    Path target = out.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      if (target.getParent() != null) {
        Files.createDirectories(target.getParent());
      }
      try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(partial))) {
        entry(zip, ExportManifest.NAME, Source.of(manifest.toJson()));
        for (Map.Entry<String, Source> e : entries.entrySet()) {
          entry(zip, e.getKey(), e.getValue());
        }
      }
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(partial);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw SyncErrors.exportUnwritable(target, e);
    }
  }

  private static void entry(ZipOutputStream zip, String name, Source source) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(ENTRY_TIME);
    zip.putNextEntry(entry);
    source.copyTo(zip);
    zip.closeEntry();
  }

  /** An entry's content: bytes in memory, or a file streamed twice (checksum, then copy) rather than held. */
  private record Source(byte[] bytes, Path file) {
    static Source of(byte[] bytes) {
      return new Source(bytes, null);
    }

    static Source of(Path file) {
      return new Source(null, file);
    }

    InputStream open() throws IOException {
      return bytes != null ? new java.io.ByteArrayInputStream(bytes) : Files.newInputStream(file);
    }

    void copyTo(OutputStream out) throws IOException {
      try (InputStream in = open()) {
        in.transferTo(out);
      }
    }

    ExportManifest.FileSum sum() {
      try (DigestInputStream in = new DigestInputStream(open(), MessageDigest.getInstance("SHA-256"))) {
        long size = in.transferTo(OutputStream.nullOutputStream());
        return new ExportManifest.FileSum(size, HexFormat.of().formatHex(in.getMessageDigest().digest()));
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
