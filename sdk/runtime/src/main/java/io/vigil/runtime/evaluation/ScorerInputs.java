package io.vigil.runtime.evaluation;

import io.vigil.runtime.errors.RuntimeErrors;
import java.util.List;
import java.util.Map;

/**
 * The {@code double[]} a step's detector or classifier scores, read from a record whose extractor fields
 * already hold their features, as the Spark scorers read the transformed rows: a feature the extractor
 * does not produce is the record's own number (an earlier step's score, say), and a record with a
 * missing or non-finite input has none, where the Spark scorers give nulls.
 */
final class ScorerInputs {
  private final List<String> names;

  ScorerInputs(List<String> scorerFeatures) {
    this.names = List.copyOf(scorerFeatures);
  }

  /** The scorer's input of {@code record}, in the scorer's feature order; null when one is missing. */
  double[] of(Map<String, ?> record) {
    double[] x = new double[names.size()];
    for (int j = 0; j < x.length; j++) {
      Object v = record.get(names.get(j));
      if (v == null) {
        return null;
      }
      if (!(v instanceof Number n)) {
        throw RuntimeErrors.recordValueNotANumber(names.get(j), v.getClass());
      }
      x[j] = n.doubleValue();
      if (!Double.isFinite(x[j])) {
        return null;
      }
    }
    return x;
  }
}
