package io.vigil.runtime.analytics.classify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.runtime.analytics.ModelFolder;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Weighted regression trees exported from an MLlib gradient-boosted model, in flat arrays. A record goes
 * left at a node when {@code x[feature] <= threshold}, as in MLlib's continuous splits. Every node keeps
 * its prediction so that a path can be split into per-feature contributions.
 */
final class TreeEnsemble implements Serializable {
  private static final long serialVersionUID = 1L;

  final double[] weights;
  final int[] roots;
  final int[] feature;
  final double[] threshold;
  final double[] prediction;
  final int[] left;
  final int[] right;

  TreeEnsemble(double[] weights, int[] roots, int[] feature, double[] threshold, double[] prediction, int[] left, int[] right) {
    this.weights = weights;
    this.roots = roots;
    this.feature = feature;
    this.threshold = threshold;
    this.prediction = prediction;
    this.left = left;
    this.right = right;
  }

  /** Σ weight × leaf prediction, the model's margin. */
  double margin(double[] x) {
    double sum = 0;
    for (int t = 0; t < roots.length; t++) {
      int node = roots[t];
      while (feature[node] >= 0) {
        node = x[feature[node]] <= threshold[node] ? left[node] : right[node];
      }
      sum += weights[t] * prediction[node];
    }
    return sum;
  }

  /**
   * Adds each feature's share of the margin to {@code out}: along the path of every tree, the change of
   * node prediction at a split is credited to the split's feature (Saabas), times the tree's weight.
   */
  void contributions(double[] x, double[] out, double sign) {
    for (int t = 0; t < roots.length; t++) {
      int node = roots[t];
      while (feature[node] >= 0) {
        int next = x[feature[node]] <= threshold[node] ? left[node] : right[node];
        out[feature[node]] += sign * weights[t] * (prediction[next] - prediction[node]);
        node = next;
      }
    }
  }

  ObjectNode toJson() {
    ObjectNode node = ModelFolder.object();
    node.set("weights", ModelFolder.array(weights));
    node.set("roots", ints(roots));
    node.set("feature", ints(feature));
    node.set("threshold", ModelFolder.array(threshold));
    node.set("prediction", ModelFolder.array(prediction));
    node.set("left", ints(left));
    node.set("right", ints(right));
    return node;
  }

  static TreeEnsemble fromJson(JsonNode node) {
    return new TreeEnsemble(ModelFolder.doubles(node.path("weights")), ints(node.path("roots")), ints(node.path("feature")),
        ModelFolder.doubles(node.path("threshold")), ModelFolder.doubles(node.path("prediction")), ints(node.path("left")),
        ints(node.path("right")));
  }

  private static ArrayNode ints(int[] values) {
    ArrayNode a = ModelFolder.object().arrayNode();
    for (int v : values) {
      a.add(v);
    }
    return a;
  }

  private static int[] ints(JsonNode a) {
    int[] out = new int[a.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = a.get(i).asInt();
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TreeEnsemble e && Arrays.equals(weights, e.weights) && Arrays.equals(roots, e.roots)
        && Arrays.equals(feature, e.feature) && Arrays.equals(threshold, e.threshold) && Arrays.equals(prediction, e.prediction)
        && Arrays.equals(left, e.left) && Arrays.equals(right, e.right);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(threshold);
  }
}
