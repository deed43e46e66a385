package io.vigil.runtime.analytics.scaling;

import io.vigil.runtime.errors.RuntimeErrors;

/**
 * How a model scales its input features (the guide's {@code normalization_type}). The parameters are
 * learnt from the training data and applied unchanged to the data scored later.
 */
public enum Normalization {
  /** 0: values as they are. */
  NONE(0),
  /** 1: {@code (x − min) / (max − min)}; a constant feature becomes 0. */
  MIN_MAX(1),
  /** 3: the logistic function of the z-score, {@code 1 / (1 + e^−z)}; a constant feature becomes 0.5. */
  SIGMOID(3),
  /** 4: {@code (x − mean) / σ} with the population standard deviation; a constant feature becomes 0. */
  Z_SCORE(4);

  private final int code;

  Normalization(int code) {
    this.code = code;
  }

  /** The guide's number for this normalization. */
  public int code() {
    return code;
  }

  /** The normalization with the guide's number {@code code} (0, 1, 3 or 4). */
  public static Normalization ofCode(int code) {
    for (Normalization n : values()) {
      if (n.code == code) {
        return n;
      }
    }
    throw RuntimeErrors.normalizationUnknown(code);
  }
}
