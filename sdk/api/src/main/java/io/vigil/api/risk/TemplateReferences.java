package io.vigil.api.risk;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds what a risk's SQL and Jinja texts refer to (S1 §7.2–7.3, §12.4, §13.4.2). The validator
 * uses it to check that every reference names something the risk defines, and the decisioning
 * runtime uses it to substitute values: each reference carries its position in the text.
 *
 * <p>SQL texts (variable expressions, conditions and outputs, enrichment SQL, annotation values,
 * display settings) use brace references {@code {parameters.x}}, {@code {variables.x}},
 * {@code {enrichments.x}}, {@code {resources.x}}, {@code {context.execution_date}},
 * {@code {activity.x}} and {@code {input_hash}}, bare {@code activity.<column>} columns, and may
 * embed Jinja such as {@code {{ classify_by_priority('aml') }}}.
 *
 * <p>Jinja templates (the {@code dynamic_*} attributes) use, inside {@code {{ }}} and
 * {@code {% %}}: {@code parameters.x}, {@code variables.x}, {@code enrichments.x},
 * {@code activity.x}, feature metadata by rank {@code step[rank].attribute} (rank from 0) and
 * {@code classify_by_priority('group')}.
 */
public final class TemplateReferences {
  /** What a reference names. */
  public enum Kind {
    /** A risk parameter: {@code {parameters.x}} or {@code parameters.x} in Jinja. */
    PARAMETER,
    /** A risk variable: {@code {variables.x}} or {@code variables.x} in Jinja. */
    VARIABLE,
    /** An enrichment output column: {@code {enrichments.x}} or {@code enrichments.x} in Jinja. */
    ENRICHMENT,
    /** A risk resource: {@code {resources.x}}. */
    RESOURCE,
    /** An attribute of the job context: {@code {context.execution_date}}. */
    CONTEXT,
    /** The hash of the activity's hashed fields and variables: {@code {input_hash}}. */
    INPUT_HASH,
    /** A column of the evaluated activities: {@code activity.x}, {@code {activity.x}} or {@code activity.x} in Jinja. */
    ACTIVITY,
    /** Metadata of the feature an evaluation step ranked at a position: {@code step[rank].attribute} in Jinja. */
    STEP_FEATURE,
    /** The classification of the rules of a group by priority: {@code classify_by_priority('group')} in Jinja. */
    CLASSIFY_BY_PRIORITY,
    /** A brace reference in SQL, outside string literals, with no known namespace, e.g. {@code {paramters.x}}. */
    UNKNOWN
  }

  /**
   * One reference found in a text.
   *
   * @param kind what the reference names
   * @param name the parameter, variable, enrichment output, resource, context attribute or activity column; the step of a STEP_FEATURE; the group of a CLASSIFY_BY_PRIORITY; the text between the braces of an UNKNOWN
   * @param rank the feature rank of a STEP_FEATURE, from 0; else null
   * @param attribute the feature attribute of a STEP_FEATURE, e.g. {@code display_name}; else null
   * @param jinja found inside a Jinja {@code {{ }}} or {@code {% %}} tag, so it is resolved by rendering, not by substitution
   * @param start offset of the reference's first character in the text (the opening brace of a brace reference)
   * @param end offset just after the reference's last character
   */
  public record Reference(Kind kind, String name, Integer rank, String attribute, boolean jinja, int start, int end) {}

  private static final Map<String, Kind> NAMESPACES = Map.of(
      "parameters", Kind.PARAMETER,
      "variables", Kind.VARIABLE,
      "enrichments", Kind.ENRICHMENT,
      "resources", Kind.RESOURCE,
      "context", Kind.CONTEXT,
      "activity", Kind.ACTIVITY);
  private static final Map<String, Kind> JINJA_NAMESPACES = Map.of(
      "parameters", Kind.PARAMETER,
      "variables", Kind.VARIABLE,
      "enrichments", Kind.ENRICHMENT,
      "activity", Kind.ACTIVITY);

  private static final String ID = "[A-Za-z_][A-Za-z0-9_]*";
  private static final Pattern BRACE = Pattern.compile("\\{(" + ID + ")(?:\\.(" + ID + "))?}");
  private static final Pattern BARE_ACTIVITY = Pattern.compile("(?<![\\w.{])activity\\.(" + ID + ")");
  private static final Pattern JINJA_NAMESPACED = Pattern.compile("(?<![\\w.])(" + ID + ")\\s*\\.\\s*(" + ID + ")");
  private static final Pattern JINJA_STEP = Pattern.compile("(?<![\\w.])(" + ID + ")\\s*\\[\\s*(\\d+)\\s*]\\s*\\.\\s*(" + ID + ")");
  private static final Pattern CLASSIFY = Pattern.compile(
      "(?<![\\w.])classify_by_priority\\s*\\(\\s*(['\"])([^'\"]*)\\1\\s*\\)");
  private static final Pattern STATEMENT_WORD = Pattern.compile("\\s*(" + ID + ")");

  private TemplateReferences() {}

  /** The references of a SQL text, including those of Jinja tags embedded in it, in text order. */
  public static List<Reference> inSql(String sql) {
    if (sql == null || sql.isEmpty()) {
      return List.of();
    }
    List<Reference> out = new ArrayList<>();
    char[] masked = sql.toCharArray();
    for (Tag tag : tags(sql)) {
      if (tag.type != TagType.COMMENT) {
        jinjaReferences(sql, tag, out);
      }
      blank(masked, tag.start, tag.end);
    }
    String withoutTags = new String(masked);
    boolean[] quoted = sqlStringLiterals(withoutTags);
    Matcher m = BRACE.matcher(withoutTags);
    while (m.find()) {
      String namespace = m.group(1);
      String key = m.group(2);
      Kind kind = key == null ? null : NAMESPACES.get(namespace);
      if (key == null && namespace.equals("input_hash")) {
        kind = Kind.INPUT_HASH;
      }
      if (kind != null) {
        out.add(new Reference(kind, key == null ? namespace : key, null, null, false, m.start(), m.end()));
      } else if (!quoted[m.start()]) {
        out.add(new Reference(Kind.UNKNOWN, sql.substring(m.start() + 1, m.end() - 1), null, null, false, m.start(), m.end()));
      }
      blank(masked, m.start(), m.end());
    }
    for (int i = 0; i < masked.length; i++) {
      if (quoted[i]) {
        masked[i] = ' ';
      }
    }
    Matcher a = BARE_ACTIVITY.matcher(new String(masked));
    while (a.find()) {
      out.add(new Reference(Kind.ACTIVITY, a.group(1), null, null, false, a.start(), a.end()));
    }
    out.sort(Comparator.comparingInt(Reference::start));
    return List.copyOf(out);
  }

  /** The references inside the {@code {{ }}} and {@code {% %}} tags of a Jinja template, in text order. */
  public static List<Reference> inTemplate(String template) {
    if (template == null || template.isEmpty()) {
      return List.of();
    }
    List<Reference> out = new ArrayList<>();
    for (Tag tag : tags(template)) {
      if (tag.type != TagType.COMMENT) {
        jinjaReferences(template, tag, out);
      }
    }
    out.sort(Comparator.comparingInt(Reference::start));
    return List.copyOf(out);
  }

  /** The distinct names of the references of one kind, in order of first use. */
  public static Set<String> names(Collection<Reference> references, Kind kind) {
    Set<String> names = new LinkedHashSet<>();
    for (Reference r : references) {
      if (r.kind() == kind) {
        names.add(r.name());
      }
    }
    return names;
  }

  /**
   * Why a Jinja template is malformed, or null when it is well-formed: unclosed or stray
   * delimiters, empty tags, unbalanced brackets or quotes inside a tag, and block statements
   * ({@code if}/{@code elif}/{@code else}/{@code endif}, {@code for}/{@code endfor}, {@code macro},
   * {@code call}, {@code filter}, {@code with}, {@code block}, block {@code set}) that do not nest.
   */
  public static String syntaxError(String template) {
    if (template == null || template.isEmpty()) {
      return null;
    }
    List<Tag> tags = tags(template);
    char[] literal = template.toCharArray();
    for (Tag tag : tags) {
      blank(literal, tag.start, tag.end);
    }
    String text = new String(literal);
    for (String closer : List.of("}}", "%}", "#}")) {
      int at = text.indexOf(closer);
      if (at >= 0) {
        return "unexpected '" + closer + "' " + position(template, at) + " without an opening '" + opener(closer) + "'";
      }
    }
    Deque<Block> blocks = new ArrayDeque<>();
    for (Tag tag : tags) {
      String open = template.substring(tag.start, tag.start + 2);
      if (!tag.closed) {
        return "'" + open + "' " + position(template, tag.start) + " is not closed by '" + closer(tag.type) + "'";
      }
      if (tag.type == TagType.COMMENT) {
        continue;
      }
      String body = trimControl(template.substring(tag.bodyStart, tag.bodyEnd));
      if (body.isBlank()) {
        return "empty '" + open + " " + closer(tag.type) + "' " + position(template, tag.start);
      }
      String bracketError = brackets(body);
      if (bracketError != null) {
        return bracketError + " in '" + open + " " + body.strip() + " " + closer(tag.type) + "' " + position(template, tag.start);
      }
      if (tag.type == TagType.STATEMENT) {
        String error = statement(template, tag, body, blocks);
        if (error != null) {
          return error;
        }
      }
    }
    if (!blocks.isEmpty()) {
      Block open = blocks.peek();
      return "'{% " + open.keyword + " %}' " + position(template, open.start) + " is not closed by '{% end" + open.keyword + " %}'";
    }
    return null;
  }

  // --- Jinja scanning ---

  private enum TagType { EXPRESSION, STATEMENT, COMMENT }

  private record Tag(TagType type, int start, int end, int bodyStart, int bodyEnd, boolean closed) {}

  private record Block(String keyword, int start) {}

  /** The Jinja tags of a text; an unclosed tag runs to the end of the text. */
  private static List<Tag> tags(String text) {
    List<Tag> tags = new ArrayList<>();
    int i = 0;
    while (i < text.length() - 1) {
      if (text.charAt(i) != '{') {
        i++;
        continue;
      }
      char next = text.charAt(i + 1);
      TagType type = next == '{' ? TagType.EXPRESSION : next == '%' ? TagType.STATEMENT : next == '#' ? TagType.COMMENT : null;
      if (type == null) {
        i++;
        continue;
      }
      int bodyStart = i + 2;
      int close = type == TagType.COMMENT ? text.indexOf("#}", bodyStart) : closing(text, bodyStart, type);
      if (close < 0) {
        tags.add(new Tag(type, i, text.length(), bodyStart, text.length(), false));
        break;
      }
      tags.add(new Tag(type, i, close + 2, bodyStart, close, true));
      i = close + 2;
    }
    return tags;
  }

  /** The offset of the tag's closing delimiter, skipping quoted strings, or -1. */
  private static int closing(String text, int from, TagType type) {
    char end = type == TagType.EXPRESSION ? '}' : '%';
    char quote = 0;
    for (int i = from; i < text.length() - 1; i++) {
      char c = text.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
      } else if (c == end && text.charAt(i + 1) == '}') {
        return i;
      }
    }
    return -1;
  }

  private static void jinjaReferences(String text, Tag tag, List<Reference> out) {
    String body = text.substring(tag.bodyStart, tag.bodyEnd);
    int base = tag.bodyStart;
    Matcher c = CLASSIFY.matcher(body);
    while (c.find()) {
      out.add(new Reference(Kind.CLASSIFY_BY_PRIORITY, c.group(2), null, null, true, base + c.start(), base + c.end()));
    }
    String code = maskJinjaStrings(body);
    Matcher s = JINJA_STEP.matcher(code);
    while (s.find()) {
      if (!JINJA_NAMESPACES.containsKey(s.group(1))) {
        out.add(new Reference(Kind.STEP_FEATURE, s.group(1), Integer.valueOf(s.group(2)), s.group(3), true,
            base + s.start(), base + s.end()));
      }
    }
    Matcher n = JINJA_NAMESPACED.matcher(code);
    while (n.find()) {
      Kind kind = JINJA_NAMESPACES.get(n.group(1));
      if (kind != null) {
        out.add(new Reference(kind, n.group(2), null, null, true, base + n.start(), base + n.end()));
      }
    }
  }

  private static String statement(String template, Tag tag, String body, Deque<Block> blocks) {
    Matcher m = STATEMENT_WORD.matcher(body);
    if (!m.lookingAt()) {
      return "'{% " + body.strip() + " %}' " + position(template, tag.start) + " does not start with a statement name";
    }
    String word = m.group(1);
    String rest = body.substring(m.end());
    switch (word) {
      case "if", "for", "macro", "call", "filter", "with", "block", "raw", "autoescape" -> {
        blocks.push(new Block(word, tag.start));
        return null;
      }
      case "set" -> {
        // Only "{% set x %}…{% endset %}" opens a block; "{% set x = … %}" does not.
        if (!rest.contains("=")) {
          blocks.push(new Block(word, tag.start));
        }
        return null;
      }
      case "elif", "else" -> {
        Block top = blocks.peek();
        boolean fits = top != null && (top.keyword.equals("if") || (word.equals("else") && top.keyword.equals("for")));
        return fits ? null
            : "'{% " + word + " %}' " + position(template, tag.start) + " is not inside '{% if %}'"
                + (word.equals("else") ? " or '{% for %}'" : "");
      }
      default -> {
        if (!word.startsWith("end")) {
          return null;
        }
        String opened = word.substring(3);
        Block top = blocks.peek();
        if (top == null) {
          return "'{% " + word + " %}' " + position(template, tag.start) + " closes nothing";
        }
        if (!top.keyword.equals(opened)) {
          return "'{% " + word + " %}' " + position(template, tag.start) + " does not match '{% " + top.keyword + " %}' "
              + position(template, top.start) + "; expected '{% end" + top.keyword + " %}'";
        }
        blocks.pop();
        return null;
      }
    }
  }

  /** Unbalanced brackets or an unterminated string inside a tag body, or null. */
  private static String brackets(String body) {
    Deque<Character> open = new ArrayDeque<>();
    char quote = 0;
    for (int i = 0; i < body.length(); i++) {
      char c = body.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
        continue;
      }
      switch (c) {
        case '\'', '"' -> quote = c;
        case '(', '[', '{' -> open.push(c);
        case ')', ']', '}' -> {
          char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
          if (open.isEmpty() || open.pop() != expected) {
            return "unbalanced '" + c + "'";
          }
        }
        default -> { }
      }
    }
    if (quote != 0) {
      return "unterminated string";
    }
    return open.isEmpty() ? null : "unclosed '" + open.peek() + "'";
  }

  private static String trimControl(String body) {
    String b = body;
    if (b.startsWith("-") || b.startsWith("+")) {
      b = b.substring(1);
    }
    if (b.endsWith("-") || b.endsWith("+")) {
      b = b.substring(0, b.length() - 1);
    }
    return b;
  }

  private static String maskJinjaStrings(String body) {
    char[] out = body.toCharArray();
    char quote = 0;
    for (int i = 0; i < out.length; i++) {
      char c = out[i];
      if (quote != 0) {
        out[i] = ' ';
        if (c == '\\' && i + 1 < out.length) {
          out[++i] = ' ';
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '\'' || c == '"') {
        quote = c;
        out[i] = ' ';
      }
    }
    return new String(out);
  }

  /** Marks the characters inside SQL single-quoted literals ('' is an escaped quote). */
  private static boolean[] sqlStringLiterals(String sql) {
    boolean[] quoted = new boolean[sql.length()];
    boolean in = false;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (c == '\'') {
        if (in && i + 1 < sql.length() && sql.charAt(i + 1) == '\'') {
          quoted[i] = true;
          quoted[++i] = true;
          continue;
        }
        quoted[i] = true;
        in = !in;
      } else {
        quoted[i] = in;
      }
    }
    return quoted;
  }

  private static void blank(char[] chars, int from, int to) {
    for (int i = from; i < to && i < chars.length; i++) {
      if (chars[i] != '\n') {
        chars[i] = ' ';
      }
    }
  }

  private static String closer(TagType type) {
    return switch (type) {
      case EXPRESSION -> "}}";
      case STATEMENT -> "%}";
      case COMMENT -> "#}";
    };
  }

  private static String opener(String closer) {
    return switch (closer) {
      case "}}" -> "{{";
      case "%}" -> "{%";
      default -> "{#";
    };
  }

  /** "at line L, column C" of an offset, both from 1. */
  private static String position(String text, int offset) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return "at line " + line + ", column " + column;
  }
}
