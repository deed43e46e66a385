package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The detector benchmark's records are a pure function of the record number. No timing is asserted: see docs/benchmarks.md. */
class PlantedDataTest {
  @Test
  void everyHundredthRecordIsPlantedWithTwoFeaturesMovedFiveSigma() {
    double[] a = new double[PlantedData.FEATURES];
    double[] b = new double[PlantedData.FEATURES];
    int planted = 0;
    double sum = 0;
    double squares = 0;
    for (long id = 0; id < 20_000; id++) {
      boolean anomaly = PlantedData.row(id, a);
      assertThat(PlantedData.row(id, b)).isEqualTo(anomaly);
      assertThat(b).containsExactly(a);
      if (anomaly) {
        planted++;
        int far = 0;
        for (double v : a) {
          far += Math.abs(v) > 2.5 ? 1 : 0;
        }
        assertThat(far).as("record %d", id).isGreaterThanOrEqualTo(1);
      } else {
        for (double v : a) {
          sum += v;
          squares += v * v;
        }
      }
    }
    assertThat(planted).isEqualTo(200);
    long n = (20_000L - planted) * PlantedData.FEATURES;
    assertThat(sum / n).isBetween(-0.02, 0.02);
    assertThat(squares / n).isBetween(0.97, 1.03);
  }
}
