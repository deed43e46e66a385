package io.vigil.cli.data;

import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.dataset.ReadOptions;
import io.vigil.runtime.progress.Progress;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil read}: prints a dataset as a job would read it. */
@Command(
    name = "read",
    mixinStandardHelpOptions = true,
    description = {
      "Read a dataset as of an execution date and print it as CSV or JSON lines.",
      "APPEND: the rows of that date (or of --from-job-ts..--to-job-ts); OVERWRITE/UPDATE: the as-of view.",
      "Without --env it reads the environment that the dataset's latest write for that date went to (PUBLIC or",
      "your PRIVATE sandbox), and says which on standard error.",
      "Encrypted fields print as ciphertext (v1:<key id>:…) unless --decrypt is given with a --reason; a decrypting read,",
      "and any read of a dataset with audited fields, writes a row to vigil_meta.read_audit (who, when, fields, rows, reason)."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:read", "1:internal error", "2:invalid command line", "3:invalid solution or unknown dataset"})
public final class ReadCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin DataOptions data;

  @Parameters(index = "0", paramLabel = "<dataset>", description = "Dataset identifier.")
  String dataset;

  @Option(names = "--from-job-ts", paramLabel = "<date>", description = "APPEND: first execution date to include.")
  String from;

  @Option(names = "--to-job-ts", paramLabel = "<date>", description = "APPEND: last execution date to include; OVERWRITE/UPDATE: the as-of date.")
  String to;

  /** Acted on by {@code Main}, which picks the logging configuration before anything logs. */
  @Option(names = "--verbose", description = "Also print the warnings of Spark, Hadoop and Delta.")
  boolean verbose;

  @Option(names = "--limit", defaultValue = "100", paramLabel = "<n>", description = "Rows to print (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--output", defaultValue = "csv", paramLabel = "csv|json", description = "csv (with a header) or json (one object per line).")
  String format;

  @Option(names = "--decrypt", description = "Print encrypted fields as plain text; needs --reason, and is audited.")
  boolean decrypt;

  @Option(names = "--reason", paramLabel = "<text>", description = "Why you decrypt, written to the audit (with --decrypt).")
  String reason;

  @Override
  public Integer call() {
    if (reason != null && !decrypt) {
      throw new ParameterException(spec.commandLine(), "--reason applies to a decrypting read and needs --decrypt.");
    }
    boolean json = RowsOutput.json(spec, format);
    PrintWriter out = spec.commandLine().getOut();
    boolean explicit = spec.commandLine().getParseResult().hasMatchedOption("--env");
    try (ChosenEnvironment chosen = ChosenEnvironment.open(data, explicit, "cli:read", Progress.NONE, dataset)) {
      JobContext context = chosen.context();
      spec.commandLine().getErr().println("Reading " + dataset + " from " + chosen.why() + ".");
      spec.commandLine().getErr().flush();
      ReadOptions options = from == null && to == null ? ReadOptions.DEFAULT
          : ReadOptions.range(from == null ? null : Vigil.parseDate(from), to == null ? null : Vigil.parseDate(to));
      if (decrypt) {
        options = options.decrypt(reason);
      }
      Dataset<Row> rows = Datasets.read(context, dataset, options).limit(limit);
      RowsOutput.print(out, rows, json);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
