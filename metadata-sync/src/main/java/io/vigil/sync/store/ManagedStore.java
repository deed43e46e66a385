package io.vigil.sync.store;

import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.StoreKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One store that sync manages, and everything sync knows about it: which resources a solution
 * needs there, where its changes go in a plan, which changes are breaking, how a change is carried
 * out, and how the real state is read back for repair. The planner, the applier, repair and the
 * risk SQL check ask the store of a resource's address and never name a store themselves, so a new
 * kind of store resource is added in its store's class alone.
 *
 * <p>Implementations are stateless; what they act on comes in {@link StoreHandles}.
 */
public interface ManagedStore {
  StoreKind kind();

  /** The resources this store holds for the solution being synced. */
  List<Resource> desired(SyncInputs inputs);

  /** When this store's changes run in a plan: lower phases first. */
  int phase(Action action);

  /** Creation order within the store, lower first; deletions run in reverse. */
  int rank(ResourceAddress address);

  /** Which differences between a recorded and a declared spec are breaking, and whether they need a replace. */
  default Verdict classify(ResourceAddress address, Map<String, Object> before, Map<String, Object> after) {
    return Verdict.SAFE;
  }

  /**
   * What happens to a recorded resource that the solution no longer declares.
   *
   * @param pinnedCommits commits whose bundles recorded job runs reference
   * @param pruneBundles whether the bundles of older commits may go
   */
  default Removal removal(Resource recorded, Set<String> pinnedCommits, boolean pruneBundles) {
    return Removal.destroy(Removal.DESTROY_REASON);
  }

  /** True when this store's changes run in one Postgres transaction together with their registry rows. */
  default boolean transactional() {
    return false;
  }

  /**
   * Carries out one change; every step is safe to run again after a crash.
   *
   * @param transaction the open transaction of a {@link #transactional()} store, otherwise null
   * @return false when the change was skipped (a bundle a job run pins)
   */
  boolean apply(Step step, StoreHandles handles, Connection transaction) throws SQLException;

  /** True when repair reads this store's real state; registry entries are what repair compares against. */
  default boolean probed() {
    return true;
  }

  /**
   * The real state of a recorded resource: {@code recorded} itself when it is there as recorded, a
   * resource with the real spec when it differs, or null when it is gone. Never changes the store.
   */
  Resource probe(Resource recorded, StoreHandles handles);
}
