package io.vigil.runtime.mlflow;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import java.net.URI;

/**
 * The messages of this package's errors: "Cannot &lt;verb&gt; &lt;object&gt;: &lt;reason&gt;", with
 * MLflow's {@code error_code} when it sent one, and never a credential: every detail from the server
 * passes through {@link MlflowCredentials#redact(String)}.
 */
final class MlflowErrors {
  private static final int MAX_DETAIL = 300;

  private MlflowErrors() {}

  /**
   * MLflow answered with an error status. RESOURCE_DOES_NOT_EXIST (or 404) is NOT_FOUND,
   * RESOURCE_ALREADY_EXISTS CONFLICT, INVALID_PARAMETER_VALUE (or 400) INVALID_ARGUMENT,
   * PERMISSION_DENIED (or 403) FORBIDDEN, anything else STORE_FAILURE.
   */
  static VigilException answered(String action, URI base, int status, String errorCode, String detail,
      MlflowCredentials credentials) {
    ErrorCode code = code(status, errorCode);
    String reason = switch (status) {
      case 401 -> "MLflow at " + base + " refused the credentials (401); check MLFLOW_TRACKING_USERNAME and"
          + " MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN";
      case 403 -> "MLflow at " + base + " refused the request (403): the user may not do this";
      default -> "MLflow at " + base + " answered " + status;
    };
    String shown = shorten(credentials.redact(detail));
    return new VigilException(code, "Cannot " + action + ": " + reason
        + (errorCode == null || errorCode.isEmpty() ? "" : " " + errorCode)
        + (shown.isEmpty() ? "" : ": " + shown));
  }

  static VigilException unreachable(String action, URI base, Exception cause, MlflowCredentials credentials) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return new VigilException(ErrorCode.STORE_FAILURE,
        "Cannot " + action + ": MLflow at " + base + " is not reachable (" + shorten(credentials.redact(why)) + ")", cause);
  }

  static VigilException unreadable(String action, URI base, Exception cause, MlflowCredentials credentials) {
    return new VigilException(ErrorCode.STORE_FAILURE, "Cannot " + action + ": the answer of MLflow at " + base
        + " is not what MLflow's REST API returns (" + shorten(credentials.redact(String.valueOf(cause.getMessage()))) + ")",
        cause);
  }

  static VigilException localFile(String action, Exception cause) {
    return new VigilException(ErrorCode.STORE_FAILURE, "Cannot " + action + ": " + cause.getMessage(), cause);
  }

  static VigilException notProxied(String action, String artifactUri) {
    return new VigilException(ErrorCode.INVALID_ARGUMENT, "Cannot " + action + ": the artifact location '"
        + withoutUserInfo(artifactUri) + "' is not served by the tracking server's artifact proxy; start the server"
        + " with --serve-artifacts (the default) and an artifact root of mlflow-artifacts:/ (no --default-artifact-root)");
  }

  static VigilException badArtifactPath(String action, String path) {
    return new VigilException(ErrorCode.INVALID_ARGUMENT, "Cannot " + action + ": the artifact path '" + path
        + "' must be relative, with no empty, '.' or '..' segment and no '#'");
  }

  static VigilException noArtifacts(String action, String path) {
    return new VigilException(ErrorCode.NOT_FOUND, "Cannot " + action + ": there are no artifacts at '" + path + "'");
  }

  static VigilException badName(String action, String name) {
    return new VigilException(ErrorCode.INVALID_ARGUMENT, "Cannot " + action + ": the name '" + name
        + "' must be non-empty and hold no single quote");
  }

  static VigilException deletedExperiment(String name) {
    return new VigilException(ErrorCode.CONFLICT, "Cannot use experiment " + name
        + ": it is deleted in MLflow; restore it there or use another name");
  }

  static VigilException badUrl(String url) {
    return new VigilException(ErrorCode.INVALID_ARGUMENT, "Cannot connect to MLflow: MLFLOW_TRACKING_URI must be an"
        + " http(s) URL without credentials, like http://mlflow:5000: '" + withoutUserInfo(url) + "'");
  }

  static VigilException noPassword() {
    return new VigilException(ErrorCode.INVALID_ARGUMENT, "Cannot connect to MLflow: MLFLOW_TRACKING_USERNAME is set"
        + " but MLFLOW_TRACKING_PASSWORD is not");
  }

  private static ErrorCode code(int status, String errorCode) {
    if (errorCode != null) {
      switch (errorCode) {
        case "RESOURCE_DOES_NOT_EXIST", "NOT_FOUND", "ENDPOINT_NOT_FOUND" -> {
          return ErrorCode.NOT_FOUND;
        }
        case "RESOURCE_ALREADY_EXISTS", "ALREADY_EXISTS" -> {
          return ErrorCode.CONFLICT;
        }
        case "INVALID_PARAMETER_VALUE", "BAD_REQUEST", "INVALID_STATE", "MALFORMED_REQUEST" -> {
          return ErrorCode.INVALID_ARGUMENT;
        }
        case "PERMISSION_DENIED", "UNAUTHENTICATED" -> {
          return status == 401 ? ErrorCode.STORE_FAILURE : ErrorCode.FORBIDDEN;
        }
        default -> { }
      }
    }
    return switch (status) {
      case 404 -> ErrorCode.NOT_FOUND;
      case 409 -> ErrorCode.CONFLICT;
      case 400, 422 -> ErrorCode.INVALID_ARGUMENT;
      case 403 -> ErrorCode.FORBIDDEN;
      default -> ErrorCode.STORE_FAILURE;
    };
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
