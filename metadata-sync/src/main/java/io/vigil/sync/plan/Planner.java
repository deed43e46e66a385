package io.vigil.sync.plan;

import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.store.ManagedStore;
import io.vigil.sync.store.Removal;
import io.vigil.sync.store.SyncStores;
import io.vigil.sync.store.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a sync: a pure function of the declared resources and the recorded state. Unchanged
 * resources (equal spec hash) produce nothing; only declared specs are compared, never timestamps
 * or commits. What is breaking, what a removal does and where a change goes in the plan is each
 * store's to say.
 */
public final class Planner {
  private Planner() {}

  public static Plan plan(String solution, String commit, List<Resource> desired, CurrentState current, PlanOptions options) {
    Map<ResourceAddress, Resource> wanted = new LinkedHashMap<>();
    for (Resource r : desired) {
      if (wanted.putIfAbsent(r.address(), r) != null) {
        throw new IllegalStateException("Resource declared twice: " + r.address());
      }
    }
    List<Change> changes = new ArrayList<>();
    for (Resource after : wanted.values()) {
      Resource before = current.resources().get(after.address());
      if (before == null) {
        changes.add(new Change.Create(after));
      } else if (!before.hash().equals(after.hash())) {
        List<PropertyDiff> diffs = Diffs.between(before.spec(), after.spec());
        Verdict verdict = store(after.address()).classify(after.address(), before.spec(), after.spec());
        boolean blocked = !verdict.breaking().isEmpty() && !options.allowBreaking();
        changes.add(verdict.replace()
            ? new Change.Replace(before, after, diffs, verdict.breaking(), blocked)
            : new Change.Update(before, after, diffs, verdict.breaking(), blocked));
      }
    }
    for (Resource before : current.resources().values()) {
      if (wanted.containsKey(before.address())) {
        continue;
      }
      Removal removal = store(before.address()).removal(before, current.pinnedCommits(), options.pruneBundles());
      if (!removal.kept()) {
        changes.add(new Change.Delete(before, removal.reasons(), removal.destructive() && !options.allowDestroy()));
      }
    }
    changes.sort(ORDER);
    return new Plan(solution, commit, changes);
  }

  /** Execution order: phase, then creations by rank and deletions in reverse, then kind and name. */
  static final Comparator<Change> ORDER = Comparator
      .comparingInt(Planner::phase)
      .thenComparingInt(c -> c.action() == Action.DELETE ? 1 : 0)
      .thenComparingInt(c -> c.action() == Action.DELETE ? -rank(c) : rank(c))
      .thenComparing(c -> c.address().kindKey())
      .thenComparing(c -> c.address().localName());

  private static int phase(Change c) {
    return store(c.address()).phase(c.action());
  }

  private static int rank(Change c) {
    return store(c.address()).rank(c.address());
  }

  private static ManagedStore store(ResourceAddress address) {
    return SyncStores.of(address.store());
  }
}
