package io.vigil.runtime.report.page;

import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

/**
 * A self-contained HTML page of headed sections, paragraphs, tables and PNG pictures; pictures are
 * inlined as data URIs, so that the page needs no network and no sibling file. Every text is escaped.
 *
 * <pre>{@code
 * String html = ReportPage.builder("Data upload").paragraph("2 files").table(header, rows).image("Rows", png).render();
 * }</pre>
 */
public final class ReportPage {
  private ReportPage() {}

  public static Builder builder(String title) {
    return new Builder(title);
  }

  public static final class Builder {
    private final String title;
    private final StringBuilder body = new StringBuilder();

    private Builder(String title) {
      this.title = title;
    }

    public Builder heading(String text) {
      body.append("<h2>").append(Html.escape(text)).append("</h2>\n");
      return this;
    }

    public Builder paragraph(String text) {
      body.append("<p>").append(Html.escape(text)).append("</p>\n");
      return this;
    }

    /** A table; cells that read as numbers are right-aligned. Each row is as long as the header. */
    public Builder table(List<String> header, List<List<String>> rows) {
      body.append("<table>\n<tr>");
      header.forEach(h -> body.append("<th>").append(Html.escape(h)).append("</th>"));
      body.append("</tr>\n");
      for (List<String> row : rows) {
        if (row.size() != header.size()) {
          throw new IllegalArgumentException("A row has " + row.size() + " cells for " + header.size() + " columns");
        }
        body.append("<tr>");
        for (String cell : row) {
          body.append(isNumber(cell) ? "<td class=\"num\">" : "<td>").append(Html.escape(cell)).append("</td>");
        }
        body.append("</tr>\n");
      }
      body.append("</table>\n");
      return this;
    }

    /** The PNG file {@code png}, inlined. */
    public Builder image(String alt, Path png) {
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(png);
      } catch (IOException e) {
        throw RuntimeErrors.pageUnwritable(title, png, e);
      }
      body.append("<p><img alt=\"").append(Html.escape(alt)).append("\" src=\"data:image/png;base64,")
          .append(Base64.getEncoder().encodeToString(bytes)).append("\"></p>\n");
      return this;
    }

    public String render() {
      return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + Html.escape(title)
          + "</title><style>" + TablePage.STYLE + "table{margin-bottom:1em}</style></head>\n<body><h1>"
          + Html.escape(title) + "</h1>\n" + body + "</body></html>\n";
    }

    private static boolean isNumber(String cell) {
      return cell != null && cell.matches("[+-]?[0-9][0-9,]*(\\.[0-9]+)?%?");
    }
  }
}
