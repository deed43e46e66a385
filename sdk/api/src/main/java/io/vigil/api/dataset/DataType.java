package io.vigil.api.dataset;

/** The data types of dataset fields and graph properties (S1 §3.1.3). */
public enum DataType {
  INT,
  LONG,
  DOUBLE,
  STRING,
  BOOLEAN,
  TIMESTAMP;

  /**
   * True when every value of this type can be stored in {@code other} without loss, so changing a
   * column from this type to {@code other} is not breaking: INT → LONG → DOUBLE, and anything → STRING.
   */
  public boolean canWidenTo(DataType other) {
    if (this == other || other == STRING) {
      return true;
    }
    return switch (this) {
      case INT -> other == LONG || other == DOUBLE;
      case LONG -> other == DOUBLE;
      default -> false;
    };
  }
}
