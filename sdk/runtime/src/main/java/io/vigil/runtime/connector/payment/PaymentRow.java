package io.vigil.runtime.connector.payment;

import java.util.Map;

/**
 * One record of a payment file: the schema fields it fills, or the reason it is rejected.
 *
 * @param sequence the 1-based position of the record in its file; rejected rows point back with it
 * @param values schema field to text; empty for a rejected record
 * @param raw the record as read, kept for the rejected-rows table
 * @param reason why the record is rejected; null for a good one
 */
record PaymentRow(long sequence, Map<String, String> values, String raw, String reason) {
  /** Longest raw text kept, so that one huge message cannot bloat the rejected-rows table. */
  private static final int RAW_LIMIT = 20_000;

  PaymentRow {
    raw = raw != null && raw.length() > RAW_LIMIT ? raw.substring(0, RAW_LIMIT) + "…" : raw;
  }

  static PaymentRow accepted(long sequence, Map<String, String> values, String raw) {
    return new PaymentRow(sequence, values, raw, null);
  }

  static PaymentRow rejected(long sequence, String raw, String reason) {
    return new PaymentRow(sequence, Map.of(), raw, reason);
  }
}
