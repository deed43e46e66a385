package io.vigil.cli.data;

import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.dataset.Rejections;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil rejected}: the rows a dataset's writes rejected, with where they came from and why. */
@Command(
    name = "rejected",
    mixinStandardHelpOptions = true,
    description = {
      "Print the rows a dataset's writes rejected for an execution date, by file and line: the writer, the file and",
      "line, the validator that refused the row (\"parse error\" for a value that is not of its field's type), the",
      "reason and the raw record. A summary per reason goes to standard error."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:printed (also when nothing was rejected)", "1:internal error", "2:invalid command line",
        "3:invalid solution or unknown dataset"})
public final class RejectedCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataOptions data;

  @Parameters(index = "0", paramLabel = "<dataset>", description = "Dataset identifier.")
  String dataset;

  /** Acted on by {@code Main}, which picks the logging configuration before anything logs. */
  @Option(names = "--verbose", description = "Also print the warnings of Spark, Hadoop and Delta.")
  boolean verbose;

  @Option(names = "--limit", defaultValue = "100", paramLabel = "<n>", description = "Rows to print (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--output", defaultValue = "csv", paramLabel = "csv|json", description = "csv (with a header) or json (one object per line).")
  String format;

  @Override
  public Integer call() {
    if (limit < 0) {
      throw new ParameterException(spec.commandLine(), "Invalid value for option '--limit': " + limit
          + " (a count of rows, 0 or more).");
    }
    boolean json = RowsOutput.json(spec, format);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    try (JobContext context = data.open("cli:rejected")) {
      Map<String, Long> reasons = Rejections.reasons(context, dataset, null);
      long total = reasons.values().stream().mapToLong(Long::longValue).sum();
      Dataset<Row> rows = Rejections.read(context, dataset).limit(limit);
      RowsOutput.print(out, rows, json);
      out.flush();
      err.println(total == 0 ? "No rows of dataset " + dataset + " were rejected for " + context.executionDate() + " in "
          + context.environment() + "."
          : total + " rows of dataset " + dataset + " rejected for " + context.executionDate() + " in " + context.environment()
              + ", by reason: " + summary(reasons) + (total > limit ? "; the first " + limit + " are shown (--limit)." : "."));
      err.flush();
    }
    return ExitCodes.OK;
  }

  /** {@code parse error 3, positive_amount 2}. */
  static String summary(Map<String, Long> reasons) {
    return reasons.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
  }
}
