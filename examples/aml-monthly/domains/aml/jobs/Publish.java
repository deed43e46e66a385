package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import java.util.List;

/** Publishes the month's data to the CDD for the Investigation Center and the risks. */
public class Publish implements Job {
  static final List<String> DATASETS = List.of("district", "account", "transaction", "account_monthly");

  @Cell(value = 1, title = "Publish to Postgres")
  public void publish(JobContext context) {
    for (String dataset : DATASETS) {
      context.publish(dataset);
    }
  }
}
