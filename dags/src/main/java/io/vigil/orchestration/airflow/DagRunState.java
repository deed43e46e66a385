package io.vigil.orchestration.airflow;

import java.util.Locale;

/** The state of a DAG run, as Airflow reports it. */
public enum DagRunState {
  QUEUED,
  RUNNING,
  SUCCESS,
  FAILED;

  /** True once the run has finished, successfully or not. */
  public boolean isFinished() {
    return this == SUCCESS || this == FAILED;
  }

  static DagRunState of(String value) {
    return valueOf(value.toUpperCase(Locale.ROOT));
  }

  /** The name Airflow uses, e.g. {@code success}. */
  public String apiName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
