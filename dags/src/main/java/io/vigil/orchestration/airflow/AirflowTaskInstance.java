package io.vigil.orchestration.airflow;

import java.time.Instant;

/**
 * One task of one DAG run.
 *
 * @param taskId the task
 * @param state Airflow's state name ({@code success}, {@code failed}, {@code up_for_retry},
 *     {@code upstream_failed}, {@code running}, {@code queued}, {@code scheduled}, {@code skipped}, …), or
 *     {@code none} before the scheduler looked at it
 * @param tryNumber the attempt, from 1; 0 before the first
 * @param maxTries the attempts allowed after the first, i.e. the task's retries
 * @param startDate when the current attempt started; null before
 * @param endDate when the current attempt ended; null before
 */
public record AirflowTaskInstance(String taskId, String state, int tryNumber, int maxTries, Instant startDate,
    Instant endDate) {

  /** The state Airflow gives a task it has not scheduled yet. */
  public static final String NONE = "none";

  public boolean succeeded() {
    return "success".equals(state);
  }

  public boolean failed() {
    return "failed".equals(state) || "upstream_failed".equals(state);
  }
}
