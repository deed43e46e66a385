package io.vigil.api.serde;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns records into a plain tree (maps, lists, strings, numbers, booleans) in canonical form:
 * record keys in declaration order with {@code type} first for variants, map keys sorted, and
 * absent values (null, empty collections, false and zero primitives) left out.
 */
final class Encoder {
  private Encoder() {}

  static Object encode(Object value) {
    if (value == null || value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Integer || value instanceof Long) {
      return ((Number) value).longValue();
    }
    if (value instanceof Double || value instanceof Float) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Enum<?> e) {
      return e.name();
    }
    if (value instanceof LocalDate || value instanceof LocalDateTime || value instanceof Instant || value instanceof Duration) {
      return value.toString();
    }
    if (value instanceof Collection<?> items) {
      List<Object> out = new ArrayList<>(items.size());
      items.forEach(item -> out.add(encode(item)));
      return out;
    }
    if (value instanceof Map<?, ?> map) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      map.forEach((k, v) -> sorted.put(String.valueOf(k), encode(v)));
      return new LinkedHashMap<>(sorted);
    }
    if (value.getClass().isRecord()) {
      return record(value);
    }
    throw new IllegalStateException("Cannot encode " + value.getClass().getName());
  }

  private static Map<String, Object> record(Object value) {
    RecordModel model = RecordModel.of(value.getClass());
    Map<String, Object> out = new LinkedHashMap<>();
    if (model.variantName != null) {
      out.put("type", model.variantName);
    }
    for (RecordModel.Component c : model.components) {
      Object v;
      try {
        v = c.accessor().invoke(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (isAbsent(v, c.rawType())) {
        continue;
      }
      out.put(c.key(), encode(v));
    }
    return out;
  }

  private static boolean isAbsent(Object v, Class<?> type) {
    if (v == null) {
      return true;
    }
    if (v instanceof Collection<?> c) {
      return c.isEmpty();
    }
    if (v instanceof Map<?, ?> m) {
      return m.isEmpty();
    }
    if (type.isPrimitive()) {
      return v.equals(false) || v.equals(0) || v.equals(0L) || v.equals(0.0);
    }
    return false;
  }
}
