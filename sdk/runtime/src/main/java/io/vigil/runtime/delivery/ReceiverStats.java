package io.vigil.runtime.delivery;

/**
 * What a {@link LocalReceiver} has seen so far.
 *
 * @param requests requests that reached it, whatever it answered
 * @param accepted requests it stored and answered 200
 * @param itemsReceived items in stored requests, duplicates included
 * @param distinctItems items kept after dedupe by id
 * @param duplicates items whose id it had already stored
 */
public record ReceiverStats(int requests, int accepted, int itemsReceived, int distinctItems, int duplicates) {}
