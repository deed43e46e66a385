package io.vigil.api.risk;

/**
 * How a risk's alerts were produced, which selects the alert layout of the redesigned
 * Investigation Center (S1 §20.5, V-45). Condition display and risk explainabilities apply only to
 * {@link #RULE} and {@link #RT_RULE} (V-46).
 */
public enum AnalysisMethod {
  /** The alert comes from model output. */
  AI,
  /** The alert comes from strictly defined rules. */
  RULE,
  /** The alert comes from strictly defined rules evaluated in real time. */
  RT_RULE
}
