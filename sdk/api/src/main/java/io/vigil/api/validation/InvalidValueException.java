package io.vigil.api.validation;

/**
 * Thrown by a builder or record constructor when a value is invalid on its own. It carries the
 * problem code and the path of the offending attribute relative to the object being built, so a
 * loader can report it at the right file, line and path.
 */
public final class InvalidValueException extends IllegalArgumentException {
  private final ProblemCode code;
  private final String path;

  public InvalidValueException(ProblemCode code, String path, String message) {
    super(message);
    this.code = code;
    this.path = path;
  }

  public ProblemCode code() {
    return code;
  }

  /** Path of the attribute relative to the object being built; empty for the object itself. */
  public String path() {
    return path;
  }
}
