package io.vigil.api.docs;

import io.vigil.api.serde.Canonical;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether each component of a record is required, and its default, as stated by the record's
 * compact constructor: {@code Checks.required(x, …)} and its kin make a key required (inside an
 * {@code if}, conditionally), {@code x = Checks.orDefault(x, v)} and {@code x = x == null ? v : x}
 * give a default, which is evaluated so that the reference shows the real value. A default the
 * reader cannot evaluate fails, so the reference never shows a guess.
 */
final class Requirements {
  private static final Pattern REQUIRED_CALL =
      Pattern.compile("\\bChecks\\.(?:required|identifier|entityIdentifier)\\(\\s*(\\w+)\\s*,");
  /** A static helper named check… that takes the value first, e.g. {@code LandingFolders.check(folder, …)}. */
  private static final Pattern HELPER_CHECK = Pattern.compile("^(?!Checks\\.)[A-Z]\\w*\\.check\\w*\\(\\s*(\\w+)\\s*,");
  private static final Pattern NOT_EMPTY = Pattern.compile("^Checks\\.(?:valid|check)\\(\\s*!\\s*(\\w+)\\.isEmpty\\(\\)");
  private static final Pattern POSITIVE = Pattern.compile("(?:^|[=(]\\s*)Checks\\.(?:positive|valid)\\(\\s*(\\w+)\\s*(?:,|>)");
  private static final Pattern MISSING_REQUIRED_KEY =
      Pattern.compile("^Checks\\.check\\(.*,\\s*ProblemCode\\.MISSING_REQUIRED\\s*,\\s*\"(\\w+)\"");
  private static final Pattern ASSIGNMENT = Pattern.compile("^(\\w+)\\s*=\\s*(.+)$");
  private static final Pattern TERNARY = Pattern.compile("^(\\w+)\\s*==\\s*null\\s*\\?\\s*(.+?)\\s*:\\s*(\\w+)$");
  private static final Pattern HELPER_CALL = Pattern.compile("^([A-Z]\\w*)\\.(\\w+)\\(\\s*(\\w+)\\s*\\)$");
  private static final Pattern IF_EQUALS = Pattern.compile("^if \\(\\s*(\\w+)\\s*==\\s*(?:\\w+\\.)?(\\w+)\\s*\\)$");
  private static final Pattern IF_EMPTY = Pattern.compile("^if \\(\\s*(\\w+)\\.isEmpty\\(\\)\\s*\\)$");

  private Requirements() {}

  /** The "required / default" text of each component key of {@code record}, in component order. */
  static Map<String, String> of(Class<?> record, JavaSource source) {
    Map<String, RecordComponent> byName = new LinkedHashMap<>();
    Map<String, String> nameByKey = new LinkedHashMap<>();
    for (RecordComponent rc : record.getRecordComponents()) {
      byName.put(rc.getName(), rc);
      nameByKey.put(ModelWalk.key(rc.getName()), rc.getName());
    }
    Map<String, String> required = new LinkedHashMap<>();
    Map<String, String> defaults = new LinkedHashMap<>();
    for (JavaSource.Statement s : source.compactConstructor(record)) {
      String text = s.text();
      String header = s.enclosing().isEmpty() ? null : s.enclosing().get(s.enclosing().size() - 1);
      boolean topLevel = s.enclosing().isEmpty();
      String name = first(REQUIRED_CALL, text);
      if (name == null) {
        name = first(HELPER_CHECK, text);
      }
      if (name != null && byName.containsKey(name)) {
        required.putIfAbsent(name, topLevel ? "**required**" : conditional(header, byName));
      }
      String notEmpty = first(NOT_EMPTY, text);
      if (notEmpty != null && byName.containsKey(notEmpty) && isCollection(byName.get(notEmpty))) {
        required.putIfAbsent(notEmpty, topLevel ? "**required** (not empty)" : conditional(header, byName));
      }
      String positive = first(POSITIVE, text);
      if (topLevel && positive != null && byName.containsKey(positive)
          && byName.get(positive).getType().isPrimitive() && byName.get(positive).getType() != boolean.class) {
        required.putIfAbsent(positive, "**required**");
      }
      String missingKey = first(MISSING_REQUIRED_KEY, text);
      if (missingKey != null && nameByKey.containsKey(missingKey)) {
        boolean plain = text.matches("^Checks\\.check\\(\\s*!\\s*" + nameByKey.get(missingKey) + "\\.isEmpty\\(\\)\\s*,.*");
        required.putIfAbsent(nameByKey.get(missingKey),
            topLevel && plain ? "**required** (not empty)" : conditional(topLevel ? null : header, byName));
      }
      Matcher assignment = ASSIGNMENT.matcher(text);
      if (assignment.matches() && byName.containsKey(assignment.group(1))) {
        String target = assignment.group(1);
        String expression = defaultExpression(target, assignment.group(2), header);
        if (expression != null && (topLevel || isEmptyCheck(header, target))) {
          defaults.putIfAbsent(target, describe(record, source, byName, target, expression));
        }
      }
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (RecordComponent rc : record.getRecordComponents()) {
      String name = rc.getName();
      String text;
      if (defaults.containsKey(name) && defaults.get(name) != null) {
        text = defaults.get(name);
      } else if (required.containsKey(name)) {
        text = required.get(name);
      } else if (rc.getType() == boolean.class) {
        text = "default `false`";
      } else {
        text = "optional";
      }
      out.put(ModelWalk.key(name), text);
    }
    return out;
  }

  private static String first(Pattern pattern, String text) {
    Matcher m = pattern.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  private static boolean isCollection(RecordComponent rc) {
    return Collection.class.isAssignableFrom(rc.getType()) || Map.class.isAssignableFrom(rc.getType());
  }

  private static boolean isEmptyCheck(String header, String target) {
    Matcher m = header == null ? null : IF_EMPTY.matcher(header);
    return m != null && m.matches() && m.group(1).equals(target);
  }

  private static String conditional(String header, Map<String, RecordComponent> byName) {
    Matcher m = header == null ? null : IF_EQUALS.matcher(header);
    if (m != null && m.matches() && byName.containsKey(m.group(1))) {
      return "required when `" + ModelWalk.key(m.group(1)) + "` is `" + m.group(2) + "`";
    }
    return "conditional (see description)";
  }

  /** The default expression assigned to {@code target}, or null when the assignment is no default. */
  private static String defaultExpression(String target, String rhs, String header) {
    if (isEmptyCheck(header, target)) {
      return rhs;
    }
    int call = rhs.indexOf("Checks.orDefault(");
    if (call >= 0) {
      List<String> args = arguments(rhs, call + "Checks.orDefault(".length());
      return args.size() == 2 && args.get(0).equals(target) ? args.get(1) : null;
    }
    Matcher ternary = TERNARY.matcher(rhs);
    if (ternary.matches() && ternary.group(1).equals(target) && ternary.group(3).equals(target)) {
      return ternary.group(2);
    }
    Matcher helper = HELPER_CALL.matcher(rhs);
    if (helper.matches() && !helper.group(1).equals("Checks") && helper.group(3).equals(target)) {
      return rhs;
    }
    return null;
  }

  /** The comma-separated arguments of the call whose '(' ends just before {@code start}. */
  private static List<String> arguments(String text, int start) {
    List<String> out = new ArrayList<>();
    int depth = 0;
    StringBuilder current = new StringBuilder();
    for (int i = start; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' || c == '\'') {
        int end = JavaSource.literalEnd(text, i);
        current.append(text, i, end);
        i = end - 1;
        continue;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')' && depth-- == 0) {
        out.add(current.toString().strip());
        return out;
      } else if (c == ',' && depth == 0) {
        out.add(current.toString().strip());
        current.setLength(0);
        continue;
      }
      current.append(c);
    }
    throw new IllegalStateException("Unclosed call in '" + text + "'");
  }

  /** "default …" for an evaluated default; null when the default is empty (then the key is just optional). */
  private static String describe(
      Class<?> record, JavaSource source, Map<String, RecordComponent> byName, String target, String expression) {
    if (byName.containsKey(expression)) {
      return "default: the value of `" + ModelWalk.key(expression) + "`";
    }
    Object value;
    try {
      value = evaluate(record, source, byName.get(target).getType(), expression);
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("Cannot document the default of " + record.getSimpleName() + "." + target
          + ": cannot evaluate '" + expression + "'; extend Requirements.evaluate", e);
    }
    if (value == null) {
      return null;
    }
    Object tree = Canonical.toTree(value);
    if ((tree instanceof Map<?, ?> m && m.isEmpty()) || (tree instanceof Collection<?> c && c.isEmpty())) {
      return null;
    }
    if (value.getClass().isRecord() && value.equals(allAbsent(value.getClass()))) {
      Class<?> type = value.getClass();
      return "default: a " + Markdown.link(type) + " with all its defaults";
    }
    return "default " + JavadocText.code(Flow.render(tree));
  }

  /** An instance of {@code record} built with every component absent, or null when that is not allowed. */
  private static Object allAbsent(Class<?> record) {
    RecordComponent[] rcs = record.getRecordComponents();
    Class<?>[] types = new Class<?>[rcs.length];
    Object[] args = new Object[rcs.length];
    for (int i = 0; i < rcs.length; i++) {
      types[i] = rcs[i].getType();
      args[i] = absent(types[i]);
    }
    try {
      Constructor<?> constructor = record.getDeclaredConstructor(types);
      constructor.setAccessible(true);
      return constructor.newInstance(args);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static Object absent(Class<?> type) {
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
    return null;
  }

  /**
   * Evaluates a default expression: a literal, a constant of the record ({@code DEFAULT_X}), a
   * qualified constant ({@code ExtractMode.FULL}), or a static call on literals or on the absent value
   * ({@code Duration.ofSeconds(1)}, {@code TargetValues.auth(auth)}).
   */
  private static Object evaluate(Class<?> record, JavaSource source, Class<?> targetType, String expression)
      throws ReflectiveOperationException {
    String e = expression.strip();
    Object literal = literal(e, targetType);
    if (literal != NOT_LITERAL) {
      return literal;
    }
    if (e.matches("[A-Z][A-Z0-9_]*")) {
      return staticField(record, e);
    }
    Matcher qualified = Pattern.compile("^([A-Z]\\w*)\\.([A-Z][A-Z0-9_]*)$").matcher(e);
    if (qualified.matches()) {
      return staticField(resolve(record, source, qualified.group(1)), qualified.group(2));
    }
    Matcher call = Pattern.compile("^([A-Z]\\w*)\\.(\\w+)\\((.*)\\)$").matcher(e);
    if (call.matches()) {
      Class<?> owner = resolve(record, source, call.group(1));
      List<String> args = call.group(3).isBlank() ? List.of() : arguments(call.group(3) + ")", 0);
      Method[] methods = owner.getDeclaredMethods();
      java.util.Arrays.sort(methods, java.util.Comparator.comparing(Method::toString));
      for (Method m : methods) {
        if (m.getName().equals(call.group(2)) && Modifier.isStatic(m.getModifiers())
            && m.getParameterCount() == args.size()) {
          Object[] values = new Object[args.size()];
          for (int i = 0; i < values.length; i++) {
            Class<?> p = m.getParameterTypes()[i];
            Object v = literal(args.get(i), p);
            values[i] = v == NOT_LITERAL ? absent(p) : v;
          }
          m.setAccessible(true);
          return m.invoke(null, values);
        }
      }
    }
    throw new IllegalArgumentException("unsupported expression");
  }

  private static final Object NOT_LITERAL = new Object();

  private static Object literal(String e, Class<?> type) {
    if (e.equals("true") || e.equals("false")) {
      return Boolean.parseBoolean(e);
    }
    if (e.equals("null")) {
      return null;
    }
    if (e.matches("-?[0-9][0-9_]*[lL]?")) {
      long n = Long.parseLong(e.replace("_", "").replaceAll("[lL]$", ""));
      if (type == int.class || type == Integer.class) {
        return (int) n;
      }
      return n;
    }
    if (e.matches("-?[0-9][0-9_]*\\.[0-9_]+")) {
      return Double.parseDouble(e.replace("_", ""));
    }
    if (e.startsWith("\"") && e.endsWith("\"") && e.length() >= 2) {
      return e.substring(1, e.length() - 1)
          .replace("\\\"", "\"").replace("\\n", "\n").replace("\\t", "\t").replace("\\\\", "\\");
    }
    return NOT_LITERAL;
  }

  private static Object staticField(Class<?> owner, String name) throws ReflectiveOperationException {
    java.lang.reflect.Field field = owner.getDeclaredField(name);
    field.setAccessible(true);
    return field.get(null);
  }

  /** A simple class name as the record's source sees it: imported, in the same package, or in java.lang. */
  private static Class<?> resolve(Class<?> record, JavaSource source, String simpleName) throws ClassNotFoundException {
    Matcher imported = Pattern.compile("(?m)^import\\s+([\\w.]+\\." + simpleName + ");").matcher(source.text(record));
    if (imported.find()) {
      return Class.forName(imported.group(1));
    }
    for (String candidate : List.of(record.getPackageName() + "." + simpleName, "java.lang." + simpleName)) {
      try {
        return Class.forName(candidate);
      } catch (ClassNotFoundException ignored) {
        // try the next place
      }
    }
    throw new ClassNotFoundException(simpleName + " as seen from " + record.getName());
  }
}
