package io.vigil.api.serde;

import java.util.concurrent.ConcurrentHashMap;

/** Maps Java component names to the guide's snake_case keys: {@code fieldList} → {@code field_list}. */
final class KeyNames {
  private static final ConcurrentHashMap<String, String> CACHE = new ConcurrentHashMap<>();

  private KeyNames() {}

  static String snake(String camel) {
    return CACHE.computeIfAbsent(camel, KeyNames::convert);
  }

  private static String convert(String camel) {
    StringBuilder out = new StringBuilder(camel.length() + 4);
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      if (Character.isUpperCase(c)) {
        if (i > 0) {
          out.append('_');
        }
        out.append(Character.toLowerCase(c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Edit distance, for "did you mean" hints on unknown keys. */
  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] = Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
