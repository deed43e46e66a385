package io.vigil.runtime.job;

import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;

/**
 * A job stopped because one of its cells threw; carries the finished run for reporting. When the cell
 * threw a Vigil error, this exception has that error's id and category, and its message names the job
 * and the cell in front of the cell's error (with its id).
 */
public final class JobFailedException extends VigilException {
  private final transient JobRun run;

  JobFailedException(JobRun run, Throwable cause) {
    super(RuntimeErrors.cellFailed(run.job(), run.failedCell().name(), run.failedCell().error(), cause));
    this.run = run;
  }

  public JobRun run() {
    return run;
  }
}
