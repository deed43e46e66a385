package domains.aml.jobs;

import static org.apache.spark.sql.functions.col;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.decisioning.Decisioning;
import io.vigil.runtime.decisioning.IdentifyResult;
import io.vigil.runtime.graph.AlertFeedbackResult;
import io.vigil.runtime.graph.GraphPublishResult;
import io.vigil.runtime.graph.Graphs;

/**
 * Decides the flow's risks over the month's published evaluated activities (results, alerts and their
 * suppression), then puts the month's accounts and alerts into the network graph, where investigators
 * see an alert beside its account (vigil graph show).
 */
public class Decide implements Job {
  static final String FLOW = "monthly_account";
  static final String GRAPH = "public";
  IdentifyResult identified;
  GraphPublishResult accounts;
  AlertFeedbackResult alerts;

  @Cell(value = 1, title = "Identify the month's risks")
  public void identify(JobContext context) {
    identified = Decisioning.identifyRisks(context, FLOW);
  }

  @Cell(value = 2, title = "Accounts as graph nodes")
  public void accounts(JobContext context) {
    accounts = Graphs.publishNodes(context, GRAPH, context.read("account").select(col("account_id").as("id")), "AC");
  }

  @Cell(value = 3, title = "The month's alerts as graph nodes joined to their accounts")
  public void alerts(JobContext context) {
    alerts = Graphs.publishAlerts(context, FLOW, null, null);
  }
}
