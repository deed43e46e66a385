package io.vigil.api.dag;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.serde.Canonical;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CanonicalDagTest {
  private static final Dag FULL = Dag.builder("aml_monthly")
      .description("Monthly AML detection")
      .schedule("0 0 1 */3 *")
      .startDate(LocalDate.of(1993, 1, 1))
      .endDate(LocalDate.of(1993, 12, 31))
      .catchup(true)
      .defaultArgs(DefaultArgs.builder()
          .owner("aml")
          .dependsOnPast(true)
          .retries(1)
          .retryDelay(Duration.ofMinutes(5))
          .executionTimeout(Duration.ofHours(2))
          .executionDateMode(ExecutionDateMode.PERIOD_END)
          .build())
      .tags("aml", "monthly")
      .maxActiveRuns(1)
      .addTask(DagTask.builder("upload", "aml.Upload")
          .containerCpu("2000m")
          .containerMemory("4Gi")
          .parameter("connector", "transaction")
          .parameter("batch", 3)
          .parameter("connectors", List.of("account", "district"))
          .sparkConf("spark.executor.memory", "4g")
          .retries(3)
          .build())
      .addTask(DagTask.builder("dataprep", "aml.Dataprep").dependsOn("upload").build())
      .build();

  @Test
  void jsonAndYamlRoundTripWithoutLoss() {
    assertThat(Canonical.fromJson(Canonical.toJson(FULL), Dag.class)).isEqualTo(FULL);
    assertThat(Canonical.fromYaml(Canonical.toYaml(FULL), Dag.class)).isEqualTo(FULL);
  }

  @Test
  void jsonUsesAirflowsNames() {
    String json = Canonical.toJson(FULL);
    assertThat(json).startsWith("{\"identifier\":\"aml_monthly\"");
    assertThat(json).contains("\"schedule\":\"0 0 1 */3 *\"", "\"start_date\":\"1993-01-01\"",
        "\"end_date\":\"1993-12-31\"", "\"catchup\":true", "\"default_args\":{\"owner\":\"aml\"",
        "\"depends_on_past\":true", "\"retry_delay\":\"PT5M\"", "\"execution_timeout\":\"PT2H\"",
        "\"execution_date_mode\":\"PERIOD_END\"", "\"max_active_runs\":1", "\"task_id\":\"upload\"",
        "\"job\":\"aml.Upload\"", "\"container_cpu\":\"2000m\"", "\"container_memory\":\"4Gi\"",
        "\"spark_conf\":{\"spark.executor.memory\":\"4g\"}", "\"depends_on\":[\"upload\"]");
  }

  @Test
  void decodesADagWrittenInYaml() {
    String yaml = """
        identifier: purging
        schedule: 0 0 1 * *
        start_date: 2024-01-01
        default_args:
          owner: platform
          retries: 1
          retry_delay: 5m
          execution_date_mode: PERIOD_END
        tasks:
          - task_id: upload_account
            job: aml.ParameterizedUpload
            container_cpu: 1000m
            container_memory: 2Gi
            parameters:
              connector: account
          - task_id: purging
            job: aml.Purging
            depends_on: [upload_account]
        """;
    Dag dag = Canonical.fromYaml(yaml, Dag.class);
    assertThat(dag.schedule()).isEqualTo("0 0 1 * *");
    assertThat(dag.startDate()).isEqualTo(LocalDate.of(2024, 1, 1));
    assertThat(dag.catchup()).isFalse();
    assertThat(dag.defaultArgs().retryDelay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(dag.defaultArgs().executionDateMode()).isEqualTo(ExecutionDateMode.PERIOD_END);
    assertThat(dag.findTask("upload_account").parameters()).isEqualTo(Map.of("connector", "account"));
    assertThat(dag.findTask("upload_account").containerCpu()).isEqualTo("1000m");
    assertThat(dag.topologicalOrder()).containsExactly("upload_account", "purging");
  }
}
