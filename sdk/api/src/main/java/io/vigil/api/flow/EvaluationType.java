package io.vigil.api.flow;

/** What an evaluation flow does with its input, and so which evaluation steps it needs (S1 §6.1, §12.3, §13.2). */
public enum EvaluationType {
  /** Anomaly detection with ThetaRay's algorithms; needs at least one algo step. The default. */
  THETARAY_ANALYSIS,
  /** Classification with semi-supervised models; needs at least one classifier step. */
  CLASSIFIER,
  /** Deterministic rules only, run by the risks of the flow; no steps needed. */
  BUSINESS_RULES,
  /** Customer risk assessment by risk-factor scoring (S1 §12); no steps needed. */
  CRA,
  /** Customer risk assessment with machine-learning classification (S1 §13); needs at least one classifier step. */
  CRA_ML
}
