package io.vigil.sync.dag;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Python literals for values in rendered DAG files: strings, numbers, booleans, None, lists and dicts (keys sorted). */
final class PythonLiterals {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PythonLiterals() {}

  static String of(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean b) {
      return b ? "True" : "False";
    }
    if (value instanceof Number n) {
      return n.toString();
    }
    if (value instanceof CharSequence s) {
      try {
        // A JSON string literal is a valid Python string literal with the same value.
        return JSON.writeValueAsString(s.toString());
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      Iterator<? extends Map.Entry<?, ?>> it = new TreeMap<>(stringKeys(map)).entrySet().iterator();
      while (it.hasNext()) {
        Map.Entry<?, ?> e = it.next();
        out.append(of(e.getKey())).append(": ").append(of(e.getValue()));
        if (it.hasNext()) {
          out.append(", ");
        }
      }
      return out.append('}').toString();
    }
    if (value instanceof List<?> list) {
      StringBuilder out = new StringBuilder("[");
      for (int i = 0; i < list.size(); i++) {
        out.append(i > 0 ? ", " : "").append(of(list.get(i)));
      }
      return out.append(']').toString();
    }
    throw new IllegalArgumentException("Cannot render " + value.getClass().getName() + " as a Python literal");
  }

  private static Map<String, Object> stringKeys(Map<?, ?> map) {
    Map<String, Object> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }
}
