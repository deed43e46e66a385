package io.vigil.runtime.dataset;

/** Names of the working columns Vigil adds while preparing rows; they never reach a table. */
public final class Internal {
  /** Why the row is rejected; null for a good row. */
  public static final String REJECT_REASON = "_vigil_reject_reason";
  /** The validator that rejected the row, if a validator did. */
  public static final String REJECT_VALIDATOR = "_vigil_reject_validator";
  /** Names of WARN validators the row failed. */
  public static final String WARNED = "_vigil_warned";
  /** The row as it arrived (a source line, or JSON of the input columns), kept for rejected rows. */
  public static final String RAW = "_vigil_raw";
  /** Row position when there is no source line, to give APPEND rows stable ids. */
  public static final String ORDINAL = "_vigil_ordinal";

  private Internal() {}

  public static boolean isInternal(String column) {
    return column.startsWith("_vigil_");
  }
}
