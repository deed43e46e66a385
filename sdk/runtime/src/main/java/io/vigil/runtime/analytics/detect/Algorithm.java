package io.vigil.runtime.analytics.detect;

import io.vigil.runtime.errors.RuntimeErrors;
import java.util.Arrays;

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
    throw RuntimeErrors.algorithmUnknown(id, Arrays.stream(values()).map(Algorithm::id).toList());
  }
}
