package io.vigil.api.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A documentation file generated from the model: checked against the committed file, or rewritten when
 * the build runs with {@code -Dvigil.docs.update=true}.
 */
final class GeneratedDocs {
  static final String UPDATE_PROPERTY = "vigil.docs.update";
  static final String REGENERATE = "mvn -q -B -o test -pl sdk/api -Dtest=MetadataReferenceTest"
      + " -Dsurefire.failIfNoSpecifiedTests=false -D" + UPDATE_PROPERTY + "=true";

  private GeneratedDocs() {}

  static boolean updating() {
    return Boolean.getBoolean(UPDATE_PROPERTY);
  }

  /** The repository root: the nearest directory at or above the working directory that holds sdk/api. */
  static Path repositoryRoot() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("sdk/api/pom.xml")) && Files.isDirectory(dir.resolve("docs"))) {
        return dir;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("Cannot find the repository root (a directory with sdk/api/pom.xml and docs/) above "
        + Path.of("").toAbsolutePath());
  }

  /**
   * Writes {@code expected} to {@code file} when updating; otherwise returns null when the file holds
   * exactly {@code expected}, or a message saying how it differs and how to regenerate it.
   */
  static String checkOrUpdate(Path root, String relative, String expected) {
    Path file = root.resolve(relative);
    try {
      if (updating()) {
        Files.writeString(file, expected, StandardCharsets.UTF_8);
        System.out.println("Regenerated " + relative);
        return null;
      }
      if (!Files.exists(file)) {
        return relative + " does not exist. Generate it from the model with:\n  " + REGENERATE;
      }
      String actual = Files.readString(file, StandardCharsets.UTF_8);
      if (actual.equals(expected)) {
        return null;
      }
      return relative + " is out of date with the metadata model (" + firstDifference(actual, expected) + ").\n"
          + "It is generated; do not edit it by hand. Regenerate it and commit the result:\n  " + REGENERATE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstDifference(String actual, String expected) {
    List<String> a = actual.lines().toList();
    List<String> e = expected.lines().toList();
    for (int i = 0; i < Math.max(a.size(), e.size()); i++) {
      String left = i < a.size() ? a.get(i) : "<end of file>";
      String right = i < e.size() ? e.get(i) : "<end of file>";
      if (!left.equals(right)) {
        return "first difference at line " + (i + 1) + ": the file has\n    " + left + "\n  but the model gives\n    " + right;
      }
    }
    return "line endings or the final newline differ";
  }
}
