package io.vigil.runtime.job;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A finished run of a job.
 *
 * @param runId unique id of the run
 * @param job {@code domain.JobName}
 * @param executionDate the execution date it ran for
 * @param startedAt when it started
 * @param finishedAt when it ended
 * @param cells the cells that ran, in order; the last one failed when the run failed
 * @param metrics the run's metrics ({@code <dataset>-written_rows}, …)
 * @param attachments files for the run's artifacts by artifact path (drift charts, say)
 */
public record JobRun(String runId, String job, LocalDateTime executionDate, Instant startedAt, Instant finishedAt,
    List<CellRun> cells, Map<String, Double> metrics, Map<String, byte[]> attachments) {
  public JobRun {
    cells = List.copyOf(cells);
    metrics = Map.copyOf(metrics);
    attachments = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(attachments));
  }

  /** A run without attachments. */
  public JobRun(String runId, String job, LocalDateTime executionDate, Instant startedAt, Instant finishedAt, List<CellRun> cells,
      Map<String, Double> metrics) {
    this(runId, job, executionDate, startedAt, finishedAt, cells, metrics, Map.of());
  }

  public boolean succeeded() {
    return cells.stream().allMatch(CellRun::succeeded);
  }

  /** The cell that failed, or null. */
  public CellRun failedCell() {
    return cells.stream().filter(c -> !c.succeeded()).findFirst().orElse(null);
  }
}
