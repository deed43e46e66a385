package io.vigil.api.connector;

import io.vigil.api.dataset.DateFormats;
import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.validation.ProblemCode;

/**
 * How a connector timestamps each record (S1 §4.1.3). OVERWRITE and UPDATE datasets use the
 * timestamp to decide which version of a key is current.
 *
 * <pre>{@code
 * TimestampConf.column("date", "%Y/%m/%d")
 * }</pre>
 *
 * @param type where the timestamp comes from
 * @param filenamePattern strftime pattern of the date in the file name, e.g. {@code %Y%m%d}; required for FILENAME
 * @param columnName the column holding the timestamp; required for COLUMN
 * @param columnPattern strftime pattern of the column's values, e.g. {@code %Y/%m/%d}; required for COLUMN
 */
public record TimestampConf(TimestampConfType type, String filenamePattern, String columnName, String columnPattern) {
  public TimestampConf {
    Checks.required(type, "timestamp conf", "type");
    String what = "timestamp conf " + type;
    if (type == TimestampConfType.FILENAME) {
      Checks.required(filenamePattern, what, "filename_pattern");
    }
    if (type == TimestampConfType.COLUMN) {
      Checks.required(columnName, what, "column_name");
      Checks.required(columnPattern, what, "column_pattern");
    }
    pattern(filenamePattern, what, "filename_pattern");
    pattern(columnPattern, what, "column_pattern");
  }

  /** The Airflow execution date. */
  public static TimestampConf executionDate() {
    return BuildSites.mark(new TimestampConf(TimestampConfType.EXECUTION_DATE, null, null, null));
  }

  /** A date in the file name, e.g. {@code filename("%Y%m%d")}. */
  public static TimestampConf filename(String filenamePattern) {
    return BuildSites.mark(new TimestampConf(TimestampConfType.FILENAME, filenamePattern, null, null));
  }

  /** A column of each record, e.g. {@code column("date", "%y%m%d")}. */
  public static TimestampConf column(String columnName, String columnPattern) {
    return BuildSites.mark(new TimestampConf(TimestampConfType.COLUMN, null, columnName, columnPattern));
  }

  /** The last-modified time of the file. */
  public static TimestampConf filenameLastModify() {
    return BuildSites.mark(new TimestampConf(TimestampConfType.FILENAME_LAST_MODIFY, null, null, null));
  }

  private static void pattern(String pattern, String what, String key) {
    if (pattern == null) {
      return;
    }
    try {
      DateFormats.toSparkPattern(pattern);
    } catch (IllegalArgumentException e) {
      Checks.check(false, ProblemCode.DATE_FORMAT_INVALID, key,
          "Cannot build " + what + ": " + key + " is not a valid date pattern: " + e.getMessage());
    }
  }
}
