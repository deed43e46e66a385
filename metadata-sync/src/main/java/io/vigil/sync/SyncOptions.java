package io.vigil.sync;

import io.vigil.runtime.secret.SecretResolver;
import io.vigil.sync.plan.PlanOptions;
import java.nio.file.Path;
import java.util.List;

/**
 * How a sync runs.
 *
 * @param allowBreaking apply breaking changes
 * @param allowDestroy apply deletes
 * @param pruneBundles delete the bundles of older commits that no recorded run references
 * @param waitForLock wait for another sync of the solution to finish; false fails at once (exit 5)
 * @param privateUsers users who get a PRIVATE data environment besides the syncing user
 * @param airflowDagsDir where DAG specs are rendered (VIGIL_AIRFLOW_DAGS_DIR); null renders none
 * @param activation the Airflow in which the DAGs a sync creates are unpaused once applied
 * @param secrets resolves the references of the report notification target's credentials (default:
 *     this process's environment)
 */
public record SyncOptions(boolean allowBreaking, boolean allowDestroy, boolean pruneBundles, boolean waitForLock,
    List<String> privateUsers, Path airflowDagsDir, DagActivation.Settings activation, SecretResolver secrets) {
  public static final SyncOptions DEFAULTS = new SyncOptions(false, false, false, true, List.of());

  public SyncOptions {
    privateUsers = List.copyOf(privateUsers);
    activation = activation == null ? DagActivation.Settings.NONE : activation;
    secrets = secrets == null ? new SecretResolver(System.getenv()) : secrets;
  }

  public SyncOptions(boolean allowBreaking, boolean allowDestroy, boolean pruneBundles, boolean waitForLock,
      List<String> privateUsers, Path airflowDagsDir, DagActivation.Settings activation) {
    this(allowBreaking, allowDestroy, pruneBundles, waitForLock, privateUsers, airflowDagsDir, activation, null);
  }

  /** These options, resolving secret references with {@code resolver}. */
  public SyncOptions withSecrets(SecretResolver resolver) {
    return new SyncOptions(allowBreaking, allowDestroy, pruneBundles, waitForLock, privateUsers, airflowDagsDir, activation,
        resolver);
  }

  public SyncOptions(boolean allowBreaking, boolean allowDestroy, boolean pruneBundles, boolean waitForLock,
      List<String> privateUsers) {
    this(allowBreaking, allowDestroy, pruneBundles, waitForLock, privateUsers, null, DagActivation.Settings.NONE);
  }

  public PlanOptions planOptions() {
    return new PlanOptions(allowBreaking, allowDestroy, pruneBundles);
  }
}
