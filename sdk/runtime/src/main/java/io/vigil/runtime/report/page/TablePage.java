package io.vigil.runtime.report.page;

import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** A self-contained HTML page with a title, an optional note and one table; every value is escaped. */
public final class TablePage {
  static final String STYLE = "body{font-family:sans-serif;margin:2em;color:#222}"
      + "table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}"
      + "th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}ol{margin:0;padding-left:1.2em}";

  private TablePage() {}

  /**
   * Writes the page to {@code html}.
   *
   * @param note a line of text under the title; null for none
   * @param header the column titles
   * @param rows the cells, as text; each row as long as the header
   */
  public static void write(Path html, String title, String note, List<String> header, List<List<String>> rows) {
    StringBuilder body = new StringBuilder("<tr>");
    header.forEach(h -> body.append("<th>").append(Html.escape(h)).append("</th>"));
    body.append("</tr>\n");
    for (List<String> row : rows) {
      if (row.size() != header.size()) {
        throw new IllegalArgumentException("A row has " + row.size() + " cells for " + header.size() + " columns");
      }
      body.append("<tr>");
      row.forEach(cell -> body.append("<td>").append(Html.escape(cell)).append("</td>"));
      body.append("</tr>\n");
    }
    write(html, title, note, body.toString());
  }

  /** Writes a page around table rows that are already HTML (each value in them escaped by the caller). */
  static void write(Path html, String title, String note, String tableRows) {
    String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
        + "</title><style>" + STYLE + "</style></head>\n<body><h1>" + Html.escape(title) + "</h1>\n"
        + (note == null ? "" : "<p>" + Html.escape(note) + "</p>\n")
        + "<table>\n" + tableRows + "</table>\n</body></html>\n";
    Path target = html.toAbsolutePath();
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try {
      Files.createDirectories(target.getParent());
      Files.writeString(partial, page, StandardCharsets.UTF_8);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw RuntimeErrors.pageUnwritable(title, html, e);
    }
  }
}
