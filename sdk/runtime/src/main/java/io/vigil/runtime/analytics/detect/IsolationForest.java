package io.vigil.runtime.analytics.detect;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.IntStream;

/**
 * Isolation forest after Liu, Ting and Zhou (2008): t trees, each grown on ψ records drawn without
 * replacement, split on a random feature at a random value between the node's minimum and maximum, to
 * a height limit of ⌈log₂ ψ⌉. A record's score is {@code 2^(−E[h(x)] / c(ψ))}, where h is the path
 * length plus c(size) at the leaf; about 0.5 and below is normal, close to 1 is an anomaly.
 *
 * <p>All trees live in flat arrays (feature, threshold or leaf value, children) so that scoring is a
 * tight loop with no allocation.
 */
final class IsolationForest implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final double EULER_GAMMA = 0.5772156649015329;
  private static final int MAGIC = 0x56494631; // "VIF1"

  private final int psi;
  private final int[] roots;
  private final int[] feature;
  private final double[] value;
  private final int[] left;
  private final int[] right;
  private final double normaliser;
  /**
   * The scoring layout: every leaf splits on feature 0 at NaN and points to itself, so a record that
   * reaches it stays there ({@code x < NaN} is false). A walk is then a fixed number of branch-free
   * steps, the same for one record and for a batch.
   */
  private final int height;
  private final int[] splitFeature;
  private final double[] splitValue;
  private final int[] next;
  private final double[] leafLength;

  private IsolationForest(int psi, int[] roots, int[] feature, double[] value, int[] left, int[] right) {
    this.psi = psi;
    this.roots = roots;
    this.feature = feature;
    this.value = value;
    this.left = left;
    this.right = right;
    this.normaliser = averagePathLength(psi);
    this.height = psi <= 1 ? 0 : (int) Math.ceil(Math.log(psi) / Math.log(2));
    int n = feature.length;
    this.splitFeature = new int[n];
    this.splitValue = new double[n];
    this.next = new int[n];
    this.leafLength = new double[n];
    for (int i = 0; i < n; i++) {
      if (feature[i] >= 0) {
        if (left[i] != i + 1) {
          throw new IllegalArgumentException("Cannot read isolation forest: node " + i + " is not stored in preorder");
        }
        splitFeature[i] = feature[i];
        splitValue[i] = value[i];
        next[i] = right[i];
      } else {
        splitValue[i] = Double.NaN;
        next[i] = i;
        leafLength[i] = value[i];
      }
    }
  }

  /** c(n): the average path length of an unsuccessful search in a binary search tree of n records. */
  static double averagePathLength(int n) {
    if (n <= 1) {
      return 0.0;
    }
    if (n == 2) {
      return 1.0;
    }
    return 2.0 * (Math.log(n - 1.0) + EULER_GAMMA) - 2.0 * (n - 1.0) / n;
  }

  /**
   * Grows {@code trees} trees on records drawn from {@code pool} (each tree ψ = min(sampleSize, pool
   * size) distinct records). Tree i uses its own random stream from {@code seed}, so the forest does not
   * depend on {@code threads}.
   */
  static IsolationForest grow(double[][] pool, int trees, int sampleSize, long seed, int threads) {
    if (pool.length == 0) {
      throw new IllegalArgumentException("Cannot grow an isolation forest: no records");
    }
    int psi = Math.min(sampleSize, pool.length);
    int heightLimit = (int) Math.ceil(Math.log(psi) / Math.log(2));
    Tree[] grown = new Tree[trees];
    ForkJoinPool workers = new ForkJoinPool(threads);
    try {
      workers.submit(() -> IntStream.range(0, trees).parallel().forEach(t -> {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + t);
        grown[t] = Tree.grow(pool, draw(pool.length, psi, random), heightLimit, random);
      })).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while growing the isolation forest", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("Cannot grow the isolation forest: " + e.getCause(), e.getCause());
    } finally {
      workers.shutdown();
    }
    int total = Arrays.stream(grown).mapToInt(t -> t.size).sum();
    int[] roots = new int[trees];
    int[] feature = new int[total];
    double[] value = new double[total];
    int[] left = new int[total];
    int[] right = new int[total];
    int offset = 0;
    for (int t = 0; t < trees; t++) {
      Tree tree = grown[t];
      roots[t] = offset;
      for (int i = 0; i < tree.size; i++) {
        feature[offset + i] = tree.feature[i];
        value[offset + i] = tree.value[i];
        left[offset + i] = tree.feature[i] < 0 ? -1 : offset + tree.left[i];
        right[offset + i] = tree.feature[i] < 0 ? -1 : offset + tree.right[i];
      }
      offset += tree.size;
    }
    return new IsolationForest(psi, roots, feature, value, left, right);
  }

  private static int[] draw(int n, int k, SplittableRandom random) {
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      all[i] = i;
    }
    for (int i = 0; i < k; i++) {
      int j = i + random.nextInt(n - i);
      int tmp = all[i];
      all[i] = all[j];
      all[j] = tmp;
    }
    return Arrays.copyOf(all, k);
  }

  /** The anomaly score in (0, 1] of a scaled record. */
  double score(double[] x) {
    double sum = 0;
    for (int root : roots) {
      int k = root;
      for (int level = 0; level < height; level++) {
        k = x[splitFeature[k]] < splitValue[k] ? k + 1 : next[k];
      }
      sum += leafLength[k];
    }
    return Math.pow(2.0, -(sum / roots.length) / normaliser);
  }

  /**
   * The raw path-length sums of {@code n} records at once, tree by tree, so that each tree stays in
   * the cache while every record walks it; {@code out[i]} gets record i's score, as {@link #score} gives it.
   */
  void score(double[][] x, int n, double[] out) {
    double[] sum = new double[n];
    for (int root : roots) {
      for (int i = 0; i < n; i++) {
        double[] r = x[i];
        int k = root;
        for (int level = 0; level < height; level++) {
          k = r[splitFeature[k]] < splitValue[k] ? k + 1 : next[k];
        }
        sum[i] += leafLength[k];
      }
    }
    for (int i = 0; i < n; i++) {
      out[i] = Math.pow(2.0, -(sum[i] / roots.length) / normaliser);
    }
  }

  int trees() {
    return roots.length;
  }

  int psi() {
    return psi;
  }

  void write(DataOutputStream out) throws IOException {
    out.writeInt(MAGIC);
    out.writeInt(psi);
    out.writeInt(roots.length);
    out.writeInt(feature.length);
    for (int r : roots) {
      out.writeInt(r);
    }
    for (int i = 0; i < feature.length; i++) {
      out.writeInt(feature[i]);
      out.writeDouble(value[i]);
      out.writeInt(left[i]);
      out.writeInt(right[i]);
    }
  }

  static IsolationForest read(DataInputStream in) throws IOException {
    if (in.readInt() != MAGIC) {
      throw new IOException("not an isolation forest file");
    }
    int psi = in.readInt();
    int[] roots = new int[in.readInt()];
    int nodes = in.readInt();
    for (int i = 0; i < roots.length; i++) {
      roots[i] = in.readInt();
    }
    int[] feature = new int[nodes];
    double[] value = new double[nodes];
    int[] left = new int[nodes];
    int[] right = new int[nodes];
    for (int i = 0; i < nodes; i++) {
      feature[i] = in.readInt();
      value[i] = in.readDouble();
      left[i] = in.readInt();
      right[i] = in.readInt();
    }
    return new IsolationForest(psi, roots, feature, value, left, right);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IsolationForest f && psi == f.psi && Arrays.equals(roots, f.roots) && Arrays.equals(feature, f.feature)
        && Arrays.equals(value, f.value) && Arrays.equals(left, f.left) && Arrays.equals(right, f.right);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  /** One tree while it grows: nodes in preorder; a leaf has feature −1 and value depth + c(size). */
  private static final class Tree {
    int[] feature = new int[64];
    double[] value = new double[64];
    int[] left = new int[64];
    int[] right = new int[64];
    int size;

    static Tree grow(double[][] pool, int[] rows, int heightLimit, SplittableRandom random) {
      Tree tree = new Tree();
      tree.node(pool, rows, 0, rows.length, 0, heightLimit, random);
      return tree;
    }

    private int add() {
      if (size == feature.length) {
        int n = size * 2;
        feature = Arrays.copyOf(feature, n);
        value = Arrays.copyOf(value, n);
        left = Arrays.copyOf(left, n);
        right = Arrays.copyOf(right, n);
      }
      return size++;
    }

    private int leaf(int depth, int count) {
      int id = add();
      feature[id] = -1;
      value[id] = depth + averagePathLength(count);
      return id;
    }

    private int node(double[][] pool, int[] rows, int from, int to, int depth, int heightLimit, SplittableRandom random) {
      int count = to - from;
      if (depth >= heightLimit || count <= 1) {
        return leaf(depth, count);
      }
      int features = pool[rows[from]].length;
      // A random feature among those not constant in this node (Liu's random attribute; constant ones cannot split).
      int[] order = new int[features];
      for (int i = 0; i < features; i++) {
        order[i] = i;
      }
      for (int k = 0; k < features; k++) {
        int j = k + random.nextInt(features - k);
        int q = order[j];
        order[j] = order[k];
        order[k] = q;
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int i = from; i < to; i++) {
          double v = pool[rows[i]][q];
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
        if (!(hi > lo)) {
          continue;
        }
        double p = lo + random.nextDouble() * (hi - lo);
        if (!(p > lo)) {
          p = lo + (hi - lo) / 2;
        }
        int mid = partition(pool, rows, from, to, q, p);
        if (mid == from || mid == to) {
          continue;
        }
        int id = add();
        feature[id] = q;
        value[id] = p;
        int l = node(pool, rows, from, mid, depth + 1, heightLimit, random);
        int r = node(pool, rows, mid, to, depth + 1, heightLimit, random);
        left[id] = l;
        right[id] = r;
        return id;
      }
      return leaf(depth, count);
    }

    /** Rows with x[q] < p first; returns where the others start. */
    private static int partition(double[][] pool, int[] rows, int from, int to, int q, double p) {
      int i = from;
      int j = to - 1;
      while (i <= j) {
        if (pool[rows[i]][q] < p) {
          i++;
        } else {
          int tmp = rows[i];
          rows[i] = rows[j];
          rows[j] = tmp;
          j--;
        }
      }
      return i;
    }
  }
}
