package io.vigil.api.dag;

/**
 * Which date a DAG run hands its tasks as execution date (S1 §3.4.2, §14.1; ThetaRay's
 * {@code thetaray.api.airflow.ExecutionDateMode}).
 */
public enum ExecutionDateMode {
  /** The run's logical date: the start of the schedule interval it covers (Airflow's default). */
  LOGICAL_DATE,
  /**
   * The end of the schedule interval that starts at the logical date, so a monthly run for January
   * processes data "as of" 1 February (used by purging and calendar jobs).
   */
  PERIOD_END
}
