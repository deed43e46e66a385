package io.vigil.sync.apply;

import io.vigil.sync.plan.Change;

/**
 * Told after each change is carried out and before it is committed to the registry. An exception
 * thrown here fails the apply at that point, as a crash would; tests use it to inject failures.
 */
@FunctionalInterface
public interface ApplyListener {
  ApplyListener NONE = (change, done) -> { };

  /** {@code done} counts the changes carried out so far, this one included. */
  void applied(Change change, int done);
}
