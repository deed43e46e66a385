package io.vigil.api.flow;

/** The unit of an evaluation flow's analysis period (S1 §11.2). */
public enum EvaluationTimeWindowUnit {
  DAY,
  WEEK,
  MONTH
}
