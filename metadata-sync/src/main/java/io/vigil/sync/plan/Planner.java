package io.vigil.sync.plan;

import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.Targets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans a sync: a pure function of the declared resources and the recorded state. Unchanged
 * resources (equal spec hash) produce nothing; only declared specs are compared, never timestamps
 * or commits.
 */
public final class Planner {
  static final String DESTROY_REASON = "it is no longer declared; deleting it deletes its data";

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
        ChangeRules.Verdict verdict = ChangeRules.classify(after.address(), before.spec(), after.spec());
        boolean blocked = !verdict.breaking().isEmpty() && !options.allowBreaking();
        changes.add(verdict.replace()
            ? new Change.Replace(before, after, diffs, verdict.breaking(), blocked)
            : new Change.Update(before, after, diffs, verdict.breaking(), blocked));
      }
    }
    for (Resource before : current.resources().values()) {
      if (wanted.containsKey(before.address()) || retained(before, current, options)) {
        continue;
      }
      if (before.address().target().equals(Targets.AIRFLOW)) {
        // A DAG file holds no data: removing the spec removes the file without --allow-destroy.
        changes.add(new Change.Delete(before, List.of("the DAG spec was removed from the solution"), false));
      } else {
        changes.add(new Change.Delete(before, List.of(DESTROY_REASON), !options.allowDestroy()));
      }
    }
    changes.sort(ORDER);
    return new Plan(solution, commit, changes);
  }

  /** Bundles of older commits stay unless pruning was asked for, and pinned ones always stay (MS-6). */
  private static boolean retained(Resource bundle, CurrentState current, PlanOptions options) {
    ResourceAddress a = bundle.address();
    if (!a.target().equals(Targets.S3) || !a.kind().equals(Targets.BUNDLE)) {
      return false;
    }
    Object commit = bundle.spec().get("commit");
    return !options.pruneBundles() || current.pinnedCommits().contains(String.valueOf(commit));
  }

  /** Execution order: phase, then creations by dependency rank and deletions in reverse, then kind and name. */
  static final Comparator<Change> ORDER = Comparator
      .comparingInt(Planner::phase)
      .thenComparingInt(c -> c.action() == Action.DELETE ? 1 : 0)
      .thenComparingInt(c -> c.action() == Action.DELETE ? -rank(c.address()) : rank(c.address()))
      .thenComparing(c -> c.address().kind())
      .thenComparing(c -> c.address().name());

  static int phase(Change c) {
    return switch (c.address().target()) {
      case Targets.S3 -> c.action() == Action.DELETE ? 5 : 0;
      case Targets.POSTGRES -> 1;
      case Targets.DELTA -> 2;
      case Targets.MODELS -> 3;
      case Targets.REGISTRY -> 4;
      default -> 6;
    };
  }

  static int rank(ResourceAddress a) {
    return switch (a.kind()) {
      case Targets.BUCKET, Targets.SCHEMA -> 0;
      case Targets.PREFIX, Targets.TABLE, Targets.MODEL -> 1;
      case Targets.BUNDLE -> 2;
      default -> a.target().equals(Targets.REGISTRY) ? ChangeRules.registryRank(a.kind()) : 9;
    };
  }
}
