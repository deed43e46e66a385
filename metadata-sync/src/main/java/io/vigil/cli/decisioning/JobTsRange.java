package io.vigil.cli.decisioning;

import io.vigil.runtime.Vigil;
import java.time.LocalDateTime;
import picocli.CommandLine.Option;

/** {@code --from-job-ts} and {@code --to-job-ts}: a range of execution dates instead of one. */
public final class JobTsRange {
  @Option(names = "--from-job-ts", paramLabel = "<date>", description = "First execution date of the range (default: --execution-date).")
  String from;

  @Option(names = "--to-job-ts", paramLabel = "<date>", description = "Last execution date of the range (default: --execution-date).")
  String to;

  /** The first date, or null for the execution date. */
  LocalDateTime from() {
    return from == null ? null : Vigil.parseDate(from);
  }

  /** The last date, or null for the execution date. */
  LocalDateTime to() {
    return to == null ? null : Vigil.parseDate(to);
  }
}
