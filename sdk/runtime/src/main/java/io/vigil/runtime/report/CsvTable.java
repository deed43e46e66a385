package io.vigil.runtime.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A header and rows as RFC 4180 CSV: a field holding a comma, quote or line break is quoted with
 * its quotes doubled, and null is the empty field.
 */
public final class CsvTable {
  private CsvTable() {}

  public static String text(List<String> header, List<? extends List<?>> rows) {
    StringBuilder out = new StringBuilder();
    line(out, header);
    rows.forEach(r -> line(out, r));
    return out.toString();
  }

  public static void write(Path file, List<String> header, List<? extends List<?>> rows) {
    try {
      Files.writeString(file, text(header, rows));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void line(StringBuilder out, List<?> fields) {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      Object v = fields.get(i);
      out.append(v == null ? "" : field(v.toString()));
    }
    out.append('\n');
  }

  private static String field(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
