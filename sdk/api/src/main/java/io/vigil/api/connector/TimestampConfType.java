package io.vigil.api.connector;

/** Where a connector takes the timestamp it stamps on every record (S1 §4.1.3). */
public enum TimestampConfType {
  /** The Airflow execution date of the upload. */
  EXECUTION_DATE,
  /** A date in the file name, parsed with {@code filename_pattern}. */
  FILENAME,
  /** A column of each record, parsed with {@code column_pattern}. */
  COLUMN,
  /** The last-modified time of the file. */
  FILENAME_LAST_MODIFY
}
