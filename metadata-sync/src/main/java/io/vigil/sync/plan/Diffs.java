package io.vigil.sync.plan;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Property diffs between two spec trees. Lists whose items all have a {@code name} or
 * {@code identifier} are matched by it, so an added column is one diff at {@code columns[x]}
 * rather than one per attribute; other lists are compared whole.
 */
final class Diffs {
  private Diffs() {}

  static List<PropertyDiff> between(Map<String, Object> before, Map<String, Object> after) {
    List<PropertyDiff> out = new ArrayList<>();
    diff("", before, after, out);
    return out;
  }

  @SuppressWarnings("unchecked")
  private static void diff(String path, Object a, Object b, List<PropertyDiff> out) {
    if (Objects.equals(a, b)) {
      return;
    }
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      Set<String> keys = new TreeSet<>();
      ma.keySet().forEach(k -> keys.add((String) k));
      mb.keySet().forEach(k -> keys.add((String) k));
      for (String k : keys) {
        diff(path.isEmpty() ? k : path + "." + k, ma.get(k), mb.get(k), out);
      }
      return;
    }
    if (a instanceof List<?> la && b instanceof List<?> lb) {
      Map<String, Object> ka = keyed((List<Object>) la);
      Map<String, Object> kb = keyed((List<Object>) lb);
      if (ka != null && kb != null) {
        Set<String> labels = new LinkedHashSet<>(ka.keySet());
        labels.addAll(kb.keySet());
        int before = out.size();
        for (String label : labels) {
          diff(path + "[" + label + "]", ka.get(label), kb.get(label), out);
        }
        if (out.size() == before) {
          // Same items, different order.
          out.add(new PropertyDiff(path, List.copyOf(ka.keySet()), List.copyOf(kb.keySet())));
        }
        return;
      }
    }
    out.add(new PropertyDiff(path, a, b));
  }

  /** Items by their name or identifier, or null when the list is not keyed that way. */
  private static Map<String, Object> keyed(List<Object> list) {
    if (list.isEmpty()) {
      return new LinkedHashMap<>();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Object item : list) {
      if (!(item instanceof Map<?, ?> m)) {
        return null;
      }
      Object label = m.get("name") != null ? m.get("name") : m.get("identifier");
      if (!(label instanceof String s) || out.containsKey(s)) {
        return null;
      }
      out.put(s, item);
    }
    return out;
  }
}
