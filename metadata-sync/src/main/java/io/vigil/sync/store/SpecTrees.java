package io.vigil.sync.store;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reading spec trees (maps, lists, scalars) the way the change rules need them. */
final class SpecTrees {
  private SpecTrees() {}

  /** The items of a list of maps by the value of {@code key}; items without it are left out. */
  @SuppressWarnings("unchecked")
  static Map<String, Map<String, Object>> byLabel(Object list, String key) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (list instanceof List<?> l) {
      for (Object item : l) {
        if (item instanceof Map<?, ?> m && m.get(key) instanceof String label) {
          out.put(label, (Map<String, Object>) m);
        }
      }
    }
    return out;
  }

  static boolean bool(Object value) {
    return Boolean.TRUE.equals(value);
  }

  static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }
}
