package io.vigil.api.distribution;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * How requests to a target are retried after technical failures: connection errors, timeouts and
 * the listed HTTP statuses (S1 §9.1, §12.5). The wait before retry {@code n} is
 * {@code initialDelay × backoffMultiplier^(n-1)}, capped at {@code maxDelay}.
 *
 * <pre>{@code
 * RetryPolicy policy = RetryPolicy.builder().maxAttempts(5).initialDelay(Duration.ofSeconds(2)).build();
 * }</pre>
 *
 * @param maxAttempts attempts in total, the first included (default 3; 1 means no retries)
 * @param initialDelay wait before the first retry (default PT1S)
 * @param backoffMultiplier factor applied to the wait after each retry, at least 1 (default 2.0)
 * @param maxDelay longest wait between two attempts (default PT1M)
 * @param retryOnStatus HTTP statuses that are retried; empty means the default 429, 502, 503, 504
 */
public record RetryPolicy(
    Integer maxAttempts,
    Duration initialDelay,
    Double backoffMultiplier,
    Duration maxDelay,
    List<Integer> retryOnStatus) {

  private static final List<Integer> DEFAULT_STATUSES = List.of(429, 502, 503, 504);

  public RetryPolicy {
    String what = "retry policy";
    maxAttempts = Checks.positive(Checks.orDefault(maxAttempts, 3), what, "max_attempts");
    initialDelay = Checks.orDefault(initialDelay, Duration.ofSeconds(1));
    Checks.valid(!initialDelay.isNegative(), what, "initial_delay", "must not be negative: " + initialDelay);
    backoffMultiplier = Checks.orDefault(backoffMultiplier, 2.0);
    Checks.valid(backoffMultiplier >= 1.0 && !backoffMultiplier.isInfinite(), what, "backoff_multiplier",
        "must be at least 1.0: " + backoffMultiplier);
    maxDelay = Checks.orDefault(maxDelay, Duration.ofMinutes(1));
    Checks.valid(maxDelay.compareTo(initialDelay) >= 0, what, "max_delay",
        "must not be shorter than initial_delay " + initialDelay + ": " + maxDelay);
    retryOnStatus = Checks.list(retryOnStatus);
    if (retryOnStatus.isEmpty()) {
      retryOnStatus = DEFAULT_STATUSES;
    }
    for (int i = 0; i < retryOnStatus.size(); i++) {
      int status = retryOnStatus.get(i);
      Checks.valid(status >= 100 && status <= 599, what, "retry_on_status[" + i + "]",
          "must be an HTTP status between 100 and 599: " + status);
    }
  }

  /** Three attempts, 1 s then 2 s apart, on 429, 502, 503 and 504. */
  public static RetryPolicy defaults() {
    return builder().build();
  }

  /** A single attempt: failures are not retried. */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  /**
   * The wait before retry {@code retry}.
   *
   * @param retry 1 for the first retry (the second attempt), 2 for the next, and so on
   */
  public Duration delay(int retry) {
    if (retry < 1) {
      throw new IllegalArgumentException("Cannot compute retry delay: retry must be at least 1: " + retry);
    }
    double millis = initialDelay.toMillis() * Math.pow(backoffMultiplier, retry - 1);
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    return new Builder()
        .maxAttempts(maxAttempts)
        .initialDelay(initialDelay)
        .backoffMultiplier(backoffMultiplier)
        .maxDelay(maxDelay)
        .retryOnStatus(retryOnStatus.toArray(Integer[]::new));
  }

  public static final class Builder {
    private Integer maxAttempts;
    private Duration initialDelay;
    private Double backoffMultiplier;
    private Duration maxDelay;
    private final List<Integer> retryOnStatus = new ArrayList<>();

    private Builder() {}

    public Builder maxAttempts(Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder initialDelay(Duration initialDelay) {
      this.initialDelay = initialDelay;
      return this;
    }

    public Builder backoffMultiplier(Double backoffMultiplier) {
      this.backoffMultiplier = backoffMultiplier;
      return this;
    }

    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = maxDelay;
      return this;
    }

    /** Replaces the retried HTTP statuses. */
    public Builder retryOnStatus(Integer... statuses) {
      this.retryOnStatus.clear();
      this.retryOnStatus.addAll(Arrays.asList(statuses));
      return this;
    }

    public RetryPolicy build() {
      return BuildSites.mark(new RetryPolicy(maxAttempts, initialDelay, backoffMultiplier, maxDelay, retryOnStatus));
    }
  }
}
