package io.vigil.sync.store;

import io.vigil.api.connector.Connector;
import io.vigil.api.entity.EntityKind;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.ResourceKind;
import io.vigil.sync.resource.StoreKind;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The object store: the solution's bucket (and the warehouse's, when Delta lives on {@code s3a://}),
 * the landing and archive prefixes of its connectors, and the bundle of each commit. Each step is
 * idempotent: a bucket is made unless it exists, a prefix is a zero-byte folder marker, and a bundle
 * is written whole. Destroying a prefix removes only its marker, since files under it are data; a
 * bucket is never deleted, because it is named after the solution and outlives every commit.
 * Bundles of older commits stay unless pruning was asked for, and pinned ones always stay (MS-6).
 */
final class BucketStore implements ManagedStore {
  /** The payload of a bundle resource: the jar's bytes. */
  record BundlePayload(byte[] bytes) {}

  @Override
  public StoreKind kind() {
    return StoreKind.OBJECT_STORE;
  }

  @Override
  public List<Resource> desired(SyncInputs in) {
    List<Resource> out = new ArrayList<>();
    Layout layout = in.layout();
    String bucket = layout.bucket();
    out.add(Resource.of(ResourceAddress.of(ResourceKind.BUCKET, bucket), Map.of("bucket", bucket)));
    String warehouseBucket = warehouseBucket(in.warehouseRoot());
    if (warehouseBucket != null && !warehouseBucket.equals(bucket)) {
      out.add(Resource.of(ResourceAddress.of(ResourceKind.BUCKET, warehouseBucket), Map.of("bucket", warehouseBucket)));
    }
    Set<String> prefixes = new LinkedHashSet<>();
    for (Connector c : in.solution().all(EntityKind.CONNECTOR, Connector.class)) {
      if (c.landingFolder() != null) {
        prefixes.add(layout.landingPrefix(c.landingFolder()));
      }
      prefixes.add(layout.archivePrefix(c.identifier()));
    }
    for (String prefix : prefixes) {
      out.add(Resource.of(ResourceAddress.of(ResourceKind.PREFIX, prefix), Map.of("bucket", bucket, "key", prefix)));
    }
    if (in.bundle() != null) {
      String key = layout.bundleKey(in.commit());
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("bucket", bucket);
      spec.put("key", key);
      spec.put("commit", in.commit());
      spec.put("sha256", Digests.sha256(in.bundle()));
      spec.put("size", in.bundle().length);
      out.add(Resource.of(ResourceAddress.of(ResourceKind.BUNDLE, key), spec, new BundlePayload(in.bundle())));
    }
    return out;
  }

  /** Buckets and prefixes come first so everything else can land; deletes come last, after the registry. */
  @Override
  public int phase(Action action) {
    return action == Action.DELETE ? 5 : 0;
  }

  @Override
  public int rank(ResourceAddress address) {
    return switch (address.kind()) {
      case BUCKET -> 0;
      case PREFIX -> 1;
      default -> 2;
    };
  }

  @Override
  public Removal removal(Resource recorded, Set<String> pinnedCommits, boolean pruneBundles) {
    if (recorded.address().kind() == ResourceKind.BUNDLE
        && (!pruneBundles || pinnedCommits.contains(String.valueOf(recorded.spec().get("commit"))))) {
      return Removal.keep();
    }
    return Removal.destroy(Removal.DESTROY_REASON);
  }

  @Override
  public boolean apply(Step step, StoreHandles handles, Connection transaction) {
    ObjectStore store = handles.objects();
    Map<String, Object> spec = step.spec();
    String bucket = (String) spec.get("bucket");
    boolean delete = step.action() == Action.DELETE;
    switch (step.address().kind()) {
      case BUCKET -> {
        if (!delete) {
          store.ensureBucket(bucket);
        }
      }
      case PREFIX -> {
        String key = (String) spec.get("key");
        if (delete) {
          store.delete(bucket, key);
        } else if (!store.exists(bucket, key)) {
          store.put(bucket, key, new byte[0]);
        }
      }
      case BUNDLE -> {
        String key = (String) spec.get("key");
        if (delete) {
          // A run may have started since the plan was made: check the pins again right before deleting.
          if (handles.pinnedCommits().get().contains(String.valueOf(spec.get("commit")))) {
            return false;
          }
          store.delete(bucket, key);
        } else {
          store.put(bucket, key, step.after().payload(BundlePayload.class).bytes());
        }
      }
      default -> throw new IllegalStateException("No object-store steps for " + step.address());
    }
    return true;
  }

  @Override
  public Resource probe(Resource recorded, StoreHandles handles) {
    ObjectStore objects = handles.objects();
    String bucket = (String) recorded.spec().get("bucket");
    boolean exists = switch (recorded.address().kind()) {
      case BUCKET -> objects.bucketExists(bucket);
      case BUNDLE -> {
        ObjectInfo info = objects.bucketExists(bucket) ? objects.stat(bucket, (String) recorded.spec().get("key")) : null;
        yield info != null && info.size() == ((Number) recorded.spec().get("size")).longValue();
      }
      default -> objects.bucketExists(bucket) && objects.exists(bucket, (String) recorded.spec().get("key"));
    };
    return exists ? recorded : null;
  }

  /** The bucket of an {@code s3a://bucket/…} warehouse, or null for a local one. */
  static String warehouseBucket(String warehouseRoot) {
    if (warehouseRoot == null || !warehouseRoot.startsWith("s3a://")) {
      return null;
    }
    String rest = warehouseRoot.substring("s3a://".length());
    int slash = rest.indexOf('/');
    return slash < 0 ? rest : rest.substring(0, slash);
  }
}
