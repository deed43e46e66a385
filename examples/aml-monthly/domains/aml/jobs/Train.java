package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.evaluation.FlowTraining;
import io.vigil.runtime.evaluation.TrainingOptions;
import io.vigil.runtime.evaluation.TrainingResult;
import java.util.List;

/**
 * Refits the flow's models every month on the last twelve months of features, and registers them
 * with the tags the flow's steps reference, so the evaluation that follows uses them.
 */
public class Train implements Job {
  static final String FLOW = "account_month";
  static final int MONTHS = 12;
  List<TrainingResult> trained;

  @Cell(value = 1, title = "Fit and register the models")
  public void train(JobContext context) {
    TrainingOptions window = new TrainingOptions(null, context.executionDate().minusMonths(MONTHS - 1), context.executionDate(),
        List.of(), null);
    trained = FlowTraining.train(context, FLOW, window);
  }
}
