package io.vigil.api;

/**
 * Stable codes for every user-facing failure in Vigil. A code never changes meaning once released;
 * the CLI maps it to a process exit code.
 */
public enum ErrorCode {
  /** A value given to a command is invalid on its own (a date, a parameter); bad input, like invalid metadata. */
  INVALID_ARGUMENT(3),
  /** Metadata could not be read: unknown keys, wrong types, malformed YAML or JSON. */
  INVALID_METADATA(3),
  /** The solution was read but breaks one or more validation rules. */
  VALIDATION_FAILED(3),
  /** Java sources of the solution do not compile. */
  COMPILATION_FAILED(3),
  /** A named solution, entity, dataset or file does not exist. */
  NOT_FOUND(3),
  /** The operation needs a permission the caller does not hold. */
  FORBIDDEN(3),
  /** A store or external service failed. */
  STORE_FAILURE(1),
  /** The target state changed since it was read, or another process holds the lock. */
  CONFLICT(5),
  /** A bug or an unexpected condition. */
  INTERNAL(1),
  /** A drift check in block mode found drift: the data is unlike the model's reference set, so no alert is made on it. */
  DRIFT_DETECTED(6);

  private final int exitCode;

  ErrorCode(int exitCode) {
    this.exitCode = exitCode;
  }

  /** The process exit code the CLI uses for this error. */
  public int exitCode() {
    return exitCode;
  }
}
