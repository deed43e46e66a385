package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.dataset.ReadOptions;
import io.vigil.runtime.evaluation.FlowTraining;
import io.vigil.runtime.evaluation.TrainingOptions;
import io.vigil.runtime.evaluation.TrainingResult;
import java.time.LocalDateTime;
import java.util.List;

/**
 * Refits the flow's models every month on the last twelve months of features, and registers them
 * with the tags the flow's steps reference, so the evaluation that follows uses them.
 */
public class Train implements Job {
  static final String FLOW = "account_month";
  static final int MONTHS = 12;
  List<TrainingResult> trained = List.of();

  @Cell(value = 1, title = "Fit and register the models")
  public void train(JobContext context) {
    LocalDateTime from = context.executionDate().minusMonths(MONTHS - 1);
    // A window without data keeps the models of the last month that had some.
    if (Datasets.read(context, "account_monthly", ReadOptions.range(from, context.executionDate())).isEmpty()) {
      return;
    }
    trained = FlowTraining.train(context, FLOW, new TrainingOptions(null, from, context.executionDate(), List.of(), null));
  }
}
