package io.vigil.bench;

/**
 * When each request of an open-loop phase is due: request n at n / rate seconds after the phase starts,
 * whatever happened to earlier requests. Computed from n, not by adding an interval, so rounding never
 * accumulates into drift over a long phase.
 */
record OpenLoopSchedule(int ratePerSecond, int durationSeconds) {
  OpenLoopSchedule {
    if (ratePerSecond <= 0 || durationSeconds <= 0) {
      throw new IllegalArgumentException(
          "Cannot schedule an open-loop phase: rate and duration must be positive, got "
              + ratePerSecond + "/s for " + durationSeconds + " s");
    }
  }

  /** How many requests the phase sends. */
  long requests() {
    return (long) ratePerSecond * durationSeconds;
  }

  /** Nanoseconds after the phase start at which request n (0-based) is due. */
  long dueNanos(long n) {
    return n * 1_000_000_000L / ratePerSecond;
  }
}
