package io.vigil.orchestration.airflow;

import io.vigil.api.ErrorCode;
import io.vigil.api.ErrorId;
import io.vigil.api.VigilException;
import java.net.URI;

/**
 * The errors of the Airflow client, each with its stable id: "Cannot &lt;verb&gt; &lt;object&gt;:
 * &lt;reason&gt;", never with a credential. Public for its ids; only this package raises them.
 */
public final class AirflowErrors {
  private static final int MAX_DETAIL = 300;

  private AirflowErrors() {}

  /** The ids of the Airflow client. Append new ones; never renumber or reuse one. */
  public enum Id implements ErrorId {
    NOT_FOUND("VGL-AIR-001", ErrorCode.NOT_FOUND, "Airflow answered 404: the DAG, run or task does not exist (yet)."),
    CONFLICT("VGL-AIR-002", ErrorCode.CONFLICT, "Airflow answered 409: a run with this id exists already."),
    REJECTED("VGL-AIR-003", ErrorCode.INVALID_ARGUMENT, "Airflow answered 400 or 422: it rejected the request's values."),
    FORBIDDEN("VGL-AIR-004", ErrorCode.FORBIDDEN, "Airflow answered 403: the token is not valid or the user may not do this."),
    UNAUTHORIZED("VGL-AIR-005", ErrorCode.STORE_FAILURE, "Airflow answered 401: it refused the credentials."),
    FAILED("VGL-AIR-006", ErrorCode.STORE_FAILURE, "Airflow answered with another error status."),
    UNREACHABLE("VGL-AIR-007", ErrorCode.STORE_FAILURE, "Airflow could not be reached."),
    UNREADABLE("VGL-AIR-008", ErrorCode.STORE_FAILURE, "Airflow's answer is not what Airflow 3's REST API returns."),
    TIMED_OUT("VGL-AIR-009", ErrorCode.STORE_FAILURE, "A DAG run or task did not finish in the time given."),
    NO_PASSWORD("VGL-AIR-010", ErrorCode.INVALID_ARGUMENT, "VIGIL_AIRFLOW_URL is set without a token or password."),
    BAD_URL("VGL-AIR-011", ErrorCode.INVALID_ARGUMENT, "VIGIL_AIRFLOW_URL is not an http(s) URL without credentials.");

    private final String id;
    private final ErrorCode code;
    private final String summary;

    Id(String id, ErrorCode code, String summary) {
      this.id = id;
      this.code = code;
      this.summary = summary;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public ErrorCode code() {
      return code;
    }

    @Override
    public String summary() {
      return summary;
    }
  }

  /** Airflow answered with an error status; the status decides the id. */
  static VigilException answered(String action, URI base, int status, String detail) {
    Id id = switch (status) {
      case 404 -> Id.NOT_FOUND;
      case 409 -> Id.CONFLICT;
      case 400, 422 -> Id.REJECTED;
      case 401 -> Id.UNAUTHORIZED;
      case 403 -> Id.FORBIDDEN;
      default -> Id.FAILED;
    };
    String reason = switch (status) {
      case 401 -> "Airflow at " + base + " refused the credentials (401); check VIGIL_AIRFLOW_USERNAME and"
          + " VIGIL_AIRFLOW_PASSWORD, or VIGIL_AIRFLOW_TOKEN";
      case 403 -> "Airflow at " + base + " refused the request (403): the token is not valid or the user may not do this";
      default -> "Airflow at " + base + " answered " + status;
    };
    String shown = shorten(detail);
    return new VigilException(id, "Cannot " + action + ": " + reason + (shown.isEmpty() ? "" : ": " + shown));
  }

  static VigilException unreachable(String action, URI base, Exception cause) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new VigilException(Id.UNREACHABLE,
        "Cannot " + action + ": Airflow at " + base + " is not reachable (" + shorten(why) + ")", cause);
  }

  static VigilException unreadable(String action, URI base, Exception cause) {
    return new VigilException(Id.UNREADABLE,
        "Cannot " + action + ": the answer of Airflow at " + base + " is not what Airflow 3's API returns ("
            + shorten(String.valueOf(cause.getMessage())) + ")", cause);
  }

  static VigilException timedOut(String action, String state, long seconds) {
    return new VigilException(Id.TIMED_OUT,
        "Cannot " + action + ": still " + state + " after " + seconds + " s");
  }

  static VigilException noPassword() {
    return new VigilException(Id.NO_PASSWORD,
        "Cannot connect to Airflow: VIGIL_AIRFLOW_URL is set but neither VIGIL_AIRFLOW_TOKEN nor"
            + " VIGIL_AIRFLOW_PASSWORD is");
  }

  static VigilException badUrl(String url) {
    return new VigilException(Id.BAD_URL,
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
