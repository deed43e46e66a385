package io.vigil.sync.apply;

import io.vigil.runtime.store.ObjectStore;
import io.vigil.sync.plan.Action;
import io.vigil.sync.plan.Change;
import io.vigil.sync.resource.DesiredState.BundlePayload;
import io.vigil.sync.resource.Targets;
import java.util.Map;
import java.util.Set;

/**
 * Object-store changes. Each is idempotent: the bucket is made unless it exists, a prefix is a
 * zero-byte folder marker, and the bundle is written whole. Destroying a prefix removes only its
 * marker; files under it are data and stay.
 */
final class ObjectStoreSteps {
  private ObjectStoreSteps() {}

  /** Carries out {@code change}; returns false when it was skipped because a run pins the bundle. */
  static boolean apply(ObjectStore store, Change change, Set<String> pinnedCommits) {
    Map<String, Object> spec = change.action() == Action.DELETE ? change.before().spec() : change.after().spec();
    String bucket = (String) spec.get("bucket");
    switch (change.address().kind()) {
      case Targets.BUCKET -> {
        if (change.action() != Action.DELETE) {
          store.ensureBucket(bucket);
        }
        // A bucket is never deleted: it is named after the solution and so outlives every commit.
      }
      case Targets.PREFIX -> {
        String key = (String) spec.get("key");
        if (change.action() == Action.DELETE) {
          store.delete(bucket, key);
        } else if (!store.exists(bucket, key)) {
          store.put(bucket, key, new byte[0]);
        }
      }
      case Targets.BUNDLE -> {
        String key = (String) spec.get("key");
        if (change.action() == Action.DELETE) {
          // A run may have started since the plan was made: check the pins again right before deleting.
          if (pinnedCommits.contains(String.valueOf(spec.get("commit")))) {
            return false;
          }
          store.delete(bucket, key);
        } else {
          store.put(bucket, key, change.after().payload(BundlePayload.class).bytes());
        }
      }
      default -> throw new IllegalStateException("No object-store steps for " + change.address());
    }
    return true;
  }
}
