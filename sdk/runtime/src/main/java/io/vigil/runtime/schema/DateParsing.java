package io.vigil.runtime.schema;

import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;
import static org.apache.spark.sql.functions.year;

import io.vigil.api.dataset.DateFormats;
import java.time.LocalDateTime;
import org.apache.spark.sql.Column;

/** Parses text with a ThetaRay date format, reading two-digit years as strftime does (see {@link DateFormats#hasTwoDigitYear}). */
public final class DateParsing {
  private DateParsing() {}

  /** {@code text} as a timestamp; null where it does not match {@code format}. */
  public static Column timestamp(Column text, String format) {
    Column parsed = to_timestamp(text, DateFormats.toSparkPattern(format));
    if (!DateFormats.hasTwoDigitYear(format)) {
      return parsed;
    }
    return when(year(parsed).geq(DateFormats.PIVOT_YEAR), parsed.minus(expr("INTERVAL 100 YEARS"))).otherwise(parsed);
  }

  /** The same century rule for a value parsed in Java with the format's Spark pattern. */
  public static LocalDateTime century(LocalDateTime parsed, String format) {
    return parsed != null && DateFormats.hasTwoDigitYear(format) && parsed.getYear() >= DateFormats.PIVOT_YEAR
        ? parsed.minusYears(100) : parsed;
  }
}
