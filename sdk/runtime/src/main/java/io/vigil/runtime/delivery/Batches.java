package io.vigil.runtime.delivery;

import io.vigil.api.VigilException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * Splits items into batches and delivers up to {@code parallelism} of them at a time (S1 §9:
 * {@code batch_size}, {@code parallelism}). After a batch fails its last attempt no new batch is
 * started; the ones in flight finish. What was not started is counted as left, so that the next
 * run can finish the work.
 */
public final class Batches {
  private Batches() {}

  /** {@code items} in consecutive chunks of {@code batchSize}, the last one possibly shorter. */
  public static <T> List<List<T>> split(List<T> items, int batchSize) {
    if (batchSize <= 0) {
      throw new IllegalArgumentException("Cannot split into batches: batch size must be positive: " + batchSize);
    }
    List<List<T>> out = new ArrayList<>((items.size() + batchSize - 1) / batchSize);
    for (int from = 0; from < items.size(); from += batchSize) {
      out.add(List.copyOf(items.subList(from, Math.min(items.size(), from + batchSize))));
    }
    return out;
  }

  /**
   * Delivers {@code items} in batches of {@code batchSize}, {@code parallelism} at a time.
   *
   * @param onBatch called once per finished batch, on the thread that delivered it, before the
   *     report is returned; the place to record a delivered batch. If it throws, no new batch is
   *     started and the exception is rethrown
   * @throws io.vigil.api.VigilException INVALID_ARGUMENT before anything is sent when an item has no
   *     id or two items share one
   */
  public static DeliveryReport deliver(HttpDelivery delivery, List<? extends Map<String, ?>> items, int batchSize,
      int parallelism, Consumer<BatchOutcome> onBatch) {
    if (parallelism <= 0) {
      throw new IllegalArgumentException("Cannot deliver batches: parallelism must be positive: " + parallelism);
    }
    delivery.ids(items);
    List<? extends List<? extends Map<String, ?>>> batches = split(items, batchSize);
    AtomicReferenceArray<BatchOutcome> outcomes = new AtomicReferenceArray<>(batches.size());
    AtomicInteger next = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    int workers = Math.min(parallelism, Math.max(1, batches.size()));
    ExecutorService pool = Executors.newFixedThreadPool(workers, r -> {
      Thread t = new Thread(r, "vigil-delivery");
      t.setDaemon(true);
      return t;
    });
    List<Future<?>> running = new ArrayList<>(workers);
    try {
      for (int w = 0; w < workers; w++) {
        running.add(pool.submit(() -> {
          int i;
          while (!stop.get() && (i = next.getAndIncrement()) < batches.size()) {
            BatchOutcome outcome = delivery.deliver(batches.get(i));
            outcomes.set(i, outcome);
            if (!outcome.delivered()) {
              stop.set(true);
            }
            try {
              onBatch.accept(outcome);
            } catch (RuntimeException e) {
              stop.set(true);
              throw e;
            }
          }
          return null;
        }));
      }
      for (Future<?> f : running) {
        await(f);
      }
    } finally {
      pool.shutdownNow();
    }
    return report(batches, outcomes);
  }

  private static void await(Future<?> f) {
    try {
      f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while delivering batches", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  private static DeliveryReport report(List<? extends List<?>> batches, AtomicReferenceArray<BatchOutcome> outcomes) {
    int sent = 0;
    int failed = 0;
    int left = 0;
    List<BatchOutcome> started = new ArrayList<>();
    for (int i = 0; i < batches.size(); i++) {
      BatchOutcome o = outcomes.get(i);
      int size = batches.get(i).size();
      if (o == null) {
        left += size;
      } else {
        started.add(o);
        if (o.delivered()) {
          sent += size;
        } else {
          failed += size;
        }
      }
    }
    return new DeliveryReport(sent, failed, left, started);
  }
}
