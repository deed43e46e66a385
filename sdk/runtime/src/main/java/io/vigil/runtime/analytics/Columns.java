package io.vigil.runtime.analytics;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;

/** Column helpers for the analytics packages: names are always quoted, never parsed as SQL. */
public final class Columns {
  private Columns() {}

  /** The column named exactly {@code name} (dots and back-ticks in it are part of the name). */
  public static Column col(String name) {
    return functions.col(quote(name));
  }

  /** {@code name} as a quoted Spark SQL identifier. */
  public static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  /** True where the double value is absent: null, NaN or ±infinity. */
  public static Column missing(Column x) {
    return x.isNull().or(functions.isnan(x)).or(x.equalTo(Double.POSITIVE_INFINITY)).or(x.equalTo(Double.NEGATIVE_INFINITY));
  }
}
