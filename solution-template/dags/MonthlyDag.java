package dags;

import io.vigil.api.dag.Dag;
import io.vigil.api.dag.DagTask;
import io.vigil.api.dag.DefaultArgs;
import io.vigil.api.dag.ExecutionDateMode;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

/** At the end of every month: load the month's files, build the monthly features, refit the models, check the
 * month for drift against the models' reference set, evaluate, identify the risks and send the alerts to the case manager. */
public class MonthlyDag implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(Dag.builder("aml_monthly")
        .description("Monthly ingestion, data preparation, training, drift check, evaluation, risk identification and alert distribution")
        .schedule(Dag.MONTHLY)
        .startDate(LocalDate.of(1995, 1, 1))
        .catchup(false)
        .defaultArgs(DefaultArgs.builder()
            .owner("aml")
            .retries(1)
            .retryDelay(Duration.ofMinutes(5))
            .executionDateMode(ExecutionDateMode.PERIOD_END)
            .build())
        .tags("aml", "monthly")
        .addTask(DagTask.builder("ingest", "aml.Ingest").containerCpu("1000m").containerMemory("2Gi").build())
        .addTask(DagTask.builder("dataprep", "aml.Dataprep").containerCpu("2000m").containerMemory("4Gi").build())
        .addTask(DagTask.builder("train", "aml.Train").containerCpu("2000m").containerMemory("4Gi").build())
        .addTask(DagTask.builder("drift", "aml.CheckDrift").containerCpu("1000m").containerMemory("2Gi").build())
        .addTask(DagTask.builder("evaluate", "aml.Evaluate").containerCpu("2000m").containerMemory("4Gi").build())
        .addTask(DagTask.builder("decide", "aml.Decide").build())
        .addTask(DagTask.builder("distribute", "aml.Distribute").build())
        .chain("ingest", "dataprep", "train", "drift", "evaluate", "decide", "distribute")
        .build());
  }
}
