package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.connector.UploadResult;
import java.util.ArrayList;
import java.util.List;

/** Runs the month's connectors; the DAG task's {@code connectors} parameter chooses which. */
public class Upload implements Job {
  static final List<String> ALL = List.of("districts", "accounts", "transactions");

  List<UploadResult> results = new ArrayList<>();

  @Cell(value = 1, title = "Upload the landed files")
  public void upload(JobContext context) {
    Object chosen = context.parameters().get("connectors");
    List<?> connectors = chosen instanceof List<?> list ? list : ALL;
    for (Object connector : connectors) {
      UploadResult result = context.upload(connector.toString());
      results.add(result);
      context.logMetric(connector + "-files", result.files().size());
    }
  }
}
