package io.vigil.api;

/**
 * The root of every user-facing Vigil exception. It carries a stable {@link ErrorCode}; its message
 * follows "Cannot &lt;verb&gt; &lt;object&gt;: &lt;reason&gt;" and never contains a secret.
 */
public class VigilException extends RuntimeException {
  private final ErrorCode code;

  public VigilException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public VigilException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
