package io.vigil.runtime.progress;

/**
 * Where a long command reports how far it got: the stage it is in, the units done in that stage
 * (files, rows, tasks, changes), and the stage's end. Counts are what was really done, as Spark's
 * listeners or the command itself saw them, never estimates. Implementations are thread-safe,
 * since Spark reports from its listener thread.
 */
public interface Progress {
  /** Reports nothing. */
  Progress NONE = new Progress() {
    @Override
    public void stage(String name) {}

    @Override
    public void advance(String unit, long done, long total) {}

    @Override
    public void done(String summary) {}
  };

  /** A new stage starts, e.g. {@code upload transactions: tx_2024_01.csv}; it ends the previous one. */
  void stage(String name);

  /** {@code done} of {@code total} {@code unit}s of the current stage are finished; {@code total} is -1 when unknown. */
  void advance(String unit, long done, long total);

  /** The current stage ended with {@code summary}, e.g. {@code 1,204 rows written}. */
  void done(String summary);
}
