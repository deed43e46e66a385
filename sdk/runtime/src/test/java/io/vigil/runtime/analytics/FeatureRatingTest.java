package io.vigil.runtime.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The guide's rating contract: ×100, rounded, decreasing, summing to exactly 10,000. */
class FeatureRatingTest {
  @Test
  void largestRemaindersMakeTheSumExact() {
    FeatureRating thirds = FeatureRating.of(new double[] {1, 1, 1});
    assertThat(thirds.pairs()).containsExactly(0, 3334, 1, 3333, 2, 3333);
    FeatureRating r = FeatureRating.of(new double[] {0.1, 0.7, 0.2});
    assertThat(r.pairs()).containsExactly(1, 7000, 2, 2000, 0, 1000);
    assertThat(r.rankOf(1)).isEqualTo(1);
    assertThat(r.rankOf(0)).isEqualTo(3);
    assertThat(r.ratingOf(2)).isEqualTo(2000);
  }

  @Test
  void zeroContributionsShareEqually() {
    assertThat(FeatureRating.of(new double[] {0, 0, 0, 0, 0, 0, 0}).pairs())
        .containsExactly(0, 1429, 1, 1429, 2, 1429, 3, 1429, 4, 1428, 5, 1428, 6, 1428);
  }

  @Test
  void randomContributionsAlwaysSumToTenThousandInDecreasingOrder() {
    SplittableRandom random = new SplittableRandom(3);
    for (int trial = 0; trial < 2000; trial++) {
      double[] c = new double[1 + random.nextInt(40)];
      for (int i = 0; i < c.length; i++) {
        c[i] = random.nextInt(4) == 0 ? 0 : random.nextDouble() * Math.pow(10, random.nextInt(6));
      }
      FeatureRating r = FeatureRating.of(c);
      int sum = 0;
      for (int p = 0; p < r.size(); p++) {
        sum += r.ratingAt(p);
        if (p > 0) {
          assertThat(r.ratingAt(p)).isLessThanOrEqualTo(r.ratingAt(p - 1));
        }
        assertThat(r.rankOf(r.featureAt(p))).isEqualTo(p + 1);
      }
      assertThat(sum).isEqualTo(FeatureRating.TOTAL);
    }
  }
}
