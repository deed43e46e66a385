package io.vigil.orchestration.airflow;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import java.net.URI;

/** The messages of this package's errors: "Cannot &lt;verb&gt; &lt;object&gt;: &lt;reason&gt;", never with a credential. */
final class AirflowErrors {
  private static final int MAX_DETAIL = 300;

  private AirflowErrors() {}

  /** Airflow answered with an error status; 404 is NOT_FOUND, 409 CONFLICT, 400/422 INVALID_ARGUMENT, 403 FORBIDDEN. */
  static VigilException answered(String action, URI base, int status, String detail) {
    ErrorCode code = switch (status) {
      case 404 -> ErrorCode.NOT_FOUND;
      case 409 -> ErrorCode.CONFLICT;
      case 400, 422 -> ErrorCode.INVALID_ARGUMENT;
      case 403 -> ErrorCode.FORBIDDEN;
      default -> ErrorCode.STORE_FAILURE;
    };
    String reason = switch (status) {
      case 401 -> "Airflow at " + base + " refused the credentials (401); check VIGIL_AIRFLOW_USERNAME and"
          + " VIGIL_AIRFLOW_PASSWORD, or VIGIL_AIRFLOW_TOKEN";
      case 403 -> "Airflow at " + base + " refused the request (403): the token is not valid or the user may not do this";
      default -> "Airflow at " + base + " answered " + status;
    };
    String shown = shorten(detail);
    return new VigilException(code, "Cannot " + action + ": " + reason + (shown.isEmpty() ? "" : ": " + shown));
  }

  static VigilException unreachable(String action, URI base, Exception cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new VigilException(ErrorCode.STORE_FAILURE,
        "Cannot " + action + ": Airflow at " + base + " is not reachable (" + shorten(why) + ")", cause);
  }

  static VigilException unreadable(String action, URI base, Exception cause) {
    return new VigilException(ErrorCode.STORE_FAILURE,
        "Cannot " + action + ": the answer of Airflow at " + base + " is not what Airflow 3's API returns ("
            + shorten(String.valueOf(cause.getMessage())) + ")", cause);
  }

  static VigilException timedOut(String action, String state, long seconds) {
    return new VigilException(ErrorCode.STORE_FAILURE,
        "Cannot " + action + ": still " + state + " after " + seconds + " s");
  }

  static VigilException noPassword() {
    return new VigilException(ErrorCode.INVALID_ARGUMENT,
        "Cannot connect to Airflow: VIGIL_AIRFLOW_URL is set but neither VIGIL_AIRFLOW_TOKEN nor"
            + " VIGIL_AIRFLOW_PASSWORD is");
  }

  static VigilException badUrl(String url) {
    return new VigilException(ErrorCode.INVALID_ARGUMENT,
        "Cannot connect to Airflow: VIGIL_AIRFLOW_URL must be an http(s) URL without credentials, like"
            + " http://airflow:8080: '" + withoutUserInfo(url) + "'");
  }

  private static String shorten(String text) {
    if (text == null) {
      return "";
    }
    String flat = text.strip().replaceAll("\\s+", " ");
    return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL) + "…";
  }

  static String withoutUserInfo(String url) {
    return url == null ? "null" : url.replaceAll("//[^/@]*@", "//");
  }
}
