package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.evaluation.EvaluatedWrite;
import io.vigil.runtime.evaluation.Evaluations;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Scores the month's features with the flow's models, then keeps and publishes the evaluated activities. */
public class Evaluate implements Job {
  static final String FLOW = "monthly_account";
  Dataset<Row> evaluated;
  EvaluatedWrite written;

  @Cell(value = 1, title = "Score the month")
  public void evaluate(JobContext context) {
    Dataset<Row> month = context.read("account_monthly");
    // A month without records has nothing to score, and perhaps no model yet to score it with.
    evaluated = month.isEmpty() ? null : Evaluations.evaluate(context, FLOW, month);
  }

  @Cell(value = 2, title = "Write and publish the evaluated activities")
  public void write(JobContext context) {
    if (evaluated != null) {
      written = Evaluations.write(context, evaluated, FLOW);
      Evaluations.publish(context, FLOW);
    }
  }
}
