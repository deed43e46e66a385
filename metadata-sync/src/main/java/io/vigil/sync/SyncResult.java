package io.vigil.sync;

import io.vigil.api.validation.ValidationReport;
import io.vigil.sync.apply.ApplyResult;
import io.vigil.sync.plan.Plan;
import io.vigil.sync.report.PendingModelReport;

/**
 * The outcome of a plan or a sync.
 *
 * @param status how it ended
 * @param solution the solution's name
 * @param commit the commit
 * @param report validation problems, including risk SQL problems; never null
 * @param plan the plan, or null when validation failed before planning
 * @param applied what the apply did, or null when nothing was applied
 * @param activation which new DAGs were unpaused in Airflow, and why others stayed paused
 * @param modelReport the model update report owed once the commit is promoted; null when none is
 */
public record SyncResult(SyncStatus status, String solution, String commit, ValidationReport report, Plan plan,
    ApplyResult applied, DagActivation.Outcome activation, PendingModelReport modelReport) {
  public SyncResult {
    activation = activation == null ? DagActivation.Outcome.NONE : activation;
  }

  /** A result before activation. */
  public SyncResult(SyncStatus status, String solution, String commit, ValidationReport report, Plan plan, ApplyResult applied) {
    this(status, solution, commit, report, plan, applied, DagActivation.Outcome.NONE, null);
  }

  /** This result with the outcome of activating its DAGs. */
  public SyncResult withActivation(DagActivation.Outcome outcome) {
    return new SyncResult(status, solution, commit, report, plan, applied, outcome, modelReport);
  }

  /** This result owing {@code pending} once promoted. */
  public SyncResult withModelReport(PendingModelReport pending) {
    return new SyncResult(status, solution, commit, report, plan, applied, activation, pending);
  }
}
