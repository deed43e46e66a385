package io.vigil.api.solution;

import io.vigil.api.source.SourceLocation;
import java.util.List;

/**
 * A job class discovered in {@code domains/<domain>/jobs/}.
 *
 * @param id {@code <domain>.<SimpleClassName>}, as DAG tasks name it
 * @param domain the domain folder
 * @param className fully qualified class name inside the bundle
 * @param cells cell method names in run order
 * @param location source file and line of the class
 */
public record JobClass(String id, String domain, String className, List<String> cells, SourceLocation location) {
  public JobClass {
    cells = List.copyOf(cells);
  }
}
