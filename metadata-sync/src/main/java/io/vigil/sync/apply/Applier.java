package io.vigil.sync.apply;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.runtime.model.ModelExport;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.sync.plan.Action;
import io.vigil.sync.plan.Change;
import io.vigil.sync.plan.Plan;
import io.vigil.sync.registry.HistoryEntry;
import io.vigil.sync.registry.Registry;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.Targets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Executes exactly the changes of a plan, in its order, recording each one in the registry as it
 * lands. Postgres DDL runs in one transaction together with its registry rows, so Postgres is never
 * half-applied; object-store, Delta and model steps are idempotent and recorded one by one, so a
 * rerun after a crash converges and the next plan is empty. Registry entries are written last, in
 * one transaction.
 */
public final class Applier {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Registry registry;
  private final ObjectStore objects;
  private final Supplier<SparkSession> spark;
  private final ModelRegistry models;
  private final String user;
  private final ApplyListener listener;

  private Applier(Registry registry, ObjectStore objects, Supplier<SparkSession> spark, ModelRegistry models, String user,
      ApplyListener listener) {
    this.registry = registry;
    this.objects = objects;
    this.spark = spark;
    this.models = models;
    this.user = user;
    this.listener = listener;
  }

  /**
   * An applier. {@code spark} is asked for a session only when the plan has Delta changes.
   *
   * @param user recorded as {@code applied_by}
   */
  public static Applier of(Registry registry, ObjectStore objects, Supplier<SparkSession> spark, ModelRegistry models,
      String user, ApplyListener listener) {
    return new Applier(registry, objects, spark, models, user, listener == null ? ApplyListener.NONE : listener);
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
      String target = changes.get(i).address().target();
      int end = i;
      while (end < changes.size() && sameGroup(changes.get(i), changes.get(end))) {
        end++;
      }
      List<Change> group = changes.subList(i, end);
      switch (target) {
        case Targets.POSTGRES, Targets.REGISTRY -> inTransaction(plan, group, done);
        default -> {
          for (Change c : group) {
            if (!one(plan, c, done)) {
              skipped.add(c.address().toString());
            }
          }
        }
      }
      i = end;
    }
    return new ApplyResult(done[0], skipped, (System.nanoTime() - start) / 1_000_000);
  }

  /** Plan order keeps each target's changes together (object-store deletes come last, in a group of their own). */
  private static boolean sameGroup(Change first, Change other) {
    return first.address().target().equals(other.address().target());
  }

  /** One object-store, Delta or model change, recorded on its own; false when skipped. */
  private boolean one(Plan plan, Change change, int[] done) {
    long start = System.nanoTime();
    try {
      boolean carried = switch (change.address().target()) {
        case Targets.S3 -> ObjectStoreSteps.apply(objects, change, registry.pinnedCommits(plan.solution()));
        case Targets.DELTA -> {
          DeltaSteps.apply(spark.get(), change);
          yield true;
        }
        case Targets.MODELS -> {
          model(change);
          yield true;
        }
        case Targets.AIRFLOW -> {
          DagFiles.apply(change);
          yield true;
        }
        default -> throw new IllegalStateException("No steps for " + change.address());
      };
      if (!carried) {
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
    } catch (RuntimeException e) {
      throw failed(plan, change, start, e);
    }
  }

  /** Postgres DDL or registry entries: all of the group in one transaction with their registry rows. */
  private void inTransaction(Plan plan, List<Change> group, int[] done) {
    Change[] current = {null};
    long start = System.nanoTime();
    int before = done[0];
    try {
      registry.postgres().inTransaction(c -> {
        for (Change change : group) {
          current[0] = change;
          long t = System.nanoTime();
          if (change.address().target().equals(Targets.POSTGRES)) {
            execute(c, PostgresSteps.statements(change));
          }
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

  private void model(Change change) {
    if (change.action() == Action.DELETE) {
      models.delete(change.address().name());
    } else {
      change.after().payload(ModelExport.class).importInto(models);
    }
  }

  private static void execute(Connection c, List<String> statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  private VigilException failed(Plan plan, Change change, long start, RuntimeException e) {
    String reason = e.getMessage() == null ? e.toString() : e.getMessage();
    try {
      registry.appendHistory(entry(plan, change, (System.nanoTime() - start) / 1_000_000, false,
          JSON.writeValueAsString(Map.of("error", reason))));
    } catch (RuntimeException | com.fasterxml.jackson.core.JsonProcessingException ignored) {
      // The failure itself is what the caller must see; a missing history row is secondary.
    }
    ResourceAddress a = change.address();
    return new VigilException(e instanceof VigilException v ? v.code() : ErrorCode.STORE_FAILURE,
        "Cannot " + change.action().key() + " " + a + ": " + reason
            + "; what was applied before is recorded, so running the sync again continues from here", e);
  }

  private HistoryEntry entry(Plan plan, Change change, long ms, boolean success, String problems) {
    return HistoryEntry.of(plan.solution(), plan.commit(), change.address().toString(), change.action().key(),
        change.checksum(), user, ms, success, problems);
  }
}
