package io.vigil.runtime.analytics.detect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.runtime.analytics.ModelFolder;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Histogram-based outlier score (Goldstein and Dengel 2012) with static equal-width bins over each
 * scaled feature's training range. Feature i of a record contributes {@code log((max_i + 1) / (count + 1))},
 * where count is the training count of its bin and max_i the fullest bin: 0 in the densest bin, more the
 * rarer the value. A value outside the training range counts as an empty bin plus {@code log(1 + d)}, d
 * its distance from the range in bin widths, so farther is more anomalous. The score is the sum.
 */
final class Hbos implements Serializable {
  private static final long serialVersionUID = 1L;

  private final double[] lo;
  private final double[] hi;
  private final long[][] counts;
  private final double[][] contribution;
  private final double[] empty;

  Hbos(double[] lo, double[] hi, long[][] counts) {
    this.lo = lo.clone();
    this.hi = hi.clone();
    this.counts = new long[counts.length][];
    this.contribution = new double[counts.length][];
    this.empty = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      this.counts[i] = counts[i].clone();
      long max = Arrays.stream(counts[i]).max().orElse(0);
      contribution[i] = new double[counts[i].length];
      for (int b = 0; b < counts[i].length; b++) {
        contribution[i][b] = Math.log((max + 1.0) / (counts[i][b] + 1.0));
      }
      empty[i] = Math.log(max + 1.0);
    }
  }

  /** The bin of scaled value x of feature i, −1 below the training range and {@code bins} above it. */
  static int bin(double x, double lo, double hi, int bins) {
    if (x < lo) {
      return -1;
    }
    if (x > hi) {
      return bins;
    }
    if (!(hi > lo)) {
      return 0;
    }
    int b = (int) ((x - lo) / (hi - lo) * bins);
    return Math.min(b, bins - 1);
  }

  int features() {
    return counts.length;
  }

  /** The contribution of each feature of a scaled record, each ≥ 0. */
  double[] contributions(double[] x) {
    double[] out = new double[counts.length];
    for (int i = 0; i < out.length; i++) {
      out[i] = contribution(i, x[i]);
    }
    return out;
  }

  /** The raw HBOS score of a scaled record: the sum of its contributions. */
  double score(double[] x) {
    double sum = 0;
    for (int i = 0; i < counts.length; i++) {
      sum += contribution(i, x[i]);
    }
    return sum;
  }

  private double contribution(int i, double x) {
    int bins = counts[i].length;
    int b = bin(x, lo[i], hi[i], bins);
    if (b >= 0 && b < bins) {
      return contribution[i][b];
    }
    double width = hi[i] > lo[i] ? (hi[i] - lo[i]) / bins : 1.0;
    double distance = (b < 0 ? lo[i] - x : x - hi[i]) / width;
    return empty[i] + Math.log1p(distance);
  }

  ObjectNode toJson() {
    ObjectNode node = ModelFolder.object();
    node.set("lo", ModelFolder.array(lo));
    node.set("hi", ModelFolder.array(hi));
    ArrayNode all = node.putArray("counts");
    for (long[] c : counts) {
      ArrayNode a = all.addArray();
      for (long v : c) {
        a.add(v);
      }
    }
    return node;
  }

  static Hbos fromJson(JsonNode node) {
    JsonNode all = node.path("counts");
    long[][] counts = new long[all.size()][];
    for (int i = 0; i < counts.length; i++) {
      JsonNode a = all.get(i);
      counts[i] = new long[a.size()];
      for (int b = 0; b < counts[i].length; b++) {
        counts[i][b] = a.get(b).asLong();
      }
    }
    return new Hbos(ModelFolder.doubles(node.path("lo")), ModelFolder.doubles(node.path("hi")), counts);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hbos h && Arrays.equals(lo, h.lo) && Arrays.equals(hi, h.hi) && Arrays.deepEquals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return Arrays.deepHashCode(counts);
  }
}
