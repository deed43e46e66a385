package io.vigil.api.flow;

/** What a failing drift test does (S1 §23.1): LOG records it only; BLOCK also fails the drift task so the DAG stops before evaluation. */
public enum DriftMode {
  LOG,
  BLOCK
}
