package io.vigil.runtime.delivery;

/**
 * One request a {@link LocalReceiver} got.
 *
 * @param number its position in arrival order, from 1
 * @param status what the receiver answered; 0 when it closed the connection instead
 * @param idempotencyKey the request's {@code Idempotency-Key} header, or null
 * @param items the items the body held; 0 when it was not read or not valid
 */
public record ReceivedRequest(int number, int status, String idempotencyKey, int items) {}
