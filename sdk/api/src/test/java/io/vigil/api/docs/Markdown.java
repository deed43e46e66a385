package io.vigil.api.docs;

import java.util.List;
import java.util.Locale;

/** Small Markdown helpers: GitHub heading anchors, links to type sections, tables. */
final class Markdown {
  private Markdown() {}

  /** The anchor GitHub gives a heading: lower case, punctuation dropped, spaces as hyphens. */
  static String anchor(String heading) {
    String lower = heading.toLowerCase(Locale.ROOT);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
        out.append(c);
      } else if (c == ' ') {
        out.append('-');
      }
    }
    return out.toString();
  }

  /** The heading of a type's section: its simple name. */
  static String heading(Class<?> type) {
    return type.getSimpleName();
  }

  static String link(Class<?> type) {
    return "[" + type.getSimpleName() + "](#" + anchor(heading(type)) + ")";
  }

  /** A table cell: one line, pipes escaped. */
  static String cell(String text) {
    return text.replace("\r", "").replace("\n", " ").replace("|", "\\|");
  }

  static void table(StringBuilder out, List<String> header, List<List<String>> rows) {
    out.append("| ").append(String.join(" | ", header)).append(" |\n");
    out.append("|").append("---|".repeat(header.size())).append('\n');
    for (List<String> row : rows) {
      out.append("| ").append(String.join(" | ", row.stream().map(Markdown::cell).toList())).append(" |\n");
    }
  }
}
