package io.vigil.runtime.testing;

import io.vigil.api.entity.Entity;
import io.vigil.api.solution.SolutionManifest;
import io.vigil.runtime.catalog.SolutionCatalog;
import java.util.Arrays;
import java.util.List;

/** In-memory catalogs for runtime tests. */
public final class Catalogs {
  private Catalogs() {}

  public static SolutionCatalog of(String solution, Entity... entities) {
    return new SolutionCatalog(SolutionManifest.builder(solution).build(),
        Arrays.stream(entities).map(e -> new SolutionCatalog.Entry(e, "aml")).toList(), List.of());
  }
}
