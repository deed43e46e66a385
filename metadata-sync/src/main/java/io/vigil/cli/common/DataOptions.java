package io.vigil.cli.common;

import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.progress.Progress;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Options of the commands that work on one execution date: which solution, date and environment. */
public final class DataOptions {
  @Mixin WorkspaceOptions workspace;

  @Option(names = "--execution-date", required = true, paramLabel = "<date>",
      description = "Execution date, ISO-8601: 1995-02-01 or 1995-02-01T00:00:00.")
  String executionDate;

  /** The solution directory. */
  public Path solution() {
    return workspace.solution();
  }

  /** Opens the solution and a context on it; closing the context closes everything. */
  public JobContext open(String writer) {
    return open(writer, Progress.NONE);
  }

  /** The same, reporting how far long work got to {@code progress}. */
  public JobContext open(String writer, Progress progress) {
    return workspace.open(writer, progress, Vigil.parseDate(executionDate));
  }

  /** The same in {@code environment} rather than the one --env names. */
  public JobContext open(String writer, Progress progress, Environment environment) {
    return WorkspaceOptions.open(workspace.solution(), environment, writer, progress, Vigil.parseDate(executionDate));
  }
}
