package io.vigil.orchestration.airflow;

import java.time.Instant;
import java.util.Map;

/**
 * One run of a DAG.
 *
 * @param dagId the DAG
 * @param runId the run's id, e.g. {@code manual__2026-01-01T00:00:00+00:00}; with the DAG id it is the run key vigil pins a bundle to
 * @param logicalDate the run's logical date; null for a run triggered without one
 * @param dataIntervalStart start of the data interval; null without a logical date
 * @param dataIntervalEnd end of the data interval; null without a logical date
 * @param state queued, running, success or failed
 * @param runType {@code scheduled}, {@code manual}, {@code backfill} or {@code asset_triggered}
 * @param startDate when it started running; null while queued
 * @param endDate when it finished; null while unfinished
 * @param conf the conf it was triggered with
 */
public record AirflowDagRun(String dagId, String runId, Instant logicalDate, Instant dataIntervalStart,
    Instant dataIntervalEnd, DagRunState state, String runType, Instant startDate, Instant endDate,
    Map<String, Object> conf) {

  public AirflowDagRun {
    conf = conf == null ? Map.of() : Map.copyOf(conf);
  }
}
