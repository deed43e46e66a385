package io.vigil.sync.store;

import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;

/**
 * One planned change as a store carries it out.
 *
 * @param before the recorded resource; null for a create
 * @param after the declared resource, with its payload; null for a delete
 */
public record Step(Action action, Resource before, Resource after) {
  public ResourceAddress address() {
    return after != null ? after.address() : before.address();
  }

  /** The spec the step acts on: the declared one, or the recorded one of a delete. */
  public java.util.Map<String, Object> spec() {
    return after != null ? after.spec() : before.spec();
  }
}
