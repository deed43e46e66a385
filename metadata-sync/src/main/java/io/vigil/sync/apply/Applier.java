package io.vigil.sync.apply;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.VigilException;
import io.vigil.sync.errors.ErrorJson;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.plan.Change;
import io.vigil.sync.plan.Plan;
import io.vigil.sync.registry.HistoryEntry;
import io.vigil.sync.registry.Registry;
import io.vigil.sync.store.ManagedStore;
import io.vigil.sync.store.Step;
import io.vigil.sync.store.StoreHandles;
import io.vigil.sync.store.SyncStores;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Executes exactly the changes of a plan, in its order, recording each one in the registry as it
 * lands. The changes of a transactional store (Postgres DDL, registry entries) run in one
 * transaction together with their registry rows, so Postgres is never half-applied; the steps of
 * the other stores are idempotent and recorded one by one, so a rerun after a crash converges and
 * the next plan is empty.
 */
public final class Applier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Registry registry;
  private final StoreHandles handles;
  private final String user;
  private final ApplyListener listener;

  private Applier(Registry registry, StoreHandles handles, String user, ApplyListener listener) {
    this.registry = registry;
    this.handles = handles;
    this.user = user;
    this.listener = listener;
  }

  /**
   * An applier acting on {@code handles}; Spark is asked for only when the plan has Delta changes.
   *
   * @param user recorded as {@code applied_by}
   */
  public static Applier of(Registry registry, StoreHandles handles, String user, ApplyListener listener) {
    return new Applier(registry, handles, user, listener == null ? ApplyListener.NONE : listener);
  }

  public ApplyResult apply(Plan plan) {
    if (plan.isBlocked()) {
      throw new IllegalStateException("A blocked plan must not be applied");
    }
    long start = System.nanoTime();
    List<Change> changes = plan.changes();
    List<String> skipped = new ArrayList<>();
    int[] done = {0};
    int i = 0;
    while (i < changes.size()) {
      ManagedStore store = SyncStores.of(changes.get(i).address().store());
      int end = i;
      // Plan order keeps each store's changes together (object-store deletes come last, in a group of their own).
      while (end < changes.size() && changes.get(end).address().store() == store.kind()) {
        end++;
      }
      List<Change> group = changes.subList(i, end);
      if (store.transactional()) {
        inTransaction(plan, store, group, done);
      } else {
        for (Change c : group) {
          if (!one(plan, store, c, done)) {
            skipped.add(c.address().toString());
          }
        }
      }
      i = end;
    }
    return new ApplyResult(done[0], skipped, (System.nanoTime() - start) / 1_000_000);
  }

  /** One change of a non-transactional store, recorded on its own; false when skipped. */
  private boolean one(Plan plan, ManagedStore store, Change change, int[] done) {
    long start = System.nanoTime();
    try {
      if (!store.apply(step(change), handles, null)) {
        return false;
      }
      done[0]++;
      listener.applied(change, done[0]);
      long ms = (System.nanoTime() - start) / 1_000_000;
      registry.postgres().inTransaction(c -> {
        registry.record(c, plan.solution(), plan.commit(), change);
        registry.appendHistory(c, entry(plan, change, ms, true, null));
        return null;
      });
      return true;
    } catch (SQLException e) {
      throw failed(plan, change, start, e);
    } catch (RuntimeException e) {
      throw failed(plan, change, start, e);
    }
  }

  /** The whole group in one transaction with its registry rows. */
  private void inTransaction(Plan plan, ManagedStore store, List<Change> group, int[] done) {
    Change[] current = {null};
    long start = System.nanoTime();
    int before = done[0];
    try {
      registry.postgres().inTransaction(c -> {
        for (Change change : group) {
          current[0] = change;
          long t = System.nanoTime();
          store.apply(step(change), handles, c);
          done[0]++;
          listener.applied(change, done[0]);
          registry.record(c, plan.solution(), plan.commit(), change);
          registry.appendHistory(c, entry(plan, change, (System.nanoTime() - t) / 1_000_000, true, null));
        }
        return null;
      });
    } catch (RuntimeException e) {
      done[0] = before;
      throw failed(plan, current[0] != null ? current[0] : group.get(0), start, e);
    }
  }

  private static Step step(Change change) {
    return new Step(change.action(), change.before(), change.after());
  }

  private VigilException failed(Plan plan, Change change, long start, Exception e) {
    VigilException failure = SyncErrors.changeFailed(change.action().key(), change.address().toString(), e);
    // The history keeps the store's own words, with the id the user was shown.
    String reason = e.getMessage() == null ? e.toString() : e.getMessage();
    try {
      registry.appendHistory(entry(plan, change, (System.nanoTime() - start) / 1_000_000, false,
          JSON.writeValueAsString(ErrorJson.of(reason, failure.errorId()))));
    } catch (RuntimeException | JsonProcessingException ignored) {
      // The failure itself is what the caller must see; a missing history row is secondary.
    }
    return failure;
  }

  private HistoryEntry entry(Plan plan, Change change, long ms, boolean success, String problems) {
    return HistoryEntry.of(plan.solution(), plan.commit(), change.address().toString(), change.action().key(),
        change.checksum(), user, ms, success, problems);
  }
}
