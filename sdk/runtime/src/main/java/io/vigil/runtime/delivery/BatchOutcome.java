package io.vigil.runtime.delivery;

import java.util.List;

/**
 * What became of one batch: delivered after a 2xx, or failed after its last attempt.
 *
 * @param idempotencyKey the {@code Idempotency-Key} every attempt carried
 * @param ids the ids of the batch's items, in batch order
 * @param delivered true when the target answered 2xx
 * @param attempts requests made for the batch, retries included; 0 when none could be sent
 * @param lastStatus the HTTP status of the last answer, or 0 when the last attempt got none
 * @param error why the batch failed, without credentials; null when delivered
 */
public record BatchOutcome(
    String idempotencyKey, List<String> ids, boolean delivered, int attempts, int lastStatus, String error) {
  public BatchOutcome {
    ids = List.copyOf(ids);
  }
}
