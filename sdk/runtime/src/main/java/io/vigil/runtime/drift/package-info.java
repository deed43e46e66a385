/**
 * Drift management (S1 §23): a flow step's records of the execution date against the reference set
 * saved with its model at training, through the guide's tests (CSI per feature, score IQR and PSI,
 * anomaly percentage and trigger-feature z-scores), logged as metrics and charts of the run, and in
 * block mode a failure that stops the DAG before evaluation.
 */
package io.vigil.runtime.drift;
