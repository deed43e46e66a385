package io.vigil.runtime.mlflow;

/** The status of an MLflow run, as the REST API spells it. */
public enum MlflowRunStatus {
  RUNNING, SCHEDULED, FINISHED, FAILED, KILLED;

  /** True once the run has ended (finished, failed or killed). */
  public boolean isTerminal() {
    return this == FINISHED || this == FAILED || this == KILLED;
  }
}
