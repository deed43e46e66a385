package io.vigil.testkit;

import io.vigil.sync.SyncResult;
import io.vigil.sync.SyncStatus;
import io.vigil.sync.plan.PlanText;
import org.opentest4j.AssertionFailedError;

/**
 * The solution under test does not validate, or its plan is blocked: the tests fail with the
 * report, which says what to fix, and without a stack trace, which would say nothing useful.
 */
final class SolutionNotApplied extends AssertionFailedError {
  SolutionNotApplied(SyncResult result) {
    super(message(result));
  }

  private static String message(SyncResult result) {
    if (result.status() == SyncStatus.INVALID) {
      return "Cannot test solution " + result.solution() + ": it does not validate.\n" + result.report().renderText();
    }
    return "Cannot test solution " + result.solution() + ": its plan has blocked changes.\n" + PlanText.render(result.plan());
  }

  @Override
  public synchronized Throwable fillInStackTrace() {
    return this;
  }
}
