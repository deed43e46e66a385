package io.vigil.runtime.connector;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into fields. Quotes may enclose a field (a doubled quote, or the escape
 * character, inside quotes is a literal quote); a line whose quote is never closed is an error,
 * so that records spanning lines are rejected rather than silently merged.
 */
final class CsvLine implements Serializable {
  /** Fields of a line, or why it could not be split. */
  record Result(List<String> fields, String error) {}

  private final char delimiter;
  private final char quote;
  private final char escape;

  CsvLine(String delimiter, String quote, String escape) {
    this.delimiter = single(delimiter, "delimiter");
    this.quote = quote == null || quote.isEmpty() ? '\0' : quote.charAt(0);
    this.escape = escape == null || escape.isEmpty() ? '\0' : escape.charAt(0);
  }

  Result split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    boolean wasQuoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == escape && escape != quote && i + 1 < line.length()) {
          field.append(line.charAt(++i));
        } else if (c == quote) {
          if (i + 1 < line.length() && line.charAt(i + 1) == quote) {
            field.append(quote);
            i++;
          } else {
            quoted = false;
          }
        } else {
          field.append(c);
        }
      } else if (c == delimiter) {
        fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
        field.setLength(0);
        wasQuoted = false;
      } else if (c == quote && field.toString().isBlank()) {
        field.setLength(0);
        quoted = true;
        wasQuoted = true;
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      return new Result(null, "unterminated quoted field");
    }
    fields.add(wasQuoted || field.length() > 0 ? field.toString() : null);
    return new Result(fields, null);
  }

  private static char single(String value, String what) {
    if (value == null || value.isEmpty()) {
      return ',';
    }
    if (value.equals("\\t")) {
      return '\t';
    }
    if (value.length() != 1) {
      throw new IllegalArgumentException("Cannot split CSV: the " + what + " must be one character: '" + value + "'");
    }
    return value.charAt(0);
  }
}
