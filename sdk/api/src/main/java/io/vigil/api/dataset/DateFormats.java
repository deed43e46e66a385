package io.vigil.api.dataset;

import java.time.format.DateTimeFormatter;

/**
 * Converts ThetaRay's strftime-style date formats ({@code %Y%m%d}, {@code %Y-%m-%d %H:%M:%S.%f})
 * to the pattern language Spark and {@link DateTimeFormatter} use ({@code yyyyMMdd}). A format
 * without any {@code %} is taken to be a Spark pattern already.
 */
public final class DateFormats {
  private DateFormats() {}

  /**
   * The Spark pattern for {@code format}.
   *
   * @throws IllegalArgumentException naming the offending directive when the format is invalid
   */
  public static String toSparkPattern(String format) {
    if (format == null || format.isEmpty()) {
      throw new IllegalArgumentException("Cannot convert date format: it is empty");
    }
    if (format.indexOf('%') < 0) {
      check(format);
      return format;
    }
    StringBuilder out = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < format.length(); i++) {
      char c = format.charAt(i);
      if (c != '%') {
        literal.append(c);
        continue;
      }
      if (i + 1 >= format.length()) {
        throw new IllegalArgumentException("Cannot convert date format '" + format + "': it ends with a lone %");
      }
      char directive = format.charAt(++i);
      if (directive == '%') {
        literal.append('%');
        continue;
      }
      flush(literal, out);
      out.append(directive(directive, format));
    }
    flush(literal, out);
    String pattern = out.toString();
    check(pattern);
    return pattern;
  }

  /** Two-digit years at or above this one belong to the previous century, as POSIX {@code %y} reads them. */
  public static final int PIVOT_YEAR = 2069;

  /**
   * True when {@code format} reads a two-digit year the strftime way ({@code %y}, {@code %D}): 69–99
   * are 1969–1999 and 00–68 are 2000–2068. Spark's {@code yy} always reads 2000–2099, so a parsed
   * year from {@link #PIVOT_YEAR} on must be moved back a century. A native Spark pattern keeps
   * Spark's reading.
   */
  public static boolean hasTwoDigitYear(String format) {
    if (format == null) {
      return false;
    }
    for (int i = 0; i + 1 < format.length(); i++) {
      if (format.charAt(i) == '%') {
        char d = format.charAt(++i);
        if (d == 'y' || d == 'D') {
          return true;
        }
      }
    }
    return false;
  }

  /** True when {@code format} converts to a valid pattern. */
  public static boolean isValid(String format) {
    try {
      toSparkPattern(format);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String directive(char d, String format) {
    return switch (d) {
      case 'Y' -> "yyyy";
      case 'y' -> "yy";
      case 'm' -> "MM";
      case 'd' -> "dd";
      case 'e' -> "d";
      case 'H' -> "HH";
      case 'I' -> "hh";
      case 'M' -> "mm";
      case 'S' -> "ss";
      case 'f' -> "SSSSSS";
      case 'p' -> "a";
      case 'b', 'h' -> "MMM";
      case 'B' -> "MMMM";
      case 'a' -> "EEE";
      case 'A' -> "EEEE";
      case 'j' -> "DDD";
      case 'z' -> "xx";
      case 'Z' -> "z";
      case 'F' -> "yyyy-MM-dd";
      case 'T' -> "HH:mm:ss";
      case 'D' -> "MM/dd/yy";
      default -> throw new IllegalArgumentException(
          "Cannot convert date format '" + format + "': unknown directive %" + d);
    };
  }

  /** Appends pending literal text, quoting letters so the pattern language does not read them. */
  private static void flush(StringBuilder literal, StringBuilder out) {
    if (literal.isEmpty()) {
      return;
    }
    String text = literal.toString();
    boolean needsQuotes = text.chars().anyMatch(ch -> Character.isLetter(ch) || ch == '\'' || ch == '[' || ch == ']' || ch == '#' || ch == '{' || ch == '}');
    if (needsQuotes) {
      out.append('\'').append(text.replace("'", "''")).append('\'');
    } else {
      out.append(text);
    }
    literal.setLength(0);
  }

  private static void check(String pattern) {
    try {
      DateTimeFormatter.ofPattern(pattern);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Cannot use date pattern '" + pattern + "': " + e.getMessage());
    }
  }
}
