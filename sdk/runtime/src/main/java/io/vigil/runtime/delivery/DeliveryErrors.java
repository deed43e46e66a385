package io.vigil.runtime.delivery;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;

/** The messages of this package: "Cannot &lt;verb&gt; &lt;object&gt;: &lt;reason&gt;", never with a credential. */
final class DeliveryErrors {
  static final int MAX_DETAIL = 200;

  private DeliveryErrors() {}

  static VigilException noId(String idField, int index) {
    return new VigilException(ErrorCode.INVALID_ARGUMENT,
        "Cannot deliver the batch: item " + index + " has no '" + idField + "'");
  }

  static VigilException duplicateId(String idField, String id) {
    return new VigilException(ErrorCode.INVALID_ARGUMENT,
        "Cannot deliver the batch: two items have " + idField + " '" + id + "'");
  }

  static VigilException unwritable(Exception cause) {
    return new VigilException(ErrorCode.INVALID_ARGUMENT,
        "Cannot deliver the batch: its items cannot be written as JSON (" + shorten(cause.getMessage()) + ")", cause);
  }

  static VigilException badUrl(String shown) {
    return new VigilException(ErrorCode.INVALID_ARGUMENT,
        "Cannot deliver to " + shown + ": the URL must be absolute http or https");
  }

  static VigilException tls(Exception cause) {
    return new VigilException(ErrorCode.INTERNAL, "Cannot set up TLS without verification: " + cause.getMessage(), cause);
  }

  static VigilException receiver(String reason, Exception cause) {
    return new VigilException(ErrorCode.STORE_FAILURE, "Cannot start the local receiver: " + reason, cause);
  }

  static VigilException incomplete(String target, DeliveryReport report, String firstError) {
    return new VigilException(ErrorCode.STORE_FAILURE, "Cannot deliver all alerts to " + target + ": "
        + report.sentItems() + " sent, " + report.failedItems() + " failed, " + report.leftItems() + " left"
        + (firstError == null ? "" : "; " + firstError));
  }

  // Attempt outcomes, as BatchOutcome.error texts.

  static String refused(String target, int status) {
    return "Cannot deliver the batch to " + target + ": the target refused the credentials (" + status
        + "); check the target's auth";
  }

  static String answered(String target, int status, String body) {
    String shown = shorten(body);
    return "Cannot deliver the batch to " + target + ": the target answered " + status
        + (shown.isEmpty() ? "" : ": " + shown);
  }

  static String unreachable(String target, Exception cause) {
    return "Cannot deliver the batch to " + target + ": " + describe(cause);
  }

  static String handshake(String target, Exception cause) {
    return "Cannot deliver the batch to " + target + ": the TLS handshake failed (" + shorten(cause.getMessage())
        + "); a self-signed certificate needs verify: false";
  }

  static String interrupted(String target) {
    return "Cannot deliver the batch to " + target + ": interrupted";
  }

  static String describe(Exception cause) {
    String kind = cause.getClass().getSimpleName();
    String message = cause.getMessage();
    return message == null || message.isBlank() ? kind : kind + ": " + shorten(message);
  }

  static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL) + "…";
  }
}
