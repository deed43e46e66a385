package io.vigil.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;

/**
 * An open-loop load phase: requests leave on the {@link OpenLoopSchedule} whether or not earlier ones
 * were answered, and each latency is measured from the request's scheduled send time, not from when it
 * actually left, so a stalled server shows up in the percentiles instead of silently slowing the load
 * (coordinated omission).
 */
final class OpenLoopLoad {
  /** One phase's outcome; latencies cover every answered request, 2xx or not. */
  record Result(int ratePerSecond, long sent, long ok, long status503, long otherErrors,
      long failures, double p50Millis, double p99Millis, double p999Millis, double maxMillis,
      double wallSeconds) {
    long answered() {
      return ok + status503 + otherErrors;
    }

    /** Everything that is not a 2xx, as a fraction of what was sent. */
    double errorRate() {
      return sent == 0 ? 0 : (double) (sent - ok) / sent;
    }

    double rate503() {
      return sent == 0 ? 0 : (double) status503 / sent;
    }
  }

  private final HttpClient client;
  private final Duration timeout;

  OpenLoopLoad(HttpClient client, Duration timeout) {
    this.client = client;
    this.timeout = timeout;
  }

  /** Runs one phase; request n is built by {@code requests.apply(n)}. Returns when every request ended. */
  Result run(OpenLoopSchedule schedule, LongFunction<HttpRequest> requests) {
    long total = schedule.requests();
    LatencyRecorder latencies = new LatencyRecorder((int) Math.min(Integer.MAX_VALUE, total));
    AtomicLong ok = new AtomicLong();
    AtomicLong unavailable = new AtomicLong();
    AtomicLong otherErrors = new AtomicLong();
    AtomicLong failures = new AtomicLong();
    CompletableFuture<?>[] inFlight = new CompletableFuture<?>[(int) total];
    long start = System.nanoTime();
    for (long n = 0; n < total; n++) {
      long due = start + schedule.dueNanos(n);
      for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      HttpRequest request = requests.apply(n);
      inFlight[(int) n] = client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
          .whenComplete((response, error) -> {
            if (error != null) {
              failures.incrementAndGet();
              return;
            }
            latencies.record(System.nanoTime() - due);
            int status = response.statusCode();
            (status / 100 == 2 ? ok : status == 503 ? unavailable : otherErrors).incrementAndGet();
          });
    }
    CompletableFuture.allOf(inFlight).handle((v, e) -> null).join();
    double wall = (System.nanoTime() - start) / 1e9;
    return new Result(schedule.ratePerSecond(), total, ok.get(), unavailable.get(), otherErrors.get(),
        failures.get(), latencies.percentileMillis(50), latencies.percentileMillis(99),
        latencies.percentileMillis(99.9), latencies.maxMillis(), wall);
  }
}
