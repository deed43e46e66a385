package io.vigil.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.dag.Dag;
import io.vigil.api.dag.DagTask;
import io.vigil.api.dag.DefaultArgs;
import io.vigil.api.dag.ExecutionDateMode;
import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;

/** What {@code vigil dag run} says of the dates: the logical date it is given and the execution date the tasks get, and why. */
class DagRunDatesTest {
  static final LocalDateTime JANUARY = LocalDateTime.of(1995, 1, 1, 0, 0);

  static Dag dag(ExecutionDateMode mode, String schedule) {
    return Dag.builder("aml_monthly").schedule(schedule).startDate(JANUARY.toLocalDate())
        .defaultArgs(DefaultArgs.builder().executionDateMode(mode).build())
        .addTask(DagTask.builder("ingest", "aml.Ingest").build()).build();
  }

  @Test
  void periodEndRunsTheTasksAtTheEndOfTheIntervalAndSaysSo() {
    Dag monthly = dag(ExecutionDateMode.PERIOD_END, Dag.MONTHLY);
    LocalDateTime execution = monthly.executionDate(JANUARY);
    assertThat(execution).isEqualTo(LocalDateTime.of(1995, 2, 1, 0, 0));
    assertThat(DagRunCommand.why(monthly, JANUARY, execution))
        .isEqualTo("PERIOD_END: the end of the schedule interval " + Dag.MONTHLY + " that starts at the logical date");
  }

  @Test
  void logicalDateModeAndAnUnscheduledDagRunAtTheLogicalDate() {
    Dag logical = dag(ExecutionDateMode.LOGICAL_DATE, Dag.MONTHLY);
    assertThat(logical.executionDate(JANUARY)).isEqualTo(JANUARY);
    assertThat(DagRunCommand.why(logical, JANUARY, JANUARY)).isEqualTo("LOGICAL_DATE: the logical date itself");
    Dag manual = dag(ExecutionDateMode.PERIOD_END, null);
    assertThat(manual.executionDate(JANUARY)).isEqualTo(JANUARY);
    assertThat(DagRunCommand.why(manual, JANUARY, JANUARY)).isEqualTo("PERIOD_END, but the DAG has no schedule, so the logical date itself");
  }
}
