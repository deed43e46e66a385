package io.vigil.sync.plan;

import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.StoreKind;
import java.util.List;

/**
 * An immutable plan: the ordered changes that bring a solution's stores to its declared state. The
 * order is the execution order: object store, then Postgres, Delta, models and the registry, each
 * creating in dependency order and destroying in reverse, with object-store deletes last.
 *
 * @param solution the solution's name
 * @param commit the commit the plan applies
 * @param changes the changes, in execution order
 */
public record Plan(String solution, String commit, List<Change> changes) {
  public Plan {
    changes = List.copyOf(changes);
  }

  public boolean isEmpty() {
    return changes.isEmpty();
  }

  /** True when a change is blocked, so nothing may be applied. */
  public boolean isBlocked() {
    return changes.stream().anyMatch(Change::blocked);
  }

  public List<Change> blockedChanges() {
    return changes.stream().filter(Change::blocked).toList();
  }

  public long count(Action action) {
    return changes.stream().filter(c -> c.action() == action).count();
  }

  /** The changes of one store, in plan order. */
  public List<Change> changesOf(StoreKind store) {
    return changes.stream().filter(c -> c.address().store() == store).toList();
  }

  /** {@code Plan: N to create, N to update, N to replace, N to delete.} or the no-changes line. */
  public String summary() {
    if (isEmpty()) {
      return "No changes. Solution is up to date.";
    }
    return "Plan: " + count(Action.CREATE) + " to create, " + count(Action.UPDATE) + " to update, "
        + count(Action.REPLACE) + " to replace, " + count(Action.DELETE) + " to delete.";
  }
}
