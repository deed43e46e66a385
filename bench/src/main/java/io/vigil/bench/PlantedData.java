package io.vigil.bench;

import java.util.SplittableRandom;

/**
 * The detector benchmark's records, a pure function of the record number: 10 standard-normal features;
 * every 100th record is a planted anomaly with two random features moved 5σ (random signs).
 */
final class PlantedData {
  static final int FEATURES = 10;
  private static final long SEED = 20_261_202L;

  private PlantedData() {}

  /** Fills {@code out} with record {@code id}'s features and returns whether it is a planted anomaly. */
  static boolean row(long id, double[] out) {
    SplittableRandom r = new SplittableRandom(SEED ^ (id * 0x9E3779B97F4A7C15L));
    for (int j = 0; j < FEATURES; j++) {
      out[j] = r.nextGaussian();
    }
    boolean anomaly = id % 100 == 0;
    if (anomaly) {
      int a = r.nextInt(FEATURES);
      int b = (a + 1 + r.nextInt(FEATURES - 1)) % FEATURES;
      out[a] += r.nextBoolean() ? 5 : -5;
      out[b] += r.nextBoolean() ? 5 : -5;
    }
    return anomaly;
  }
}
