package io.vigil.api.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.validation.InvalidValueException;
import io.vigil.api.validation.ProblemCode;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class DagTest {
  private static final LocalDate START = LocalDate.of(1993, 1, 1);

  private static DagTask task(String id, String... upstream) {
    return DagTask.builder(id, "aml." + Character.toUpperCase(id.charAt(0)) + id.substring(1))
        .dependsOn(upstream).build();
  }

  private static Dag.Builder monthly(ExecutionDateMode mode) {
    return Dag.builder("aml_monthly")
        .schedule(Dag.MONTHLY)
        .startDate(START)
        .defaultArgs(DefaultArgs.builder().executionDateMode(mode).build())
        .addTask(task("upload"));
  }

  @Test
  void builderReadsLikeTheGuidesDag() {
    Dag dag = Dag.builder("aml_monthly")
        .schedule(Dag.MONTHLY)
        .startDate(START)
        .catchup(false)
        .defaultArgs(DefaultArgs.builder().owner("aml").retries(1).retryDelay(Duration.ofMinutes(5))
            .executionDateMode(ExecutionDateMode.PERIOD_END).build())
        .addTask(DagTask.builder("upload", "aml.Upload").containerCpu("1000m").containerMemory("2Gi")
            .parameter("connector", "transaction").build())
        .addTask(DagTask.builder("dataprep", "aml.Dataprep").dependsOn("upload").build())
        .build();
    assertThat(dag.identifier()).isEqualTo("aml_monthly");
    assertThat(dag.kind().key()).isEqualTo("dag");
    assertThat(dag.defaultArgs().retryDelay()).isEqualTo(Duration.ofMinutes(5));
    assertThat(dag.findTask("upload").parameters()).containsEntry("connector", "transaction");
    assertThat(dag.findTask("dataprep").dependsOn()).containsExactly("upload");
    assertThat(dag.findTask("nope")).isNull();
    assertThat(dag.topologicalOrder()).containsExactly("upload", "dataprep");
    assertThat(dag.toBuilder().build()).isEqualTo(dag);
  }

  @Test
  void defaultArgsDefaultToLogicalDate() {
    assertThat(DefaultArgs.builder().build().executionDateMode()).isEqualTo(ExecutionDateMode.LOGICAL_DATE);
  }

  @Test
  void chainSetsDependenciesInOrderAndKeepsExistingOnes() {
    Dag dag = Dag.builder("aml_daily")
        .chain("upload", "dataprep", "publish")
        .addTask(task("check"))
        .addTask(task("upload"))
        .addTask(task("dataprep"))
        .addTask(task("publish", "check"))
        .chain("upload", "dataprep")
        .build();
    assertThat(dag.findTask("upload").dependsOn()).isEmpty();
    assertThat(dag.findTask("dataprep").dependsOn()).containsExactly("upload");
    assertThat(dag.findTask("publish").dependsOn()).containsExactly("check", "dataprep");
    assertThat(dag.findTask("publish").job()).isEqualTo("aml.Publish");
  }

  @Test
  void chainNamingAnUnknownTaskFails() {
    assertThatThrownBy(() -> Dag.builder("aml_daily").addTask(task("upload")).chain("upload", "publish").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("chain names no task 'publish'")
        .extracting(e -> ((InvalidValueException) e).code()).isEqualTo(ProblemCode.UNRESOLVED_REFERENCE);
  }

  @Test
  void topologicalOrderBreaksTiesByDeclarationOrder() {
    Dag dag = Dag.builder("diamond")
        .addTask(task("report", "score", "train"))
        .addTask(task("score", "prep"))
        .addTask(task("cleanup"))
        .addTask(task("train", "prep"))
        .addTask(task("prep", "unknown"))
        .build();
    assertThat(dag.topologicalOrder()).containsExactly("cleanup", "prep", "score", "train", "report");
    assertThat(dag.dependencyCycle()).isEmpty();
  }

  @Test
  void cyclesAreNamedInRunDirection() {
    Dag dag = Dag.builder("cyclic")
        .addTask(task("upload"))
        .addTask(task("dataprep", "upload", "publish"))
        .addTask(task("evaluate", "dataprep"))
        .addTask(task("publish", "evaluate"))
        .build();
    assertThat(dag.dependencyCycle()).containsExactly("dataprep", "evaluate", "publish", "dataprep");
    assertThatThrownBy(dag::topologicalOrder)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("dataprep -> evaluate -> publish -> dataprep");
    Dag self = Dag.builder("selfish").addTask(task("upload", "upload")).build();
    assertThat(self.dependencyCycle()).containsExactly("upload", "upload");
  }

  @Test
  void logicalDateModeGivesTheLogicalDate() {
    Dag dag = monthly(ExecutionDateMode.LOGICAL_DATE).build();
    assertThat(dag.executionDate(LocalDateTime.of(2024, 1, 1, 0, 0))).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
    Dag noArgs = monthly(ExecutionDateMode.LOGICAL_DATE).defaultArgs(null).build();
    assertThat(noArgs.executionDate(LocalDateTime.of(2024, 1, 1, 0, 0))).isEqualTo(LocalDateTime.of(2024, 1, 1, 0, 0));
  }

  @Test
  void periodEndModeGivesTheEndOfTheInterval() {
    Dag dag = monthly(ExecutionDateMode.PERIOD_END).build();
    assertThat(dag.executionDate(LocalDateTime.of(2024, 1, 1, 0, 0))).isEqualTo(LocalDateTime.of(2024, 2, 1, 0, 0));
    assertThat(dag.executionDate(LocalDateTime.of(2024, 12, 1, 0, 0))).isEqualTo(LocalDateTime.of(2025, 1, 1, 0, 0));
    Dag quarterly = monthly(ExecutionDateMode.PERIOD_END).schedule("0 0 1 */3 *").build();
    assertThat(quarterly.executionDate(LocalDateTime.of(2024, 1, 1, 0, 0)))
        .isEqualTo(LocalDateTime.of(2024, 4, 1, 0, 0));
    Dag manual = monthly(ExecutionDateMode.PERIOD_END).schedule(null).build();
    assertThat(manual.executionDate(LocalDateTime.of(2024, 1, 15, 8, 0))).isEqualTo(LocalDateTime.of(2024, 1, 15, 8, 0));
  }

  @Test
  void runDatesFollowTheScheduleWithinStartAndEnd() {
    Dag dag = monthly(ExecutionDateMode.LOGICAL_DATE).endDate(LocalDate.of(1993, 12, 31)).build();
    List<LocalDateTime> all = dag.runDates(LocalDate.of(1990, 1, 1), LocalDate.of(2000, 1, 1));
    assertThat(all).hasSize(12);
    assertThat(all.get(0)).isEqualTo(LocalDateTime.of(1993, 1, 1, 0, 0));
    assertThat(all.get(11)).isEqualTo(LocalDateTime.of(1993, 12, 1, 0, 0));
    assertThat(dag.runDates(LocalDate.of(1993, 3, 1), LocalDate.of(1993, 5, 1))).containsExactly(
        LocalDateTime.of(1993, 3, 1, 0, 0), LocalDateTime.of(1993, 4, 1, 0, 0), LocalDateTime.of(1993, 5, 1, 0, 0));
    Dag hourly = dag.toBuilder().schedule(Dag.HOURLY).build();
    assertThat(hourly.runDates(LocalDate.of(1993, 6, 1), LocalDate.of(1993, 6, 1))).hasSize(24);
    assertThat(dag.runDates(LocalDate.of(1993, 5, 2), LocalDate.of(1993, 5, 1))).isEmpty();
  }

  @Test
  void onceFiresAtStartDateAndManualDagsNever() {
    Dag once = monthly(ExecutionDateMode.LOGICAL_DATE).schedule(Dag.ONCE).build();
    assertThat(once.runDates(LocalDate.of(1990, 1, 1), LocalDate.of(2000, 1, 1)))
        .containsExactly(LocalDateTime.of(1993, 1, 1, 0, 0));
    assertThat(once.runDates(LocalDate.of(1994, 1, 1), LocalDate.of(2000, 1, 1))).isEmpty();
    Dag manual = monthly(ExecutionDateMode.LOGICAL_DATE).schedule(null).startDate(null).build();
    assertThat(manual.runDates(LocalDate.of(1990, 1, 1), LocalDate.of(2000, 1, 1))).isEmpty();
  }

  @Test
  void validSchedules() {
    assertThat(Dag.isValidSchedule(null)).isTrue();
    assertThat(Dag.isValidSchedule(Dag.ONCE)).isTrue();
    assertThat(Dag.isValidSchedule(Dag.YEARLY)).isTrue();
    assertThat(Dag.isValidSchedule("0 0 1 */3 *")).isTrue();
    assertThat(Dag.isValidSchedule("every month")).isFalse();
  }

  @Test
  void endDateMustNotPrecedeStartDate() {
    assertThatThrownBy(() -> monthly(ExecutionDateMode.LOGICAL_DATE).endDate(LocalDate.of(1992, 12, 31)).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build dag aml_monthly: end_date must not be before start_date 1993-01-01");
  }

  @Test
  void scheduledDagsNeedAStartDate() {
    assertThatThrownBy(() -> monthly(ExecutionDateMode.LOGICAL_DATE).startDate(null).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("start_date is required for a scheduled DAG")
        .extracting(e -> ((InvalidValueException) e).code()).isEqualTo(ProblemCode.MISSING_REQUIRED);
    assertThat(monthly(ExecutionDateMode.LOGICAL_DATE).schedule(Dag.ONCE).startDate(null).build().startDate()).isNull();
  }

  @Test
  void dagIdentifierIsLowerSnakeCaseAndMaxActiveRunsPositive() {
    assertThatThrownBy(() -> Dag.builder("AML-Monthly").build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("identifier must match");
    assertThatThrownBy(() -> monthly(ExecutionDateMode.LOGICAL_DATE).maxActiveRuns(0).build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("max_active_runs must be positive");
  }

  @Test
  void taskNeedsAnIdAndAJobOfTheRightShape() {
    assertThatThrownBy(() -> DagTask.builder("up load", "aml.Upload").build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("task_id must match");
    assertThatThrownBy(() -> DagTask.builder("upload", null).build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("Cannot build task upload: job is required");
    assertThatThrownBy(() -> DagTask.builder("upload", "Upload").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("job must be <domain>.<ClassName> of a job class, e.g. aml.Upload: 'Upload'");
  }

  @Test
  void containerSizesAreKubernetesQuantities() {
    assertThat(DagTask.builder("t", "aml.T").containerCpu("2").containerMemory("512Mi").build().containerCpu())
        .isEqualTo("2");
    assertThat(DagTask.builder("t", "aml.T").containerCpu("0.5").containerMemory("24Gi").build().containerMemory())
        .isEqualTo("24Gi");
    assertThatThrownBy(() -> DagTask.builder("t", "aml.T").containerCpu("1 core").build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("container_cpu must be a positive Kubernetes CPU");
    assertThatThrownBy(() -> DagTask.builder("t", "aml.T").containerCpu("0m").build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("container_cpu");
    assertThatThrownBy(() -> DagTask.builder("t", "aml.T").containerMemory("2GB").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("container_memory must be a positive Kubernetes memory quantity such as 2Gi or 512Mi: '2GB'");
  }

  @Test
  void retriesAndDurationsAreNotNegative() {
    assertThatThrownBy(() -> DagTask.builder("t", "aml.T").retries(-1).build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("retries must not be negative");
    assertThatThrownBy(() -> DefaultArgs.builder().retries(-1).build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("retries must not be negative");
    assertThatThrownBy(() -> DefaultArgs.builder().retryDelay(Duration.ofMinutes(-5)).build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("retry_delay must not be negative");
    assertThatThrownBy(() -> DefaultArgs.builder().executionTimeout(Duration.ZERO).build())
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("execution_timeout must be positive");
  }
}
