package io.vigil.runtime.report.page;

/** HTML and XML text escaping. */
public final class Html {
  private Html() {}

  /**
   * {@code text} safe inside an element or a quoted attribute: {@code & < > " '} escaped, after
   * {@link #xmlSafe}; null becomes "".
   */
  public static String escape(String text) {
    if (text == null) {
      return "";
    }
    String safe = xmlSafe(text);
    StringBuilder out = new StringBuilder(safe.length() + 16);
    for (int i = 0; i < safe.length(); i++) {
      char c = safe.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * {@code text} with each character XML 1.0 forbids (control characters, lone surrogates,
   * U+FFFE, U+FFFF) replaced by U+FFFD. The pages and GraphML files are XML, and one such
   * character in a node property would make the whole file unreadable to an XML parser.
   */
  public static String xmlSafe(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1));
      boolean allowed = c == '\t' || c == '\n' || c == '\r' || (c >= 0x20 && c < 0xD800) || (c >= 0xE000 && c <= 0xFFFD);
      if (pair || allowed) {
        if (out != null) {
          out.append(c);
          if (pair) {
            out.append(text.charAt(i + 1));
          }
        }
        if (pair) {
          i++;
        }
      } else {
        if (out == null) {
          out = new StringBuilder(text.length()).append(text, 0, i);
        }
        out.append('\uFFFD');
      }
    }
    return out == null ? text : out.toString();
  }
}
