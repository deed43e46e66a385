package io.vigil.runtime.dataset;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.Properties;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.util.LongAccumulator;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams one Spark partition into Postgres with {@code COPY … FROM STDIN (FORMAT csv)} on its own
 * connection. Every column arrives as text already formatted for Postgres (see {@link Publisher}).
 */
final class CopyWriter implements ForeachPartitionFunction<Row>, Serializable {
  private static final int BUFFER = 1 << 16;

  private final String url;
  private final Properties properties;
  private final String copySql;
  private final LongAccumulator rows;

  CopyWriter(String url, Properties properties, String copySql, LongAccumulator rows) {
    this.url = url;
    this.properties = properties;
    this.copySql = copySql;
    this.rows = rows;
  }

  @Override
  public void call(Iterator<Row> partition) throws SQLException, IOException {
    if (!partition.hasNext()) {
      return;
    }
    try (Connection c = DriverManager.getConnection(url, properties)) {
      CopyIn copy = c.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
      try {
        StringBuilder buffer = new StringBuilder(BUFFER + 1024);
        long count = 0;
        while (partition.hasNext()) {
          appendCsv(partition.next(), buffer);
          count++;
          if (buffer.length() >= BUFFER) {
            flush(copy, buffer);
          }
        }
        flush(copy, buffer);
        copy.endCopy();
        rows.add(count);
      } finally {
        if (copy.isActive()) {
          copy.cancelCopy();
        }
      }
    }
  }

  private static void flush(CopyIn copy, StringBuilder buffer) throws SQLException {
    if (buffer.length() > 0) {
      byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
      copy.writeToCopy(bytes, 0, bytes.length);
      buffer.setLength(0);
    }
  }

  /** One CSV line; NULL is an unquoted empty field, text is always quoted so empty strings survive. */
  static void appendCsv(Row row, StringBuilder out) {
    for (int i = 0; i < row.size(); i++) {
      if (i > 0) {
        out.append(',');
      }
      if (!row.isNullAt(i)) {
        String value = row.getString(i);
        out.append('"');
        for (int j = 0; j < value.length(); j++) {
          char ch = value.charAt(j);
          if (ch == '"') {
            out.append('"');
          }
          out.append(ch);
        }
        out.append('"');
      }
    }
    out.append('\n');
  }
}
