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
 * @param compileCache a directory that keeps compiled classes by the hash of their sources and class
 *     path, so that unchanged Java is not compiled again; null compiles every time
 */
public record LoadOptions(List<Path> classpath, Path classesDir, ClassLoader parent, Path compileCache) {
  public LoadOptions {
    classpath = classpath == null ? List.of() : List.copyOf(classpath);
  }

  public LoadOptions(List<Path> classpath, Path classesDir, ClassLoader parent) {
    this(classpath, classesDir, parent, null);
  }

  public static LoadOptions defaults() {
    return new LoadOptions(List.of(), null, null, null);
  }

  public LoadOptions withClassesDir(Path dir) {
    return new LoadOptions(classpath, dir, parent, compileCache);
  }

  public LoadOptions withCompileCache(Path cache) {
    return new LoadOptions(classpath, classesDir, parent, cache);
  }
}
