package io.vigil.api.risk;

/**
 * When a risk variable is computed (S1 §12.4.3). The guide's text calls the early phase
 * {@code 'pre_algo'} while its example writes {@code PRE_EVALUATE}; the YAML value is
 * {@code PRE_EVALUATE}.
 */
public enum VariablePhase {
  /** Computed by {@code enrich()} on the input before {@code evaluate}, e.g. deterministic CRA rules. */
  PRE_EVALUATE,
  /** Computed by {@code identify_risks} on the evaluated activities; the default. */
  POST_EVALUATE
}
