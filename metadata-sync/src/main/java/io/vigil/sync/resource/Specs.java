package io.vigil.sync.resource;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Specs are JSON trees. They are normalised (sorted keys, JSON number types) so that a spec read
 * back from Postgres' jsonb, which reorders keys, equals the spec built from the solution.
 */
public final class Specs {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  private Specs() {}

  /** An immutable copy with sorted keys and the number types JSON parsing gives. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> normalize(Map<String, Object> spec) {
    try {
      Object parsed = JSON.readValue(JSON.writeValueAsString(spec), Object.class);
      return (Map<String, Object>) freeze(parsed);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot normalise a resource spec: " + e.getMessage(), e);
    }
  }

  /** Reads a spec from JSON text. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String json) {
    try {
      return (Map<String, Object>) freeze(JSON.readValue(json, Object.class));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("Cannot read a recorded resource spec: " + e.getMessage(), e);
    }
  }

  /** Compact JSON with sorted keys. */
  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String hash(Map<String, Object> spec) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(toJson(spec).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Object freeze(Object value) {
    if (value instanceof Map<?, ?> map) {
      TreeMap<String, Object> out = new TreeMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), freeze(v)));
      return Collections.unmodifiableMap(out);
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(v -> out.add(freeze(v)));
      return Collections.unmodifiableList(out);
    }
    return value;
  }
}
