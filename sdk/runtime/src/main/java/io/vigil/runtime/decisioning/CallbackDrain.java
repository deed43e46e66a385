package io.vigil.runtime.decisioning;

import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.decisioning.AlertCallbacks.FlowCallbacks;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the callback outboxes of a solution's real-time flows on one background thread, at a fixed
 * delay after each drain ended, until closed: {@code vigil serve}'s way of calling back closures that
 * {@code vigil alerts close} could not deliver. A drain that fails is logged and the next one tries again.
 */
public final class CallbackDrain implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(CallbackDrain.class);
  // Enough for a drain in flight to record the attempt it is making; the outbox keeps the rest.
  private static final Duration STOP_WAIT = Duration.ofSeconds(10);

  private final ScheduledExecutorService thread;

  private CallbackDrain(ScheduledExecutorService thread) {
    this.thread = thread;
  }

  /** Starts draining every {@code interval}, the first drain one interval from now. */
  public static CallbackDrain every(RunContext context, Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("Cannot drain callbacks: the interval must be positive: " + interval);
    }
    ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-callbacks");
      t.setDaemon(true);
      return t;
    });
    thread.scheduleWithFixedDelay(() -> drain(context), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    return new CallbackDrain(thread);
  }

  private static void drain(RunContext context) {
    try {
      for (FlowCallbacks f : AlertCallbacks.deliverAll(context)) {
        if (f.report().failed() > 0) {
          LOG.warn("Callbacks of flow {} to {}: {} sent, {} failed, {} left: {}", f.flow(), f.target(), f.report().sent(),
              f.report().failed(), f.report().left(), f.report().firstError());
        } else if (f.report().sent() > 0) {
          LOG.info("Callbacks of flow {} to {}: {} sent", f.flow(), f.target(), f.report().sent());
        }
      }
    } catch (RuntimeException e) {
      // A scheduled task that throws is never run again; this one must be, Postgres may be back next time.
      LOG.warn("Cannot drain the callback outboxes: {}", e.getMessage());
    }
  }

  /** Stops after the drain in flight, if any. */
  @Override
  public void close() {
    thread.shutdown();
    try {
      if (!thread.awaitTermination(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException e) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
