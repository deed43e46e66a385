package io.vigil.api.serde;

import io.vigil.api.entity.FreeForm;
import io.vigil.api.source.SourceLocation;
import io.vigil.api.time.TimeText;
import io.vigil.api.validation.InvalidValueException;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Turns a {@link Node} tree into records, collecting every problem instead of stopping at the
 * first. A value that fails to decode is returned as null and its parents are not built.
 */
final class Decoder {
  /** Keys whose value names a list item in paths, in order of preference. */
  static final List<String> LABEL_KEYS = List.of("identifier", "name", "task_id", "dataset_name");


  private final List<Problem> problems;

  Decoder(List<Problem> problems) {
    this.problems = problems;
  }

  Object decode(Node node, Type type, String path) {
    Class<?> raw = rawClass(type);
    if (raw == Object.class) {
      return freeForm(node, path);
    }
    if (raw == List.class) {
      return list(node, elementType(type, 0), path);
    }
    if (raw == Map.class) {
      return map(node, elementType(type, 0), elementType(type, 1), path);
    }
    if (raw.isRecord()) {
      return record(node, raw, path, false);
    }
    if (RecordModel.isPolymorphic(raw)) {
      return variant(node, raw, path);
    }
    return scalar(node, raw, path);
  }

  private Object variant(Node node, Class<?> sealed, String path) {
    if (!(node instanceof MapNode map)) {
      return wrongType(node, path, "a mapping");
    }
    RecordModel.Variants variants = RecordModel.variants(sealed);
    String name = map.text("type");
    if (name == null) {
      if (variants.defaultName() == null) {
        return fail(ProblemCode.MISSING_REQUIRED, path, node.location(),
            "Cannot read " + path + ": type is required, one of " + new java.util.TreeSet<>(variants.byName().keySet()));
      }
      name = variants.defaultName();
    }
    Class<?> target = variants.byName().get(name.toLowerCase(Locale.ROOT));
    if (target == null) {
      Node typeNode = map.get("type");
      return fail(ProblemCode.UNKNOWN_TYPE, join(path, "type"), typeNode.location(),
          "Cannot read " + path + ": unknown type '" + name + "', expected one of "
              + new java.util.TreeSet<>(variants.byName().keySet()));
    }
    return record(map, target, path, true);
  }

  private Object record(Node node, Class<?> type, String path, boolean typeKeyAllowed) {
    if (!(node instanceof MapNode map)) {
      return wrongType(node, path, "a mapping");
    }
    RecordModel model = RecordModel.of(type);
    int before = problems.size();
    for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
      String key = entry.getKey();
      if (!model.byKey.containsKey(key) && !(typeKeyAllowed && key.equals("type"))) {
        fail(ProblemCode.UNKNOWN_KEY, join(path, key), entry.getValue().location(),
            "Cannot read " + path + ": unknown key '" + key + "'" + suggestion(key, model));
      }
    }
    Object[] args = new Object[model.components.size()];
    for (int i = 0; i < args.length; i++) {
      RecordModel.Component c = model.components.get(i);
      Node child = map.get(c.key());
      if (child == null || (child instanceof ScalarNode s && s.kind() == ScalarKind.NULL)) {
        args[i] = absent(c.rawType());
      } else {
        args[i] = decode(child, c.type(), join(path, c.key()));
      }
    }
    if (problems.size() > before) {
      return null;
    }
    try {
      return model.constructor.newInstance(args);
    } catch (InvocationTargetException e) {
      Throwable cause = e.getCause();
      if (cause instanceof InvalidValueException invalid) {
        SourceLocation where = locate(map, invalid.path());
        return fail(invalid.code(), join(path, invalid.path()), where, invalid.getMessage());
      }
      if (cause instanceof IllegalArgumentException || cause instanceof NullPointerException) {
        return fail(ProblemCode.INVALID_VALUE, path, map.location(), "Cannot read " + path + ": " + cause.getMessage());
      }
      throw new IllegalStateException("Cannot build " + type.getSimpleName() + " at " + path, cause);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private Object list(Node node, Type element, String path) {
    if (!(node instanceof ListNode list)) {
      return wrongType(node, path, "a list");
    }
    int before = problems.size();
    List<Object> out = new ArrayList<>(list.items().size());
    for (int i = 0; i < list.items().size(); i++) {
      Node item = list.items().get(i);
      out.add(decode(item, element, path + "[" + label(item, i) + "]"));
    }
    return problems.size() > before ? null : out;
  }

  private Object map(Node node, Type keyType, Type valueType, String path) {
    if (!(node instanceof MapNode map)) {
      return wrongType(node, path, "a mapping");
    }
    int before = problems.size();
    Map<Object, Object> out = new LinkedHashMap<>();
    Class<?> keyClass = rawClass(keyType);
    for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
      String childPath = join(path, entry.getKey());
      Object key = mapKey(entry.getKey(), keyClass, childPath, entry.getValue().location());
      Object value = decode(entry.getValue(), valueType, childPath);
      if (key != null) {
        out.put(key, value);
      }
    }
    return problems.size() > before ? null : out;
  }

  private Object mapKey(String key, Class<?> keyClass, String path, SourceLocation location) {
    if (keyClass == String.class || keyClass == Object.class) {
      return key;
    }
    return scalar(new ScalarNode(guessKind(key), key, location), keyClass, path);
  }

  private static ScalarKind guessKind(String text) {
    return text.matches("[-+]?\\d+") ? ScalarKind.INTEGER : ScalarKind.STRING;
  }

  private Object freeForm(Node node, String path) {
    if (node instanceof MapNode map) {
      Map<String, Object> out = new LinkedHashMap<>();
      int before = problems.size();
      map.entries().forEach((k, v) -> out.put(k, freeForm(v, join(path, k))));
      return problems.size() > before ? null : FreeForm.normalizeMap(out);
    }
    if (node instanceof ListNode list) {
      List<Object> out = new ArrayList<>();
      int before = problems.size();
      for (int i = 0; i < list.items().size(); i++) {
        out.add(freeForm(list.items().get(i), path + "[" + i + "]"));
      }
      return problems.size() > before ? null : List.copyOf(out);
    }
    ScalarNode s = (ScalarNode) node;
    return switch (s.kind()) {
      case STRING -> s.text();
      case BOOLEAN -> parseBoolean(s.text());
      case INTEGER -> {
        BigInteger big = parseInteger(s.text());
        yield big != null && big.bitLength() < 64 ? (Object) big.longValue() : s.text();
      }
      case FLOAT -> parseDouble(s.text());
      case NULL -> fail(ProblemCode.WRONG_TYPE, path, s.location(),
          "Cannot read " + path + ": null is not allowed here; remove the key instead");
    };
  }

  private Object scalar(Node node, Class<?> type, String path) {
    if (!(node instanceof ScalarNode s)) {
      return wrongType(node, path, expected(type));
    }
    String text = s.text();
    if (type == String.class) {
      return text;
    }
    if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
      BigInteger value = s.kind() == ScalarKind.INTEGER ? parseInteger(text) : null;
      if (value == null) {
        return wrongType(node, path, "an integer");
      }
      boolean isInt = type == int.class || type == Integer.class;
      if (value.bitLength() >= (isInt ? 32 : 64)) {
        return fail(ProblemCode.INVALID_VALUE, path, s.location(), "Cannot read " + path + ": integer is out of range: " + text);
      }
      return isInt ? (Object) value.intValue() : (Object) value.longValue();
    }
    if (type == double.class || type == Double.class) {
      if (s.kind() != ScalarKind.INTEGER && s.kind() != ScalarKind.FLOAT) {
        return wrongType(node, path, "a number");
      }
      return parseDouble(text);
    }
    if (type == boolean.class || type == Boolean.class) {
      if (s.kind() != ScalarKind.BOOLEAN) {
        return wrongType(node, path, "a boolean");
      }
      return parseBoolean(text);
    }
    if (type.isEnum()) {
      return enumValue(s, type, path);
    }
    try {
      if (type == LocalDate.class) {
        return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
      }
      if (type == LocalDateTime.class) {
        return parseDateTime(text);
      }
      if (type == Instant.class) {
        return Instant.parse(text);
      }
      if (type == Duration.class) {
        return parseDuration(text);
      }
    } catch (DateTimeParseException | IllegalArgumentException e) {
      return fail(ProblemCode.INVALID_VALUE, path, s.location(),
          "Cannot read " + path + ": not " + expected(type) + ": '" + text + "'");
    }
    throw new IllegalStateException("Unsupported metadata type " + type.getName() + " at " + path);
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private Object enumValue(ScalarNode s, Class<?> type, String path) {
    String wanted = s.text().trim().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
    for (Object constant : type.getEnumConstants()) {
      if (((Enum) constant).name().equals(wanted)) {
        return constant;
      }
    }
    String allowed = Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    return fail(ProblemCode.INVALID_VALUE, path, s.location(),
        "Cannot read " + path + ": '" + s.text() + "' is not one of " + allowed);
  }

  static LocalDateTime parseDateTime(String text) {
    return TimeText.dateTime(text);
  }

  static Duration parseDuration(String text) {
    return TimeText.duration(text);
  }

  private static BigInteger parseInteger(String text) {
    String t = text.replace("_", "").trim();
    int sign = 1;
    if (t.startsWith("+")) {
      t = t.substring(1);
    } else if (t.startsWith("-")) {
      sign = -1;
      t = t.substring(1);
    }
    try {
      BigInteger value;
      if (t.startsWith("0x")) {
        value = new BigInteger(t.substring(2), 16);
      } else if (t.startsWith("0o")) {
        value = new BigInteger(t.substring(2), 8);
      } else {
        value = new BigInteger(t);
      }
      return sign < 0 ? value.negate() : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Double parseDouble(String text) {
    String t = text.replace("_", "").trim().toLowerCase(Locale.ROOT);
    return switch (t) {
      case ".inf", "+.inf" -> Double.POSITIVE_INFINITY;
      case "-.inf" -> Double.NEGATIVE_INFINITY;
      case ".nan" -> Double.NaN;
      default -> Double.parseDouble(t);
    };
  }

  private static boolean parseBoolean(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "true", "yes", "y", "on" -> true;
      default -> false;
    };
  }

  private static Object absent(Class<?> type) {
    if (!type.isPrimitive()) {
      return null;
    }
    if (type == boolean.class) {
      return false;
    }
    if (type == int.class) {
      return 0;
    }
    if (type == long.class) {
      return 0L;
    }
    if (type == double.class) {
      return 0.0;
    }
    throw new IllegalStateException("Unsupported primitive " + type);
  }

  private Object wrongType(Node node, String path, String expected) {
    String found = node instanceof ScalarNode s && s.kind() != ScalarKind.NULL
        ? node.describe() + " '" + abbreviate(s.text()) + "'" : node.describe();
    return fail(ProblemCode.WRONG_TYPE, path, node.location(),
        "Cannot read " + path + ": expected " + expected + ", found " + found);
  }

  private Object fail(ProblemCode code, String path, SourceLocation location, String message) {
    problems.add(Problem.of(code, path, location, message));
    return null;
  }

  private static String expected(Class<?> type) {
    if (type == String.class) {
      return "a string";
    }
    if (type.isEnum()) {
      return "one of " + Arrays.toString(type.getEnumConstants());
    }
    if (type == LocalDate.class) {
      return "a date (YYYY-MM-DD)";
    }
    if (type == LocalDateTime.class) {
      return "a date-time (YYYY-MM-DDTHH:MM:SS)";
    }
    if (type == Instant.class) {
      return "an instant (ISO-8601 with Z)";
    }
    if (type == Duration.class) {
      return "a duration (ISO-8601 such as PT5M, or 30s, 5m, 2h, 1d)";
    }
    return "a scalar";
  }

  private static String suggestion(String key, RecordModel model) {
    return model.byKey.keySet().stream()
        .min(Comparator.comparingInt(k -> KeyNames.distance(k, key)))
        .filter(k -> KeyNames.distance(k, key) <= Math.max(2, key.length() / 3))
        .map(k -> "; did you mean '" + k + "'?")
        .orElse("; allowed keys are " + model.components.stream().map(RecordModel.Component::key).toList());
  }

  private static SourceLocation locate(MapNode map, String relative) {
    if (relative == null || relative.isEmpty()) {
      return map.location();
    }
    String first = relative.split("[.\\[]", 2)[0];
    Node child = map.get(first);
    return child != null ? child.location() : map.location();
  }

  static String label(Node item, int index) {
    if (item instanceof MapNode map) {
      for (String key : LABEL_KEYS) {
        String text = map.text(key);
        if (text != null && !text.isBlank()) {
          return text;
        }
      }
    }
    return Integer.toString(index);
  }

  static String join(String path, String key) {
    if (key == null || key.isEmpty()) {
      return path;
    }
    if (path.isEmpty()) {
      return key;
    }
    return key.startsWith("[") ? path + key : path + "." + key;
  }

  private static String abbreviate(String text) {
    return text.length() > 40 ? text.substring(0, 37) + "..." : text;
  }

  static Class<?> rawClass(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    if (type instanceof WildcardType w) {
      return rawClass(w.getUpperBounds()[0]);
    }
    throw new IllegalStateException("Unsupported metadata type " + type);
  }

  private static Type elementType(Type type, int index) {
    if (type instanceof ParameterizedType p) {
      Type arg = p.getActualTypeArguments()[index];
      return arg instanceof WildcardType w ? w.getUpperBounds()[0] : arg;
    }
    return Object.class;
  }
}
