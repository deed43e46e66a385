package io.vigil.cli.data;

import io.vigil.runtime.report.CsvTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/** Rows printed as {@code --output csv} (with a header) or {@code json} (one object per line), for read and rejected. */
final class RowsOutput {
  private RowsOutput() {}

  /** True for json, false for csv; anything else is a usage error of {@code --output}. */
  static boolean json(CommandSpec spec, String format) {
    return switch (format.toLowerCase(Locale.ROOT)) {
      case "json" -> true;
      case "csv" -> false;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--output': '" + format + "' (expected csv or json)");
    };
  }

  static void print(PrintWriter out, Dataset<Row> rows, boolean json) {
    if (json) {
      rows.toJSON().collectAsList().forEach(out::println);
      return;
    }
    List<List<Object>> lines = new ArrayList<>();
    for (Row r : rows.collectAsList()) {
      List<Object> line = new ArrayList<>();
      for (int i = 0; i < r.size(); i++) {
        line.add(r.get(i));
      }
      lines.add(line);
    }
    out.print(CsvTable.text(List.of(rows.columns()), lines));
  }
}
