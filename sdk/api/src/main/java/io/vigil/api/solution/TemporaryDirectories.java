package io.vigil.api.solution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Temporary directories deleted with their contents when the JVM exits. {@code File.deleteOnExit}
 * only deletes empty directories, and compiled solution classes stay loaded until the end, so they
 * cannot be deleted earlier.
 */
final class TemporaryDirectories {
  private static final Set<Path> DIRECTORIES = ConcurrentHashMap.newKeySet();

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(TemporaryDirectories::deleteAll, "vigil-temp-cleanup"));
  }

  private TemporaryDirectories() {}

  static Path create(String prefix) {
    try {
      Path dir = Files.createTempDirectory(prefix);
      DIRECTORIES.add(dir);
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteAll() {
    for (Path dir : DIRECTORIES) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException | UncheckedIOException e) {
        // Best effort at exit: what is left is in the system's temporary folder.
      }
    }
  }
}
