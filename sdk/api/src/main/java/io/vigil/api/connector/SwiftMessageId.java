package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * A SWIFT MT message type a mapping handles, with its variant (S1 §4.3.1).
 *
 * @param messageType the three-digit MT number, e.g. {@code 103}
 * @param variant the variant, e.g. {@code CORE}, {@code STP} or {@code COV}; null or empty for the plain message
 */
public record SwiftMessageId(String messageType, String variant) {
  public SwiftMessageId {
    Checks.required(messageType, "SWIFT message id", "message_type");
    Checks.valid(messageType.matches("\\d{3}"), "SWIFT message id", "message_type",
        "must be a three-digit MT number such as 103: '" + messageType + "'");
  }

  /** The plain message, without a variant. */
  public static SwiftMessageId of(String messageType) {
    return of(messageType, null);
  }

  public static SwiftMessageId of(String messageType, String variant) {
    return BuildSites.mark(new SwiftMessageId(messageType, variant));
  }
}
