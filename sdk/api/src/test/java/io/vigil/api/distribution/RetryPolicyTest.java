package io.vigil.api.distribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.serde.Canonical;
import io.vigil.api.validation.InvalidValueException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
  @Test
  void defaultsAreThreeAttemptsWithExponentialBackoff() {
    RetryPolicy p = RetryPolicy.defaults();
    assertThat(p.maxAttempts()).isEqualTo(3);
    assertThat(p.initialDelay()).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoffMultiplier()).isEqualTo(2.0);
    assertThat(p.maxDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(p.retryOnStatus()).containsExactly(429, 502, 503, 504);
    assertThat(p.delay(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.delay(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(p.delay(10)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void noneMakesASingleAttempt() {
    assertThat(RetryPolicy.none().maxAttempts()).isEqualTo(1);
    assertThat(Canonical.fromYaml(Canonical.toYaml(RetryPolicy.none()), RetryPolicy.class)).isEqualTo(RetryPolicy.none());
  }

  @Test
  void emptyStatusListMeansTheDefaults() {
    assertThat(RetryPolicy.builder().retryOnStatus().build().retryOnStatus()).containsExactly(429, 502, 503, 504);
    assertThat(RetryPolicy.defaults().toBuilder().retryOnStatus(500).build().retryOnStatus()).containsExactly(500);
  }

  @Test
  void localInvariants() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxAttempts(0).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build retry policy: max_attempts must be positive: 0");
    assertThatThrownBy(() -> RetryPolicy.builder().backoffMultiplier(0.5).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("backoff_multiplier must be at least 1.0: 0.5");
    assertThatThrownBy(() -> RetryPolicy.builder().initialDelay(Duration.ofSeconds(-1)).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("initial_delay must not be negative");
    assertThatThrownBy(() -> RetryPolicy.builder().initialDelay(Duration.ofMinutes(2)).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("max_delay must not be shorter than initial_delay");
    assertThatThrownBy(() -> RetryPolicy.builder().retryOnStatus(503, 700).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("retry_on_status[1] must be an HTTP status between 100 and 599: 700");
    assertThatThrownBy(() -> RetryPolicy.defaults().delay(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("retry must be at least 1");
  }
}
