package io.vigil.sync.store;

import io.vigil.api.dataset.DataType;
import java.util.Map;

/** The CDD's Postgres types as Vigil data types, to tell widening from narrowing. */
final class PostgresTypes {
  private static final Map<String, DataType> TYPES = Map.of(
      "integer", DataType.INT,
      "bigint", DataType.LONG,
      "double precision", DataType.DOUBLE,
      "text", DataType.STRING,
      "boolean", DataType.BOOLEAN,
      "timestamp", DataType.TIMESTAMP);

  private PostgresTypes() {}

  /** True when {@code alter column … type to using col::to} keeps every value of {@code from}. */
  static boolean canWiden(String from, String to) {
    boolean fromArray = from.endsWith("[]");
    if (fromArray != to.endsWith("[]")) {
      return false;
    }
    DataType a = TYPES.get(fromArray ? from.substring(0, from.length() - 2) : from);
    DataType b = TYPES.get(fromArray ? to.substring(0, to.length() - 2) : to);
    return a != null && b != null && a.canWidenTo(b);
  }
}
