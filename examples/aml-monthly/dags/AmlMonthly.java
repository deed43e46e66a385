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

/** The monthly run: upload >> dataprep >> publish >> train >> evaluate >> decide >> distribute, with the month's end as execution date. */
public class AmlMonthly implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(Dag.builder("aml_monthly")
        .description("Upload the month's files, build and publish the monthly features, refit the models, evaluate the month,"
            + " identify its risks and send the alerts to the investigation queue")
        .schedule(Dag.MONTHLY)
        .startDate(LocalDate.of(1995, 1, 1))
        .defaultArgs(DefaultArgs.builder()
            .owner("aml")
            .retries(2)
            .retryDelay(Duration.ofMinutes(1))
            .executionDateMode(ExecutionDateMode.PERIOD_END)
            .build())
        .tags("aml", "reference")
        .maxActiveRuns(1)
        .addTask(DagTask.builder("upload", "aml.Upload")
            .parameter("connectors", List.of("districts", "accounts", "transactions"))
            .build())
        .addTask(DagTask.builder("dataprep", "aml.Dataprep").containerMemory("4Gi").build())
        .addTask(DagTask.builder("publish", "aml.Publish").build())
        .addTask(DagTask.builder("train", "aml.Train").containerMemory("4Gi").build())
        .addTask(DagTask.builder("evaluate", "aml.Evaluate").containerMemory("4Gi").build())
        .addTask(DagTask.builder("decide", "aml.Decide").build())
        .addTask(DagTask.builder("distribute", "aml.Distribute").build())
        .chain("upload", "dataprep", "publish", "train", "evaluate", "decide", "distribute")
        .build());
  }
}
