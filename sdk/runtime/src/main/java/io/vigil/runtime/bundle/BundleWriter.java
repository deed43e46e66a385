package io.vigil.runtime.bundle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.api.serde.Canonical;
import io.vigil.api.solution.JobClass;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * Builds the immutable bundle of a solution commit: a jar with the solution's compiled classes, its
 * third-party jars under {@code lib/}, and {@code META-INF/vigil/bundle.json} holding the manifest,
 * the commit, every entity's canonical JSON with its domain, and the job classes with their cells.
 * The same input always gives the same bytes: entries are sorted and carry a fixed time.
 */
public final class BundleWriter {
  /** Version of the bundle.json layout; readers refuse newer ones. */
  public static final int FORMAT = 1;
  static final String METADATA = "META-INF/vigil/bundle.json";
  static final String LIB = "lib/";
  /** DOS time of every entry; local time so that the bytes do not depend on the time zone. */
  private static final LocalDateTime ENTRY_TIME = LocalDateTime.of(2000, 1, 1, 0, 0);
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private BundleWriter() {}

  /** The bundle of {@code solution} at {@code commit}; the solution must have loaded without errors. */
  public static byte[] write(Solution solution, String commit) {
    if (solution.manifest() == null) {
      throw RuntimeErrors.bundleManifestUnreadable(solution.root());
    }
    Map<String, byte[]> entries = new TreeMap<>();
    entries.put("META-INF/MANIFEST.MF", manifest(solution, commit));
    entries.put(METADATA, metadata(solution, commit));
    if (solution.classesDir() != null && Files.isDirectory(solution.classesDir())) {
      addTree(entries, solution.classesDir(), "");
    }
    for (Path jar : libraryJars(solution.root())) {
      entries.put(LIB + jar.getFileName(), readBytes(jar));
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream out = new JarOutputStream(bytes)) {
      // The manifest must come first for JarInputStream; the rest follows in name order.
      writeEntry(out, "META-INF/MANIFEST.MF", entries.remove("META-INF/MANIFEST.MF"));
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        writeEntry(out, e.getKey(), e.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** The jars a solution ships: {@code lib/*.jar} and {@code domains/<domain>/lib/*.jar}, by name. */
  static List<Path> libraryJars(Path root) {
    List<Path> jars = new ArrayList<>();
    collectJars(root.resolve("lib"), jars);
    Path domains = root.resolve("domains");
    if (Files.isDirectory(domains)) {
      try (Stream<Path> list = Files.list(domains)) {
        list.sorted().forEach(d -> collectJars(d.resolve("lib"), jars));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    jars.sort(Comparator.comparing(p -> p.getFileName().toString()));
    return jars;
  }

  private static void collectJars(Path dir, List<Path> out) {
    if (!Files.isDirectory(dir)) {
      return;
    }
    try (Stream<Path> list = Files.list(dir)) {
      list.filter(p -> p.getFileName().toString().endsWith(".jar")).forEach(out::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] manifest(Solution solution, String commit) {
    String text = "Manifest-Version: 1.0\r\n"
        + "Created-By: Vigil\r\n"
        + "Vigil-Solution: " + solution.manifest().name() + "\r\n"
        + "Vigil-Commit: " + commit + "\r\n\r\n";
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] metadata(Solution solution, String commit) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("format", FORMAT);
    root.put("solution", Canonical.toTree(solution.manifest()));
    root.put("commit", commit);
    List<Map<String, Object>> entities = new ArrayList<>();
    List<LoadedEntity> sorted = new ArrayList<>(solution.entities());
    sorted.sort(Comparator.comparing((LoadedEntity e) -> e.entity().kind()).thenComparing(LoadedEntity::identifier));
    for (LoadedEntity e : sorted) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("kind", e.entity().kind().key());
      item.put("identifier", e.identifier());
      item.put("domain", e.domain());
      item.put("hash", Canonical.hash(e.entity()));
      item.put("canonical", Canonical.toTree(e.entity()));
      entities.add(item);
    }
    root.put("entities", entities);
    List<Map<String, Object>> jobs = new ArrayList<>();
    List<JobClass> sortedJobs = new ArrayList<>(solution.jobs());
    sortedJobs.sort(Comparator.comparing(JobClass::id));
    for (JobClass j : sortedJobs) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("id", j.id());
      item.put("domain", j.domain());
      item.put("class_name", j.className());
      item.put("cells", j.cells());
      item.put("file", j.location().file());
      item.put("line", j.location().line());
      jobs.add(item);
    }
    root.put("jobs", jobs);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void addTree(Map<String, byte[]> entries, Path dir, String prefix) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path file : walk.filter(Files::isRegularFile).toList()) {
        String name = prefix + dir.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
        entries.put(name, readBytes(file));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void writeEntry(JarOutputStream out, String name, byte[] bytes) throws IOException {
    ZipEntry entry = new ZipEntry(name);
    entry.setTimeLocal(ENTRY_TIME);
    out.putNextEntry(entry);
    out.write(bytes);
    out.closeEntry();
  }

  private static byte[] readBytes(Path file) {
    try {
      return Files.readAllBytes(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
