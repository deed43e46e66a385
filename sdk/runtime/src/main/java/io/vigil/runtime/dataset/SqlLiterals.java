package io.vigil.runtime.dataset;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** SQL literals for Spark expressions and Delta predicates, interpreted in the session time zone (UTC). */
public final class SqlLiterals {
  private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS");

  private SqlLiterals() {}

  public static String timestamp(LocalDateTime value) {
    return "TIMESTAMP '" + FORMAT.format(value) + "'";
  }

  public static String string(String value) {
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
  }
}
