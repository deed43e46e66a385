package io.vigil.sync.plan;

import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import java.util.List;

/**
 * One step of a plan. Every change names its resource, the recorded and the declared spec (null
 * for a create or a delete respectively), the property diffs, and the reasons it is gated:
 * breaking changes need {@code --allow-breaking} and deletes {@code --allow-destroy}. A blocked
 * change is one whose gate was not opened; a plan with a blocked change applies nothing.
 */
public sealed interface Change permits Change.Create, Change.Update, Change.Replace, Change.Delete {
  Resource before();

  Resource after();

  List<PropertyDiff> diffs();

  /** Why the change is breaking or destructive; empty for a safe change. */
  List<String> reasons();

  boolean blocked();

  Action action();

  default ResourceAddress address() {
    return after() != null ? after().address() : before().address();
  }

  /** The spec hash the change leaves behind; null after a delete. */
  default String checksum() {
    return after() == null ? null : after().hash();
  }

  record Create(Resource after) implements Change {
    @Override
    public Resource before() {
      return null;
    }

    @Override
    public List<PropertyDiff> diffs() {
      return List.of();
    }

    @Override
    public List<String> reasons() {
      return List.of();
    }

    @Override
    public boolean blocked() {
      return false;
    }

    @Override
    public Action action() {
      return Action.CREATE;
    }
  }

  record Update(Resource before, Resource after, List<PropertyDiff> diffs, List<String> reasons, boolean blocked)
      implements Change {
    public Update {
      diffs = List.copyOf(diffs);
      reasons = List.copyOf(reasons);
    }

    @Override
    public Action action() {
      return Action.UPDATE;
    }
  }

  record Replace(Resource before, Resource after, List<PropertyDiff> diffs, List<String> reasons, boolean blocked)
      implements Change {
    public Replace {
      diffs = List.copyOf(diffs);
      reasons = List.copyOf(reasons);
    }

    @Override
    public Action action() {
      return Action.REPLACE;
    }
  }

  record Delete(Resource before, List<String> reasons, boolean blocked) implements Change {
    public Delete {
      reasons = List.copyOf(reasons);
    }

    @Override
    public Resource after() {
      return null;
    }

    @Override
    public List<PropertyDiff> diffs() {
      return List.of();
    }

    @Override
    public Action action() {
      return Action.DELETE;
    }
  }
}
