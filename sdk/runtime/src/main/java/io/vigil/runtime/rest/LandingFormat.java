package io.vigil.runtime.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.vigil.api.connector.FileFormat;
import io.vigil.api.connector.Source;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.Charset;
import java.util.List;
import java.util.Map;

/**
 * The file a flush lands, written exactly the way the flat-file upload reads its connector's files:
 * CSV with the source's delimiter, quote, escape, header flag and encoding (what {@code CsvLine}
 * splits), or JSON lines for a JSON source. Values are text; the upload types them.
 */
final class LandingFormat {
  private final boolean json;
  private final char delimiter;
  /** The quote character, or 0 when the source disables quoting. */
  private final char quote;
  /** The escape character inside quotes, or 0. */
  private final char escape;
  private final boolean header;
  private final Charset charset;

  private LandingFormat(boolean json, char delimiter, char quote, char escape, boolean header, Charset charset) {
    this.json = json;
    this.delimiter = delimiter;
    this.quote = quote;
    this.escape = escape;
    this.header = header;
    this.charset = charset;
  }

  /**
   * The format of a connector's source.
   *
   * @throws IllegalArgumentException when the source cannot take REST records (Parquet, or a delimiter
   *     the upload cannot split)
   */
  static LandingFormat of(Source source) {
    Charset charset = Charset.forName(source.encoding());
    if (source.fileFormat() == FileFormat.PARQUET) {
      throw new IllegalArgumentException("its source reads PARQUET files; REST records land as CSV or JSON lines");
    }
    if (source.fileFormat() == FileFormat.JSON) {
      return new LandingFormat(true, ',', '\0', '\0', false, charset);
    }
    // The same reading of delimiter, quote and escape as the upload's CSV splitter.
    String d = source.delimiter();
    char delimiter;
    if (d == null || d.isEmpty()) {
      delimiter = ',';
    } else if (d.equals("\\t")) {
      delimiter = '\t';
    } else if (d.length() == 1) {
      delimiter = d.charAt(0);
    } else {
      throw new IllegalArgumentException("its delimiter '" + d + "' is not one character, so upload cannot split its files");
    }
    char quote = source.quote() == null || source.quote().isEmpty() ? '\0' : source.quote().charAt(0);
    char escape = source.escape() == null || source.escape().isEmpty() ? '\0' : source.escape().charAt(0);
    if (delimiter == '\n' || delimiter == '\r' || (quote != '\0' && quote == delimiter)) {
      throw new IllegalArgumentException("its delimiter and quote cannot frame CSV lines");
    }
    return new LandingFormat(false, delimiter, quote, escape, Boolean.TRUE.equals(source.hasHeader()), charset);
  }

  /** The extension of landed files: {@code .csv} or {@code .json}. */
  String extension() {
    return json ? ".json" : ".csv";
  }

  Charset charset() {
    return charset;
  }

  /** Why {@code value} cannot be written so that upload reads it back unchanged, or null when it can. */
  String cannotCarry(String value) {
    if (!charset.newEncoder().canEncode(value)) {
      return "has characters the connector's encoding " + charset.name() + " cannot represent";
    }
    if (json) {
      return null;
    }
    // Upload splits files into lines before it splits fields, so no quoting can carry a line break.
    if (value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
      return "contains a line break, which a CSV landing file cannot carry";
    }
    if (quote == '\0' && value.indexOf(delimiter) >= 0) {
      return "contains the delimiter and the connector's CSV has no quote character";
    }
    return null;
  }

  /** Writes the header line, if the source has one. */
  void writeHeader(Writer out, List<String> fields) throws IOException {
    if (json || !header) {
      return;
    }
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(delimiter);
      }
      out.write(fields.get(i));
    }
    out.write('\n');
  }

  /** Writes one record: its value for each field in order, null where absent. */
  void writeRecord(Writer out, List<String> fields, Map<String, String> values, JsonFactory factory) throws IOException {
    if (json) {
      JsonGenerator g = factory.createGenerator(out);
      g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      g.writeStartObject();
      for (String f : fields) {
        g.writeStringField(f, values.get(f));
      }
      g.writeEndObject();
      g.flush();
      out.write('\n');
      return;
    }
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(delimiter);
      }
      String v = values.get(fields.get(i));
      if (v != null) {
        writeCsvValue(out, v);
      }
    }
    out.write('\n');
  }

  /**
   * A value as the CSV splitter reads it back: an empty unquoted field is null, so an empty string
   * is quoted; inside quotes a doubled quote is a quote and the escape character escapes itself.
   */
  private void writeCsvValue(Writer out, String v) throws IOException {
    boolean needsQuotes = quote != '\0' && (v.isEmpty() || v.indexOf(delimiter) >= 0 || v.indexOf(quote) >= 0
        || (escape != '\0' && v.indexOf(escape) >= 0));
    if (!needsQuotes) {
      out.write(v);
      return;
    }
    out.write(quote);
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == quote) {
        out.write(quote);
      } else if (c == escape && escape != quote) {
        out.write(escape);
      }
      out.write(c);
    }
    out.write(quote);
  }
}
