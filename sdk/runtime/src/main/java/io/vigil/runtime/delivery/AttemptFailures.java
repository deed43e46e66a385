package io.vigil.runtime.delivery;

/**
 * The error texts of failed delivery attempts, kept in {@link BatchOutcome#error()}: "Cannot &lt;verb&gt;
 * &lt;object&gt;: &lt;reason&gt;". The caller scrubs credentials from them; the exceptions of this package
 * come from {@code RuntimeErrors}.
 */
final class AttemptFailures {
  private static final int MAX_DETAIL = 200;

  private AttemptFailures() {}

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

  private static String describe(Exception cause) {
    String kind = cause.getClass().getSimpleName();
    String message = cause.getMessage();
    return message == null || message.isBlank() ? kind : kind + ": " + shorten(message);
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL) + "…";
  }
}
