package io.vigil.sync.plan;

/**
 * The gates of a plan.
 *
 * @param allowBreaking apply breaking changes (removed field, narrowed type, changed key, ingestion
 *     mode or partitioning, and every replace)
 * @param allowDestroy apply deletes
 * @param pruneBundles delete the bundles of older commits that no recorded run references
 */
public record PlanOptions(boolean allowBreaking, boolean allowDestroy, boolean pruneBundles) {
  public static final PlanOptions SAFE = new PlanOptions(false, false, false);
}
