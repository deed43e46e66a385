package domains.aml.jobs;

import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;

public class MonthlyJob implements Job {
  private String state = "";

  @Cell(1)
  public void load() {
    state = "loaded";
  }

  @Cell(2)
  public void aggregate() {
    state = state + "+aggregated";
  }

  public String state() {
    return state;
  }
}
