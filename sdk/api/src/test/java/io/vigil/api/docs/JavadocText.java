package io.vigil.api.docs;

import java.util.ArrayList;
import java.util.List;

/** Converts Javadoc text to Markdown: inline tags become code spans, {@code <p>} a paragraph break. */
final class JavadocText {
  private JavadocText() {}

  /** Paragraphs separated by a blank line; lines inside a paragraph are joined with single spaces. */
  static String toMarkdown(String javadoc) {
    String text = inlineTags(javadoc).replaceAll("(?i)<p>", "\n\n").replaceAll("(?i)</p>", "");
    text = text.replaceAll("(?i)</?(em|i|b|strong|code|ul|ol|li)>", "");
    List<String> paragraphs = new ArrayList<>();
    for (String paragraph : text.split("\\n\\s*\\n")) {
      String joined = paragraph.strip().replaceAll("\\s+", " ");
      if (!joined.isEmpty()) {
        paragraphs.add(joined);
      }
    }
    return String.join("\n\n", paragraphs);
  }

  /** Replaces {@code {@code x}} and {@code {@link X#y}} (braces may nest inside) by Markdown code spans. */
  private static String inlineTags(String text) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < text.length()) {
      int open = text.indexOf("{@", i);
      if (open < 0) {
        out.append(text, i, text.length());
        break;
      }
      out.append(text, i, open);
      int close = matchingBrace(text, open);
      String inner = text.substring(open + 2, close);
      int space = firstWhitespace(inner);
      String tag = space < 0 ? inner : inner.substring(0, space);
      String body = space < 0 ? "" : inner.substring(space + 1).strip();
      out.append(switch (tag) {
        case "code", "literal" -> code(body);
        case "link", "linkplain" -> code(linkLabel(body));
        default -> body;
      });
      i = close + 1;
    }
    return out.toString();
  }

  private static int matchingBrace(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalStateException("Unclosed inline tag in Javadoc: " + text.substring(open));
  }

  private static int firstWhitespace(String s) {
    for (int i = 0; i < s.length(); i++) {
      if (Character.isWhitespace(s.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  /** {@code X#y label} shows the label; {@code X#CONSTANT} the constant; {@code X#method()} {@code X.method()}. */
  private static String linkLabel(String body) {
    int space = firstWhitespace(body);
    if (space >= 0) {
      return body.substring(space + 1).strip();
    }
    int hash = body.indexOf('#');
    if (hash < 0) {
      return body;
    }
    String member = body.substring(hash + 1);
    if (member.matches("[A-Z][A-Z0-9_]*")) {
      return member;
    }
    return hash == 0 ? member : body.substring(0, hash) + "." + member;
  }

  static String code(String text) {
    String fence = text.contains("`") ? "``" : "`";
    String pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
    return fence + pad + text + pad + fence;
  }
}
