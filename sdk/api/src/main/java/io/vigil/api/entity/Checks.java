package io.vigil.api.entity;

import io.vigil.api.validation.InvalidValueException;
import io.vigil.api.validation.ProblemCode;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Local invariants for record constructors. Every failure is an {@link InvalidValueException}
 * with a code and the offending attribute's key, and a message "Cannot build &lt;what&gt;: …".
 */
public final class Checks {
  private Checks() {}

  /** A required attribute. */
  public static <T> T required(T value, String what, String key) {
    if (value == null || (value instanceof String s && s.isBlank())) {
      throw new InvalidValueException(
          ProblemCode.MISSING_REQUIRED, key, "Cannot build " + what + ": " + key + " is required");
    }
    return value;
  }

  /** An entity identifier: required and lower snake case. */
  public static String entityIdentifier(String value, String kind) {
    return identifier(value, kind, "identifier", Identifiers.ENTITY);
  }

  /** A required identifier matching {@code pattern}. */
  public static String identifier(String value, String what, String key, Pattern pattern) {
    required(value, what, key);
    if (!pattern.matcher(value).matches()) {
      throw new InvalidValueException(
          ProblemCode.IDENTIFIER_MALFORMED,
          key,
          "Cannot build " + what + ": " + key + " must match " + pattern.pattern() + ": '" + value + "'");
    }
    return value;
  }

  /** An optional identifier: null is allowed, anything else must match {@code pattern}. */
  public static String optionalIdentifier(String value, String what, String key, Pattern pattern) {
    return value == null ? null : identifier(value, what, key, pattern);
  }

  public static void check(boolean condition, ProblemCode code, String key, String message) {
    if (!condition) {
      throw new InvalidValueException(code, key, message);
    }
  }

  /** Fails with INVALID_VALUE at {@code key} unless {@code condition}. */
  public static void valid(boolean condition, String what, String key, String reason) {
    check(condition, ProblemCode.INVALID_VALUE, key, "Cannot build " + what + ": " + key + " " + reason);
  }

  public static Integer positive(Integer value, String what, String key) {
    if (value != null) {
      valid(value > 0, what, key, "must be positive: " + value);
    }
    return value;
  }

  public static Integer nonNegative(Integer value, String what, String key) {
    if (value != null) {
      valid(value >= 0, what, key, "must not be negative: " + value);
    }
    return value;
  }

  /** An immutable copy; null becomes empty. Null elements are rejected. */
  public static <T> List<T> list(List<T> value) {
    return value == null ? List.of() : List.copyOf(value);
  }

  /** An immutable copy; null becomes empty. Null keys or values are rejected. */
  public static <K, V> Map<K, V> map(Map<K, V> value) {
    return value == null ? Map.of() : Map.copyOf(value);
  }

  /** A free-form map (annotations, parameters, Spark conf): values normalised so that serde round-trips. */
  public static Map<String, Object> freeForm(Map<String, ?> value) {
    return FreeForm.normalizeMap(value);
  }

  public static <T> T orDefault(T value, T fallback) {
    return value == null ? Objects.requireNonNull(fallback) : value;
  }
}
