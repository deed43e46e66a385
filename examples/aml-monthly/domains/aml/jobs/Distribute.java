package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.decisioning.Distribution;
import io.vigil.runtime.decisioning.DistributionResult;

/**
 * Sends the month's new alerts to the case manager. Each alert is marked once its batch is
 * acknowledged, so a retried task sends only what is left.
 */
public class Distribute implements Job {
  static final String FLOW = "account_month";
  static final String TARGET = "investigations";
  DistributionResult sent;

  @Cell(value = 1, title = "Send the month's alerts")
  public void send(JobContext context) {
    sent = Distribution.distributeAlertedActivities(context, FLOW, TARGET);
  }
}
