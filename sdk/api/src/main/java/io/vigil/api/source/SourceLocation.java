package io.vigil.api.source;

import java.util.Objects;

/**
 * Where a piece of metadata was written: a file relative to the solution root and a 1-based line.
 * Line 0 means the line is unknown.
 */
public record SourceLocation(String file, int line) {
  public static final SourceLocation UNKNOWN = new SourceLocation("", 0);

  public SourceLocation {
    Objects.requireNonNull(file, "file");
    if (line < 0) {
      throw new IllegalArgumentException("Cannot create source location: line is negative: " + line);
    }
  }

  public static SourceLocation of(String file, int line) {
    return new SourceLocation(file, line);
  }

  public static SourceLocation file(String file) {
    return new SourceLocation(file, 0);
  }

  public boolean isKnown() {
    return !file.isEmpty();
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
