package io.vigil.runtime.evaluation;

import java.util.Map;

/**
 * The class number a classifier step records for a predicted label: the smallest number whose label it
 * is (labels are in number order), so that two classes sharing a label record the same number. Batch
 * evaluation calls it through a UDF and single-record evaluation directly, so they cannot differ.
 */
final class ClassNumbers {
  private ClassNumbers() {}

  /** The number of {@code label} among {@code labels} (number → label, in number order); null for a null or unknown label. */
  static Integer of(Map<Integer, String> labels, String label) {
    if (label == null) {
      return null;
    }
    for (Map.Entry<Integer, String> e : labels.entrySet()) {
      if (label.equals(e.getValue())) {
        return e.getKey();
      }
    }
    return null;
  }
}
