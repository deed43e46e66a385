package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.drift.Drift;
import io.vigil.runtime.drift.DriftReport;

/**
 * Compares the month's features with the reference set saved with the model that is about to score
 * them (S1 §23). The flow's drift block decides what a failing test does: in log mode it is only
 * logged (to vigil_meta and MLflow, with charts); in block mode this task fails with exit code 6 and
 * the DAG stops before evaluation, so no alert is created on drifted data.
 */
public class CheckDrift implements Job {
  static final String FLOW = "monthly_account";
  static final String STEP = "algo";
  DriftReport report;

  @Cell(value = 1, title = "Check the month against the model's reference set")
  public void check(JobContext context) {
    // A month without records has nothing to compare, and perhaps no model yet to compare with.
    if (!context.read("account_monthly").isEmpty()) {
      report = Drift.check(context, FLOW, STEP);
    }
  }
}
