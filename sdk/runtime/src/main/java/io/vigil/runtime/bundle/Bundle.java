package io.vigil.runtime.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.serde.Canonical;
import io.vigil.api.solution.EntityTypes;
import io.vigil.api.solution.JobClass;
import io.vigil.api.solution.SolutionManifest;
import io.vigil.api.source.SourceLocation;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

/**
 * A solution bundle opened for running: the metadata it was built with and a class loader for its
 * jobs. {@link #close()} closes the class loader and deletes the files extracted for it.
 */
public final class Bundle implements AutoCloseable {
  /** An entity of the bundle and the domain that declares it (null for DAGs). */
  public record BundledEntity(Entity entity, String domain) {}

  private final SolutionManifest manifest;
  private final String commit;
  private final List<BundledEntity> entities;
  private final List<JobClass> jobs;
  private final Path workDir;
  private final URLClassLoader classLoader;

  private Bundle(SolutionManifest manifest, String commit, List<BundledEntity> entities, List<JobClass> jobs,
      Path workDir, URLClassLoader classLoader) {
    this.manifest = manifest;
    this.commit = commit;
    this.entities = List.copyOf(entities);
    this.jobs = List.copyOf(jobs);
    this.workDir = workDir;
    this.classLoader = classLoader;
  }

  /** Opens the bundle bytes (as {@link BundleWriter} wrote them); job classes see {@code parent}. */
  public static Bundle open(byte[] jar, ClassLoader parent) {
    try {
      Path dir = Files.createTempDirectory("vigil-bundle-");
      Path file = dir.resolve("bundle.jar");
      Files.write(file, jar);
      return open(file, dir, parent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens a bundle jar on disk; job classes see {@code parent} (null: the SDK's class loader). */
  public static Bundle open(Path jar, ClassLoader parent) {
    try {
      return open(jar, Files.createTempDirectory("vigil-bundle-"), parent);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Bundle open(Path jar, Path workDir, ClassLoader parent) throws IOException {
    JsonNode root;
    List<URL> urls = new ArrayList<>();
    urls.add(url(jar));
    try (JarFile file = new JarFile(jar.toFile())) {
      ZipEntry meta = file.getEntry(BundleWriter.METADATA);
      if (meta == null) {
        throw RuntimeErrors.bundleWithoutMetadata(jar, BundleWriter.METADATA);
      }
      try (InputStream in = file.getInputStream(meta)) {
        root = new ObjectMapper().readTree(in);
      }
      List<? extends ZipEntry> libs = file.stream().filter(e -> e.getName().startsWith(BundleWriter.LIB)
          && e.getName().endsWith(".jar")).sorted(Comparator.comparing(ZipEntry::getName)).toList();
      for (ZipEntry lib : libs) {
        Path target = workDir.resolve(lib.getName());
        Files.createDirectories(target.getParent());
        try (InputStream in = file.getInputStream(lib)) {
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        urls.add(url(target));
      }
    }
    int format = root.path("format").asInt(-1);
    if (format < 1 || format > BundleWriter.FORMAT) {
      throw RuntimeErrors.bundleFormatUnknown(jar, format, BundleWriter.FORMAT);
    }
    SolutionManifest manifest = Canonical.fromJson(root.get("solution").toString(), SolutionManifest.class);
    List<BundledEntity> entities = new ArrayList<>();
    for (JsonNode e : root.path("entities")) {
      EntityKind kind = EntityKind.fromKey(e.get("kind").asText()).orElseThrow(() -> RuntimeErrors.bundleEntityKindUnknown(jar, String.valueOf(e.get("kind"))));
      Entity entity = (Entity) Canonical.fromJson(e.get("canonical").toString(), EntityTypes.of(kind));
      entities.add(new BundledEntity(entity, e.path("domain").isNull() ? null : e.path("domain").asText(null)));
    }
    List<JobClass> jobs = new ArrayList<>();
    for (JsonNode j : root.path("jobs")) {
      List<String> cells = new ArrayList<>();
      j.path("cells").forEach(c -> cells.add(c.asText()));
      jobs.add(new JobClass(j.get("id").asText(), j.get("domain").asText(), j.get("class_name").asText(), cells,
          SourceLocation.of(j.path("file").asText(""), j.path("line").asInt(0))));
    }
    ClassLoader parentLoader = parent != null ? parent : Bundle.class.getClassLoader();
    URLClassLoader loader = new URLClassLoader(urls.toArray(URL[]::new), parentLoader);
    return new Bundle(manifest, root.get("commit").asText(), entities, jobs, workDir, loader);
  }

  public SolutionManifest manifest() {
    return manifest;
  }

  public String solution() {
    return manifest.name();
  }

  public String commit() {
    return commit;
  }

  /** Every entity, by kind and then identifier. */
  public List<BundledEntity> entities() {
    return entities;
  }

  public List<JobClass> jobs() {
    return jobs;
  }

  /** The job with this id ({@code domain.SimpleName}), or null. */
  public JobClass job(String id) {
    return jobs.stream().filter(j -> j.id().equals(id)).findFirst().orElse(null);
  }

  /** Loads the solution's classes (jobs, providers and their libraries). */
  public ClassLoader classLoader() {
    return classLoader;
  }

  /** Loads the class of a job. */
  public Class<?> loadJob(String id) {
    JobClass job = job(id);
    if (job == null) {
      throw RuntimeErrors.bundleJobNotFound(id, solution(), commit, jobs.stream().map(JobClass::id).toList());
    }
    try {
      return Class.forName(job.className(), false, classLoader);
    } catch (ClassNotFoundException e) {
      throw RuntimeErrors.bundleJobClassMissing(id, solution(), commit, job.className(), e);
    }
  }

  @Override
  public void close() {
    try {
      classLoader.close();
    } catch (IOException ignored) {
      // Closing only releases file handles; the files go next.
    }
    try (Stream<Path> walk = Files.walk(workDir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary directory is harmless.
    }
  }

  private static URL url(Path p) {
    try {
      return p.toUri().toURL();
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
  }
}
