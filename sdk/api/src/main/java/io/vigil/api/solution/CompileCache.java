package io.vigil.api.solution;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Compiled classes of a solution kept by the hash of everything that decides them: each source's
 * path and bytes, the class path entries (path, size, modification time) and the JDK. javac dominates
 * the time of {@code vigil validate} and of a no-op sync, and most edits leave the Java unchanged.
 */
final class CompileCache {
  private static final int KEEP = 20;
  private static final String SOURCES = "sources.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path root;

  CompileCache(Path root) {
    this.root = root;
  }

  /** The key of a compilation. */
  static String key(Path solutionRoot, List<Path> sources, List<Path> classpath) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, "vigil-compile-cache-1|" + System.getProperty("java.version"));
      for (Path source : sources.stream().sorted().toList()) {
        update(digest, JavaSources.relative(solutionRoot, source));
        digest.update(Files.readAllBytes(source));
      }
      for (Path entry : classpath) {
        update(digest, entry.toString());
        if (Files.isRegularFile(entry)) {
          update(digest, Files.size(entry) + "|" + Files.getLastModifiedTime(entry).toMillis());
        }
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the cached classes of {@code key} into {@code out}; returns their sources, or null on a miss. */
  Map<String, String> restore(String key, Path out) {
    Path entry = root.resolve(key);
    Path sources = entry.resolve(SOURCES);
    if (!Files.isRegularFile(sources)) {
      return null;
    }
    try {
      copyTree(entry.resolve("classes"), out);
      Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
      return JSON.readValue(sources.toFile(), new TypeReference<Map<String, String>>() {});
    } catch (IOException e) {
      return null; // a damaged entry is a miss; the compilation rewrites it
    }
  }

  /** Keeps the classes in {@code out} under {@code key}, written aside and moved into place. */
  void store(String key, Path out, Map<String, String> sourceOfClass) {
    try {
      Files.createDirectories(root);
      Path temp = root.resolve(".tmp-" + UUID.randomUUID());
      copyTree(out, temp.resolve("classes"));
      JSON.writeValue(temp.resolve(SOURCES).toFile(), sourceOfClass);
      Path entry = root.resolve(key);
      if (Files.exists(entry)) {
        deleteTree(temp);
        return;
      }
      Files.move(temp, entry, StandardCopyOption.ATOMIC_MOVE);
      evict();
    } catch (IOException e) {
      // The cache only saves time; a full disk or a race with another process must not fail the load.
    }
  }

  private void evict() throws IOException {
    try (Stream<Path> entries = Files.list(root)) {
      List<Path> all = entries.filter(p -> !p.getFileName().toString().startsWith(".")).sorted(Comparator.comparing(p -> {
        try {
          return Files.getLastModifiedTime(p);
        } catch (IOException e) {
          return FileTime.fromMillis(0);
        }
      })).toList();
      for (int i = 0; i < all.size() - KEEP; i++) {
        deleteTree(all.get(i));
      }
    }
  }

  private static void update(MessageDigest digest, String text) {
    digest.update(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    digest.update((byte) 0);
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
