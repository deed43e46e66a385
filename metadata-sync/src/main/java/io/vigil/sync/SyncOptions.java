package io.vigil.sync;

import io.vigil.sync.plan.PlanOptions;
import java.util.List;

/**
 * How a sync runs.
 *
 * @param allowBreaking apply breaking changes
 * @param allowDestroy apply deletes
 * @param pruneBundles delete the bundles of older commits that no recorded run references
 * @param waitForLock wait for another sync of the solution to finish; false fails at once (exit 5)
 * @param privateUsers users who get a PRIVATE data environment besides the syncing user
 */
public record SyncOptions(boolean allowBreaking, boolean allowDestroy, boolean pruneBundles, boolean waitForLock,
    List<String> privateUsers) {
  public static final SyncOptions DEFAULTS = new SyncOptions(false, false, false, true, List.of());

  public SyncOptions {
    privateUsers = List.copyOf(privateUsers);
  }

  public PlanOptions planOptions() {
    return new PlanOptions(allowBreaking, allowDestroy, pruneBundles);
  }
}
