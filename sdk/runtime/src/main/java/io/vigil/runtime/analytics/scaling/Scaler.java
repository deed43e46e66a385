package io.vigil.runtime.analytics.scaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.runtime.analytics.ModelFolder;
import java.io.Serializable;
import java.util.Arrays;

/**
 * A fitted {@link Normalization}: per-feature statistics of the training data and the plain function
 * that applies them. The same instance scales records on Spark (inside a UDF) and one at a time.
 */
public final class Scaler implements Serializable {
  private static final long serialVersionUID = 1L;

  private final Normalization normalization;
  private final double[] min;
  private final double[] max;
  private final double[] mean;
  private final double[] std;

  Scaler(Normalization normalization, double[] min, double[] max, double[] mean, double[] std) {
    this.normalization = normalization;
    this.min = min.clone();
    this.max = max.clone();
    this.mean = mean.clone();
    this.std = std.clone();
  }

  public Normalization normalization() {
    return normalization;
  }

  /** The number of features. */
  public int size() {
    return mean.length;
  }

  /** The training minimum of feature {@code i}. */
  public double min(int i) {
    return min[i];
  }

  /** The training maximum of feature {@code i}. */
  public double max(int i) {
    return max[i];
  }

  /** The training mean of feature {@code i}. */
  public double mean(int i) {
    return mean[i];
  }

  /** Scales feature {@code i}. */
  public double apply(int i, double x) {
    return switch (normalization) {
      case NONE -> x;
      case MIN_MAX -> max[i] > min[i] ? (x - min[i]) / (max[i] - min[i]) : 0.0;
      case Z_SCORE -> std[i] > 0 ? (x - mean[i]) / std[i] : 0.0;
      case SIGMOID -> std[i] > 0 ? 1.0 / (1.0 + Math.exp(-(x - mean[i]) / std[i])) : 0.5;
    };
  }

  /** A scaled copy of {@code x}. */
  public double[] apply(double[] x) {
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = apply(i, x[i]);
    }
    return out;
  }

  public JsonNode toJson() {
    ObjectNode node = ModelFolder.object().put("normalization_type", normalization.code());
    node.set("min", ModelFolder.array(min));
    node.set("max", ModelFolder.array(max));
    node.set("mean", ModelFolder.array(mean));
    node.set("std", ModelFolder.array(std));
    return node;
  }

  public static Scaler fromJson(JsonNode node) {
    return new Scaler(Normalization.ofCode(node.path("normalization_type").asInt()), ModelFolder.doubles(node.path("min")),
        ModelFolder.doubles(node.path("max")), ModelFolder.doubles(node.path("mean")), ModelFolder.doubles(node.path("std")));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Scaler s && normalization == s.normalization && Arrays.equals(min, s.min) && Arrays.equals(max, s.max)
        && Arrays.equals(mean, s.mean) && Arrays.equals(std, s.std);
  }

  @Override
  public int hashCode() {
    return normalization.hashCode() * 31 + Arrays.hashCode(mean);
  }
}
