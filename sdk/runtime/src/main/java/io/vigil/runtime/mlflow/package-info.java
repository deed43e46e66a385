/**
 * A typed client of MLflow's REST API ({@code /api/2.0/mlflow/…}) and of the tracking server's
 * artifact proxy ({@code mlflow server --serve-artifacts}, {@code /api/2.0/mlflow-artifacts/…}):
 * experiments, runs with their params, metrics and tags, registered models, model versions, and
 * artifact upload, listing and download. It needs no Python: MLflow's own Java client can neither
 * register models nor upload artifacts without the Python CLI.
 */
package io.vigil.runtime.mlflow;
