package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.decisioning.Decisioning;
import io.vigil.runtime.decisioning.IdentifyResult;

/** Decides the flow's risks over the month's published evaluated activities: results, alerts and their suppression. */
public class Decide implements Job {
  static final String FLOW = "monthly_account";
  IdentifyResult identified;

  @Cell(value = 1, title = "Identify the month's risks")
  public void identify(JobContext context) {
    identified = Decisioning.identifyRisks(context, FLOW);
  }
}
