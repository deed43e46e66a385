package io.vigil.runtime.job;

import io.vigil.api.job.Job;
import io.vigil.runtime.context.RunContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job's cells in order against a context (S1 §2.5–2.7): logs each cell's duration and
 * outcome, stops at the first failing cell, and records the run with its metrics in
 * {@code vigil_meta.job_runs} (and in MLflow when configured, through the listener).
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

  private JobRunner() {}

  /** What the runner reports while it runs; the CLI prints it. */
  public interface Listener {
    Listener NONE = new Listener() {};

    default void cellStarted(String name) {}

    default void cellFinished(CellRun cell) {}
  }

  /**
   * Runs every cell of {@code job} and returns the run.
   *
   * @throws JobFailedException naming the failing cell when one throws
   */
  public static JobRun run(Job job, String jobId, RunContext context, Listener listener, Consumer<JobRun> recorder) {
    String runId = UUID.randomUUID().toString();
    Instant started = Instant.now();
    Notebook notebook = Notebook.of(job, context);
    List<CellRun> done = new ArrayList<>();
    LOG.info("Job {} for {}: {} cells", jobId, context.executionDate(), notebook.cells().size());
    while (notebook.hasNext()) {
      listener.cellStarted(notebook.cells().get(done.size()));
      CellRun cell = notebook.next();
      done.add(cell);
      listener.cellFinished(cell);
      if (cell.succeeded()) {
        LOG.info("Cell {} {} finished in {} ms", cell.order(), cell.name(), cell.duration().toMillis());
      } else {
        LOG.error("Cell {} {} failed after {} ms: {}", cell.order(), cell.name(), cell.duration().toMillis(), cell.error());
        JobRun run = new JobRun(runId, jobId, context.executionDate(), started, Instant.now(), done, context.metrics().snapshot(),
            context.metrics().attachments());
        recorder.accept(run);
        throw new JobFailedException(run, notebook.lastFailure());
      }
    }
    JobRun run = new JobRun(runId, jobId, context.executionDate(), started, Instant.now(), done, context.metrics().snapshot(),
            context.metrics().attachments());
    recorder.accept(run);
    return run;
  }
}
