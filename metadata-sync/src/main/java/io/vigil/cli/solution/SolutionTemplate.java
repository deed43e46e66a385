package io.vigil.cli.solution;

import io.vigil.sync.errors.SyncErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/** The solution template that {@code vigil init} copies, shipped on the CLI's class path. */
public final class SolutionTemplate {
  public static final String RESOURCE = "vigil-template";
  /** The solution name the template is written with; replaced by the new solution's name. */
  public static final String TEMPLATE_NAME = "my_solution";
  private static final Set<String> RENAMED_FILES = Set.of("solution.yaml", "pom.xml", "README.md");

  private SolutionTemplate() {}

  /** Copies the template into {@code target} (created) for a solution called {@code name}; returns the files written. */
  public static List<Path> copyTo(Path target, String name, String sdkVersion) {
    return copyTo(RESOURCE, target, name, sdkVersion);
  }

  /**
   * Copies the solution shipped on the class path under {@code resource} into {@code target}, renaming
   * the template's solution name to {@code name} (a shipped solution with another name keeps it).
   */
  public static List<Path> copyTo(String resource, Path target, String name, String sdkVersion) {
    URL marker = SolutionTemplate.class.getClassLoader().getResource(resource + "/solution.yaml");
    if (marker == null) {
      throw SyncErrors.templateMissing(resource);
    }
    try {
      URI uri = marker.toURI();
      if ("jar".equals(uri.getScheme())) {
        try (FileSystem jar = jarFileSystem(uri)) {
          return copy(jar.provider().getPath(uri).getParent(), target, name, sdkVersion);
        }
      }
      return copy(Path.of(uri).getParent(), target, name, sdkVersion);
    } catch (URISyntaxException | IOException e) {
      throw SyncErrors.templateUnreadable(e);
    }
  }

  private static List<Path> copy(Path source, Path target, String name, String sdkVersion) throws IOException {
    List<Path> written = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path from : walk.sorted().toList()) {
        String rel = source.relativize(from).toString();
        if (rel.isEmpty()) {
          continue;
        }
        Path to = target.resolve(rel.replace(source.getFileSystem().getSeparator(), "/"));
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
          continue;
        }
        Files.createDirectories(to.getParent());
        if (RENAMED_FILES.contains(from.getFileName().toString())) {
          String text = Files.readString(from, StandardCharsets.UTF_8)
              .replace(TEMPLATE_NAME, name)
              .replaceAll("<vigil\\.version>[^<]*</vigil\\.version>", "<vigil.version>" + sdkVersion + "</vigil.version>");
          Files.writeString(to, text, StandardCharsets.UTF_8);
        } else {
          Files.copy(from, to);
        }
        written.add(to);
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    return written;
  }

  private static FileSystem jarFileSystem(URI uri) throws IOException {
    try {
      return FileSystems.newFileSystem(uri, Map.of());
    } catch (FileSystemAlreadyExistsException e) {
      throw new IllegalStateException("Template jar is already open", e);
    }
  }
}
