package io.vigil.api.solution;

import java.nio.file.Path;
import java.util.List;

/**
 * How to read a solution.
 *
 * @param classpath entries the solution's Java is compiled against; empty means this JVM's class
 *     path, which holds the SDK
 * @param classesDir where compiled classes go; null means a fresh temporary directory
 * @param parent the class loader the solution's classes see; null means the SDK's own
 */
public record LoadOptions(List<Path> classpath, Path classesDir, ClassLoader parent) {
  public LoadOptions {
    classpath = classpath == null ? List.of() : List.copyOf(classpath);
  }

  public static LoadOptions defaults() {
    return new LoadOptions(List.of(), null, null);
  }

  public LoadOptions withClassesDir(Path dir) {
    return new LoadOptions(classpath, dir, parent);
  }
}
