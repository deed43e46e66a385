package io.vigil.sync.dag;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.dag.Dag;
import io.vigil.api.dag.DagTask;
import io.vigil.api.dag.DefaultArgs;
import io.vigil.api.dag.ExecutionDateMode;
import io.vigil.api.solution.SolutionDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DagRendererTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden/dags/vigil_demo__aml_monthly.py");

  static Dag monthly() {
    return Dag.builder("aml_monthly")
        .description("Monthly \"AML\" run")
        .schedule(Dag.MONTHLY)
        .startDate(LocalDate.of(1995, 1, 1))
        .endDate(LocalDate.of(1999, 12, 31))
        .catchup(true)
        .maxActiveRuns(1)
        .tags("aml", "monthly")
        .defaultArgs(DefaultArgs.builder().owner("aml").retries(2).retryDelay(Duration.ofMinutes(5))
            .executionDateMode(ExecutionDateMode.PERIOD_END).build())
        .addTask(DagTask.builder("upload", "aml.Upload").parameter("connectors", List.of("transactions", "accounts"))
            .parameter("fail_on_no_data", true).containerCpu("1000m").containerMemory("2Gi").build())
        .addTask(DagTask.builder("dataprep", "aml.Dataprep").sparkConf("spark.sql.shuffle.partitions", "4").retries(0).build())
        .addTask(DagTask.builder("publish", "aml.Publish").build())
        .chain("upload", "dataprep", "publish")
        .build();
  }

  @Test
  void rendersTheSpecAsAnAirflowDagFile() throws Exception {
    String rendered = DagRenderer.render("demo", new SolutionDefaults(null, Map.of(), "500m", "1Gi"), monthly());
    if (Boolean.getBoolean("vigil.golden.update")) {
      Files.writeString(GOLDEN, rendered);
    }
    assertThat(rendered).isEqualTo(Files.readString(GOLDEN));
    assertThat(DagRenderer.fileName("demo", "aml_monthly")).isEqualTo("vigil_demo__aml_monthly.py");
  }

  @Test
  void theSameSpecGivesTheSameBytes() {
    SolutionDefaults defaults = new SolutionDefaults(null, Map.of(), null, null);
    assertThat(DagRenderer.render("demo", defaults, monthly())).isEqualTo(DagRenderer.render("demo", defaults, monthly()));
  }

  @Test
  void manualDagsHaveNoScheduleAndPythonLiteralsAreExact() {
    Dag manual = Dag.builder("adhoc").addTask(DagTask.builder("only", "aml.Once").build()).build();
    String rendered = DagRenderer.render("demo", new SolutionDefaults(null, Map.of(), null, null), manual);
    assertThat(rendered).contains("schedule=interval_schedule(None),").contains("start_date=None,").contains("default_args={},")
        .contains("container_cpu=None,").doesNotContain(">>");
    assertThat(PythonLiterals.of(Map.of("b", false, "a", List.of(1L, "x\"y", Map.of())))).isEqualTo("{\"a\": [1, \"x\\\"y\", {}], \"b\": False}");
  }
}
