package io.vigil.runtime.job;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;

/** A job stopped because one of its cells threw; carries the finished run for reporting. */
public final class JobFailedException extends VigilException {
  private final transient JobRun run;

  JobFailedException(JobRun run, Throwable cause) {
    super(cause instanceof VigilException v ? v.code() : ErrorCode.INTERNAL,
        "Cannot finish job " + run.job() + ": cell " + run.failedCell().name() + " failed: " + run.failedCell().error(), cause);
    this.run = run;
  }

  public JobRun run() {
    return run;
  }
}
