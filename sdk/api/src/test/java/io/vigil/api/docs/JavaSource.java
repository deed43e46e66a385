package io.vigil.api.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Java source of a model type, read from the module's source tree: its class Javadoc (description
 * and {@code @param} lines), the Javadoc of enum constants, and the statements of a record's compact
 * constructor.
 */
final class JavaSource {
  /** A Javadoc comment split into its description and its {@code @param} descriptions. */
  record Javadoc(String description, Map<String, String> params) {
    static final Javadoc NONE = new Javadoc("", Map.of());
  }

  /** A statement of a compact constructor, with the headers of the blocks around it ({@code if (…)}). */
  record Statement(String text, List<String> enclosing) {}

  private static final Map<Path, String> CACHE = new HashMap<>();

  private final Path root;

  JavaSource(Path root) {
    this.root = root;
  }

  /** The source file of {@code type}'s top-level class. */
  Path fileOf(Class<?> type) {
    Class<?> top = type;
    while (top.getEnclosingClass() != null) {
      top = top.getEnclosingClass();
    }
    return root.resolve(top.getName().replace('.', '/') + ".java");
  }

  String text(Class<?> type) {
    Path file = fileOf(type);
    return CACHE.computeIfAbsent(file, f -> {
      try {
        return Files.readString(f, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read the source of " + type.getName() + " at " + f, e);
      }
    });
  }

  /** The Javadoc right before the declaration of {@code type}, or {@link Javadoc#NONE}. */
  Javadoc typeJavadoc(Class<?> type) {
    String src = text(type);
    Matcher decl = Pattern.compile("\\b(?:record|interface|enum|class)\\s+" + Pattern.quote(type.getSimpleName()) + "\\b")
        .matcher(src);
    if (!decl.find()) {
      throw new IllegalStateException("Cannot find the declaration of " + type.getName() + " in " + fileOf(type));
    }
    String comment = commentBefore(src, decl.start());
    return comment == null ? Javadoc.NONE : parse(comment);
  }

  /** The Javadoc of each enum constant that has one, converted to Markdown. */
  Map<String, String> enumConstantDocs(Class<? extends Enum<?>> type) {
    String src = text(type);
    Map<String, String> out = new LinkedHashMap<>();
    for (Enum<?> constant : type.getEnumConstants()) {
      Matcher m = Pattern.compile("/\\*\\*((?:(?!\\*/).)*)\\*/\\s*" + constant.name() + "\\b\\s*[,;(\\s}]", Pattern.DOTALL)
          .matcher(src);
      if (m.find()) {
        out.put(constant.name(), parse(m.group(1)).description());
      }
    }
    return out;
  }

  /** The statements of the compact constructor of record {@code type}; empty when it has none. */
  List<Statement> compactConstructor(Class<?> type) {
    String src = stripComments(text(type));
    Matcher m = Pattern.compile("(?m)^\\s*(?:public\\s+|protected\\s+|private\\s+)?" + Pattern.quote(type.getSimpleName()) + "\\s*\\{")
        .matcher(src);
    if (!m.find()) {
      return List.of();
    }
    return statements(src, m.end());
  }

  /** The lines of {@code type}'s source file, comments included. */
  List<String> lines(Class<?> type) {
    return text(type).lines().toList();
  }

  private static String commentBefore(String src, int declaration) {
    int end = src.lastIndexOf("*/", declaration);
    if (end < 0) {
      return null;
    }
    String between = src.substring(end + 2, declaration);
    // Only modifiers and annotations may stand between the comment and the declaration.
    if (!between.matches("(?s)(\\s|@\\w+(\\([^)]*\\))?|public|protected|private|static|final|sealed|non-sealed|abstract)*")) {
      return null;
    }
    int start = src.lastIndexOf("/**", end);
    return start < 0 ? null : src.substring(start + 3, end);
  }

  /** Splits a raw comment body into a Markdown description and {@code @param} descriptions. */
  static Javadoc parse(String comment) {
    List<String> lines = new ArrayList<>();
    for (String line : comment.split("\n", -1)) {
      lines.add(line.replaceFirst("^\\s*\\*( ?)", "").stripTrailing());
    }
    String text = String.join("\n", lines).replaceAll("(?s)<pre>.*?</pre>", "\n\n");
    StringBuilder description = new StringBuilder();
    Map<String, String> params = new LinkedHashMap<>();
    String tag = null;
    StringBuilder current = null;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("@")) {
        if (tag != null) {
          addTag(params, tag, current.toString());
        }
        tag = trimmed;
        current = new StringBuilder(trimmed);
      } else if (tag != null) {
        current.append(' ').append(trimmed);
      } else {
        description.append(line).append('\n');
      }
    }
    if (tag != null) {
      addTag(params, tag, current.toString());
    }
    return new Javadoc(JavadocText.toMarkdown(description.toString()), params);
  }

  private static void addTag(Map<String, String> params, String tag, String text) {
    Matcher m = Pattern.compile("(?s)@param\\s+(\\w+)\\s*(.*)").matcher(text);
    if (m.matches()) {
      params.put(m.group(1), JavadocText.toMarkdown(m.group(2)));
    }
  }

  /** Removes comments, keeping string and character literals intact. */
  static String stripComments(String src) {
    StringBuilder out = new StringBuilder(src.length());
    int i = 0;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '"' || c == '\'') {
        int end = literalEnd(src, i);
        out.append(src, i, end);
        i = end;
      } else if (src.startsWith("//", i)) {
        int end = src.indexOf('\n', i);
        i = end < 0 ? src.length() : end;
      } else if (src.startsWith("/*", i)) {
        int end = src.indexOf("*/", i + 2);
        i = end < 0 ? src.length() : end + 2;
        out.append(' ');
      } else {
        out.append(c);
        i++;
      }
    }
    return out.toString();
  }

  /** The index just after the string, text block or character literal starting at {@code start}. */
  static int literalEnd(String src, int start) {
    if (src.startsWith("\"\"\"", start)) {
      int end = src.indexOf("\"\"\"", start + 3);
      return end < 0 ? src.length() : end + 3;
    }
    char quote = src.charAt(start);
    int i = start + 1;
    while (i < src.length() && src.charAt(i) != quote) {
      i += src.charAt(i) == '\\' ? 2 : 1;
    }
    return Math.min(i + 1, src.length());
  }

  /**
   * Splits the block that starts after the '{' at {@code bodyStart} into statements. A '{' outside
   * parentheses opens a nested block whose header (e.g. {@code if (x == null)}) is kept with every
   * statement inside it.
   */
  private static List<Statement> statements(String src, int bodyStart) {
    List<Statement> out = new ArrayList<>();
    List<String> headers = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int parens = 0;
    int i = bodyStart;
    while (i < src.length()) {
      char c = src.charAt(i);
      if (c == '"' || c == '\'') {
        int end = literalEnd(src, i);
        current.append(src, i, end);
        i = end;
        continue;
      }
      if (c == '(') {
        parens++;
      } else if (c == ')') {
        parens--;
      }
      if (parens == 0 && c == '{') {
        headers.add(normalize(current.toString()));
        current.setLength(0);
      } else if (parens == 0 && c == '}') {
        if (headers.isEmpty()) {
          return out;
        }
        headers.remove(headers.size() - 1);
        current.setLength(0);
      } else if (parens == 0 && c == ';') {
        out.add(new Statement(normalize(current.toString()), List.copyOf(headers)));
        current.setLength(0);
      } else {
        current.append(c);
      }
      i++;
    }
    throw new IllegalStateException("Unbalanced braces in a compact constructor");
  }

  private static String normalize(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
