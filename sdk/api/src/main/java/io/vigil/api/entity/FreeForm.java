package io.vigil.api.entity;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Normalises free-form values (annotations, task parameters, Spark conf) to the forms the canonical
 * decoder produces: whole numbers as Long, other numbers as Double, maps sorted by key, all
 * immutable. A value built in Java and the same value read back from JSON are then equal.
 */
public final class FreeForm {
  private FreeForm() {}

  public static Map<String, Object> normalizeMap(Map<String, ?> map) {
    if (map == null || map.isEmpty()) {
      return Map.of();
    }
    TreeMap<String, Object> sorted = new TreeMap<>();
    map.forEach((k, v) -> {
      if (k == null) {
        throw new IllegalArgumentException("Cannot normalise map: null key");
      }
      sorted.put(k, normalize(v));
    });
    return Collections.unmodifiableMap(sorted);
  }

  @SuppressWarnings("unchecked")
  public static Object normalize(Object value) {
    if (value == null) {
      throw new IllegalArgumentException("Cannot normalise value: null is not allowed in free-form metadata");
    }
    if (value instanceof String || value instanceof Boolean || value instanceof Long || value instanceof Double) {
      return value;
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte || value instanceof BigInteger) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float || value instanceof BigDecimal) {
      return ((Number) value).doubleValue();
    }
    if (value instanceof Character || value instanceof Enum<?>) {
      return value.toString();
    }
    if (value instanceof Map<?, ?> m) {
      TreeMap<String, Object> sorted = new TreeMap<>();
      m.forEach((k, v) -> sorted.put(String.valueOf(k), normalize(v)));
      return Collections.unmodifiableMap(sorted);
    }
    if (value instanceof Iterable<?> items) {
      List<Object> out = new ArrayList<>();
      items.forEach(v -> out.add(normalize(v)));
      return List.copyOf(out);
    }
    if (value instanceof Object[] array) {
      return normalize(List.of(array));
    }
    throw new IllegalArgumentException(
        "Cannot normalise value: " + value.getClass().getName() + " is not a string, number, boolean, list or map");
  }
}
