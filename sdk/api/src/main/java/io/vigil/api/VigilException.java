package io.vigil.api;

import java.util.Objects;

/**
 * The root of every user-facing Vigil exception. It carries a stable {@link ErrorId} (and through it
 * the {@link ErrorCode} that decides the exit code); its message follows "Cannot &lt;verb&gt;
 * &lt;object&gt;: &lt;reason&gt;" and never contains a secret. Vigil's own modules raise it only through
 * their errors classes; the constructors taking a bare {@link ErrorCode} are for solution code, which
 * has no ids.
 */
public class VigilException extends RuntimeException {
  private final ErrorCode code;
  private final ErrorId error;

  public VigilException(ErrorId error, String message) {
    this(error, message, null);
  }

  public VigilException(ErrorId error, String message, Throwable cause) {
    super(message, cause);
    this.error = Objects.requireNonNull(error, "error");
    this.code = error.code();
  }

  /**
   * The same error seen from a caller that adds what it was doing: keeps the id and category of
   * {@code cause}, with {@code message} (which should contain the cause's message) as its own.
   */
  public VigilException(String message, VigilException cause) {
    super(message, Objects.requireNonNull(cause, "cause"));
    this.error = cause.error;
    this.code = cause.code;
  }

  /** For a subclass that carries more data about {@code error}: the same id, category, message and cause. */
  protected VigilException(VigilException error) {
    super(error.getMessage(), error.getCause());
    this.error = error.error;
    this.code = error.code;
  }

  /** An error without an id, for solution code; Vigil's modules never use it. */
  public VigilException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /** An error without an id, for solution code; Vigil's modules never use it. */
  public VigilException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.error = null;
  }

  public ErrorCode code() {
    return code;
  }

  /** The stable id, like {@code VGL-SYNC-012}; null only for an error built from a bare {@link ErrorCode}. */
  public String errorId() {
    return error == null ? null : error.id();
  }

  /**
   * The message as Vigil prints it everywhere (CLI, job logs, failed cells): {@code VGL-SYNC-012: Cannot …},
   * or the message alone when the error has no id.
   */
  public String idAndMessage() {
    return error == null ? getMessage() : error.id() + ": " + getMessage();
  }
}
