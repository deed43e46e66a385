package io.vigil.runtime.connector;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import scala.Tuple2;

/**
 * Turns the numbered lines of one file into rows: the dataset's fields as text, the source file and
 * line, the raw line, and a rejection reason when the line cannot be read. Every non-blank data
 * line yields exactly one row, so nothing is lost.
 */
final class LineParser implements FlatMapFunction<Iterator<Tuple2<String, Long>>, Row>, Serializable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String file;
  private final boolean json;
  private final boolean header;
  private final CsvLine csv;
  /** For each dataset field, the position of its column in the file, or -1 when absent. */
  private final int[] positions;
  /** Number of columns a CSV line must have. */
  private final int width;
  private final List<String> fieldNames;
  /** A reason that rejects every line of the file (e.g. the header lacks fields), or null. */
  private final String fileError;

  LineParser(String file, boolean json, boolean header, CsvLine csv, int[] positions, int width,
      List<String> fieldNames, String fileError) {
    this.file = file;
    this.json = json;
    this.header = header;
    this.csv = csv;
    this.positions = positions;
    this.width = width;
    this.fieldNames = List.copyOf(fieldNames);
    this.fileError = fileError;
  }

  @Override
  public Iterator<Row> call(Iterator<Tuple2<String, Long>> lines) {
    List<Row> out = new ArrayList<>();
    while (lines.hasNext()) {
      Tuple2<String, Long> next = lines.next();
      String line = next._1();
      long number = next._2() + 1;
      if ((header && number == 1 && !json) || line.isBlank()) {
        continue;
      }
      out.add(json ? jsonRow(line, number) : csvRow(line, number));
    }
    return out.iterator();
  }

  private Row csvRow(String line, long number) {
    if (fileError != null) {
      return reject(line, number, fileError);
    }
    CsvLine.Result split = csv.split(line);
    if (split.error() != null) {
      return reject(line, number, split.error());
    }
    if (split.fields().size() != width) {
      return reject(line, number, "expected " + width + " fields, found " + split.fields().size());
    }
    Object[] values = new Object[positions.length + 4];
    for (int i = 0; i < positions.length; i++) {
      values[i] = positions[i] < 0 ? null : split.fields().get(positions[i]);
    }
    return finish(values, line, number, null);
  }

  private Row jsonRow(String line, long number) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (Exception e) {
      return reject(line, number, "not valid JSON: " + firstLine(e.getMessage()));
    }
    if (node == null || !node.isObject()) {
      return reject(line, number, "not a JSON object");
    }
    Object[] values = new Object[fieldNames.size() + 4];
    for (int i = 0; i < fieldNames.size(); i++) {
      JsonNode v = node.get(fieldNames.get(i));
      values[i] = v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }
    return finish(values, line, number, null);
  }

  private Row reject(String line, long number, String reason) {
    return finish(new Object[fieldNames.size() + 4], line, number, "line " + number + ": " + reason);
  }

  private Row finish(Object[] values, String line, long number, String reason) {
    int n = fieldNames.size();
    values[n] = file;
    values[n + 1] = number;
    values[n + 2] = line;
    values[n + 3] = reason;
    return RowFactory.create(values);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
