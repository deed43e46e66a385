package io.vigil.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.entity.Entity;
import io.vigil.architecture.fixture.a.UsesB;
import io.vigil.cli.Main;
import io.vigil.runtime.JobContext;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** No package of the SDK or of metadata-sync imports a package that imports it back. */
class PackageCyclesTest {
  @Test
  void theRuntimeHasNoPackageCycle() {
    assertNoCycle(PackageGraph.of(JobContext.class, "io.vigil.runtime"));
  }

  @Test
  void metadataSyncHasNoPackageCycle() {
    assertNoCycle(PackageGraph.of(Main.class, "io.vigil.sync").add(Main.class, "io.vigil.cli").add(Main.class, "io.vigil.demo"));
  }

  @Test
  void theApiHasNoPackageCycle() {
    assertNoCycle(PackageGraph.of(Entity.class, "io.vigil.api"));
  }

  @Test
  void aPlantedCycleIsFound() {
    PackageGraph graph = PackageGraph.of(UsesB.class, "io.vigil.architecture.fixture");
    assertThat(graph.cycles()).containsExactly(List.of("io.vigil.architecture.fixture.a", "io.vigil.architecture.fixture.b"));
  }

  @Test
  void theGraphSeesKnownEdges() {
    PackageGraph graph = PackageGraph.of(JobContext.class, "io.vigil.runtime");
    assertThat(graph.uses().get("io.vigil.runtime")).contains("io.vigil.runtime.dataset", "io.vigil.runtime.context");
    assertThat(graph.uses().get("io.vigil.runtime.dataset")).contains("io.vigil.runtime.context")
        .doesNotContain("io.vigil.runtime");
  }

  private static void assertNoCycle(PackageGraph graph) {
    List<List<String>> cycles = graph.cycles();
    assertThat(cycles).as(() -> "package cycles:" + cycles.stream().map(graph::explain).collect(Collectors.joining("\n")))
        .isEmpty();
  }
}
