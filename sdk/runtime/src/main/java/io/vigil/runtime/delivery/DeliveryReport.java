package io.vigil.runtime.delivery;

import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.util.List;

/**
 * What a run of {@link Batches#deliver} achieved, counted in items.
 *
 * @param sentItems items in batches the target accepted
 * @param failedItems items in batches that failed after their last attempt
 * @param leftItems items in batches never started because an earlier batch failed
 * @param outcomes the outcome of every started batch, in batch order
 */
public record DeliveryReport(int sentItems, int failedItems, int leftItems, List<BatchOutcome> outcomes) {
  public DeliveryReport {
    outcomes = List.copyOf(outcomes);
  }

  /** True when every item was sent. */
  public boolean complete() {
    return failedItems == 0 && leftItems == 0;
  }

  /** The error of the first failed batch, or null when none failed. */
  public String firstError() {
    return outcomes.stream().filter(o -> !o.delivered()).map(BatchOutcome::error).findFirst().orElse(null);
  }

  /**
   * This report when complete.
   *
   * @throws io.vigil.api.VigilException STORE_FAILURE with the counts sent, failed and left, and the first error
   */
  public DeliveryReport requireComplete(String target) {
    if (!complete()) {
      throw RuntimeErrors.deliveryIncomplete(target, sentItems, failedItems, leftItems, firstError());
    }
    return this;
  }
}
