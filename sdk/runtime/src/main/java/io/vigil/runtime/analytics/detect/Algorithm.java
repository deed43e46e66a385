package io.vigil.runtime.analytics.detect;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;

/** The unsupervised algorithms a {@link Detector} can fuse. */
public enum Algorithm {
  /** Isolation forest (Liu, Ting and Zhou 2008): how few random splits isolate a record. */
  ISOLATION_FOREST("iforest"),
  /** Histogram-based outlier score (Goldstein and Dengel 2012): the sum over features of −log(density). */
  HBOS("hbos");

  private final String id;

  Algorithm(String id) {
    this.id = id;
  }

  /** The short name used in column names and model files: {@code iforest}, {@code hbos}. */
  public String id() {
    return id;
  }

  public static Algorithm ofId(String id) {
    for (Algorithm a : values()) {
      if (a.id.equals(id)) {
        return a;
      }
    }
    throw new VigilException(ErrorCode.INVALID_ARGUMENT, "Cannot use algorithm '" + id + "': expected iforest or hbos");
  }
}
