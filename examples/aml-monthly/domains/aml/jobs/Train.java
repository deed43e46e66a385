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
import java.util.ArrayList;
import java.util.List;

/**
 * Refits the flows' models every month on the last twelve months of data, and registers them with the
 * tags the flows' steps reference, so the evaluation that follows, and vigil serve, use them.
 */
public class Train implements Job {
  static final String FLOW = "account_month";
  static final String REALTIME_FLOW = "transaction_check";
  static final int MONTHS = 12;
  /** What describes a payment; the identifiers and the date would only identify it. */
  static final List<String> TRANSACTION_FEATURES = List.of("amount", "balance", "type", "operation");
  List<TrainingResult> trained = List.of();

  @Cell(value = 1, title = "Fit and register the models")
  public void train(JobContext context) {
    LocalDateTime from = context.executionDate().minusMonths(MONTHS - 1);
    LocalDateTime to = context.executionDate();
    List<TrainingResult> out = new ArrayList<>();
    // A window without data keeps the models of the last month that had some.
    if (!Datasets.read(context, "account_monthly", ReadOptions.range(from, to)).isEmpty()) {
      out.addAll(FlowTraining.train(context, FLOW, new TrainingOptions(null, from, to, List.of(), null)));
    }
    if (!Datasets.read(context, "transaction", ReadOptions.range(from, to)).isEmpty()) {
      out.addAll(FlowTraining.train(context, REALTIME_FLOW, new TrainingOptions(null, from, to, TRANSACTION_FEATURES, null)));
    }
    trained = List.copyOf(out);
  }
}
