package io.vigil.cli.data;

import io.vigil.cli.common.DataOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.progress.Progress;

/**
 * The context {@code read} and {@code publish} work in: the environment {@code --env} names, or,
 * without it, the one the dataset's latest write for the execution date went to (the default
 * environment when none has rows for it). Closing it closes both contexts it may hold.
 */
final class ChosenEnvironment implements AutoCloseable {
  private final JobContext probe;
  private final JobContext chosen;
  private final boolean explicit;
  private final String dataset;
  /** Found when the environment was chosen; with --env, only once {@link #whyEmpty} needs it. */
  private WrittenEnvironments written;

  private ChosenEnvironment(JobContext probe, JobContext chosen, boolean explicit, String dataset, WrittenEnvironments written) {
    this.probe = probe;
    this.chosen = chosen;
    this.explicit = explicit;
    this.dataset = dataset;
    this.written = written;
  }

  static ChosenEnvironment open(DataOptions data, boolean explicit, String writer, Progress progress, String dataset) {
    JobContext probe = data.open(writer, progress);
    try {
      if (explicit) {
        return new ChosenEnvironment(probe, probe, true, dataset, null);
      }
      WrittenEnvironments written = WrittenEnvironments.of(probe, dataset);
      Environment target = written.latest().orElse(probe.environment());
      // Opened while the probe is open, the second context shares its Spark session.
      JobContext chosen = target.equals(probe.environment()) ? probe : data.open(writer, progress, target);
      return new ChosenEnvironment(probe, chosen, false, dataset, written);
    } catch (RuntimeException e) {
      probe.close();
      throw e;
    }
  }

  JobContext context() {
    return chosen;
  }

  /** Which environment, and why: a sentence for the user. */
  String why() {
    Environment env = chosen.environment();
    if (explicit) {
      return env + " (--env)";
    }
    return written.latest().isPresent()
        ? env + ": the latest write of its rows for " + chosen.executionDate() + " went there (--env chooses another)"
        : env + ", the default: no environment has rows of it for " + chosen.executionDate();
  }

  /** Why nothing was found in the chosen environment, naming the environments that have rows for the date. */
  String whyEmpty() {
    if (written == null) {
      written = WrittenEnvironments.of(chosen, dataset);
    }
    String others = written.others(chosen.environment());
    return "no rows for " + chosen.executionDate() + " in " + chosen.environment() + "; "
        + (others.isEmpty() ? "no environment has rows for that date" : others + " (choose it with --env)");
  }

  @Override
  public void close() {
    try {
      if (chosen != probe) {
        chosen.close();
      }
    } finally {
      probe.close();
    }
  }
}
