package io.vigil.sync.store;

import static io.vigil.sync.store.SpecTrees.bool;
import static io.vigil.sync.store.SpecTrees.byLabel;
import static io.vigil.sync.store.SpecTrees.list;

import io.vigil.api.dataset.DataType;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.serde.Canonical;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.StoreKind;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The registry's own entries: one per entity, holding its canonical JSON (DESIGN §7). Applying an
 * entry is recording it, which the applier does for every change it carries out, in the same
 * transaction; so this store's step itself has nothing to run. Entries are compared, not probed:
 * they are what repair compares the other stores against. For datasets, a removed field, a
 * narrowed type, a changed key or ingestion mode is breaking.
 */
final class RegistryStore implements ManagedStore {
  @Override
  public StoreKind kind() {
    return StoreKind.REGISTRY;
  }

  @Override
  public List<Resource> desired(SyncInputs in) {
    List<Resource> out = new ArrayList<>();
    Set<ResourceAddress> seen = new LinkedHashSet<>();
    for (LoadedEntity e : in.solution().entities()) {
      ResourceAddress address = ResourceAddress.entity(e.entity().kind(), e.identifier());
      if (seen.add(address)) {
        @SuppressWarnings("unchecked")
        Map<String, Object> tree = (Map<String, Object>) Canonical.toTree(e.entity());
        out.add(Resource.of(address, tree, new EntityPayload(e)));
      }
    }
    return out;
  }

  @Override
  public int phase(Action action) {
    return 4;
  }

  /** The entity kinds' declaration order is their dependency order. */
  @Override
  public int rank(ResourceAddress address) {
    return EntityKind.fromKey(address.kindKey()).map(Enum::ordinal).orElse(EntityKind.values().length);
  }

  @Override
  public Verdict classify(ResourceAddress address, Map<String, Object> before, Map<String, Object> after) {
    if (!address.kindKey().equals(EntityKind.DATASET.key())) {
      return Verdict.SAFE;
    }
    List<String> reasons = new ArrayList<>();
    Map<String, Map<String, Object>> was = byLabel(before.get("field_list"), "identifier");
    Map<String, Map<String, Object>> now = byLabel(after.get("field_list"), "identifier");
    for (Map.Entry<String, Map<String, Object>> e : was.entrySet()) {
      Map<String, Object> next = now.get(e.getKey());
      if (next == null) {
        reasons.add("field " + e.getKey() + " is removed");
        continue;
      }
      DataType from = dataType(e.getValue().get("data_type"));
      DataType to = dataType(next.get("data_type"));
      if (from != null && to != null && !from.canWidenTo(to)) {
        reasons.add("field " + e.getKey() + " narrows from " + from + " to " + to);
      }
      if (!Objects.equals(bool(e.getValue().get("array_indicator")), bool(next.get("array_indicator")))) {
        reasons.add("field " + e.getKey() + " changes between a single value and an array");
      }
    }
    if (!Objects.equals(list(before.get("primary_key")), list(after.get("primary_key")))) {
      reasons.add("primary key changes from " + list(before.get("primary_key")) + " to " + list(after.get("primary_key")));
    }
    if (!Objects.equals(before.get("ingestion_mode"), after.get("ingestion_mode"))) {
      reasons.add("ingestion mode changes from " + before.get("ingestion_mode") + " to " + after.get("ingestion_mode"));
    }
    return new Verdict(false, reasons);
  }

  private static DataType dataType(Object value) {
    if (!(value instanceof String s)) {
      return null;
    }
    try {
      return DataType.valueOf(s);
    } catch (IllegalArgumentException e) {
      return null;
    }
  }

  @Override
  public boolean transactional() {
    return true;
  }

  @Override
  public boolean apply(Step step, StoreHandles handles, Connection transaction) {
    return true;
  }

  @Override
  public boolean probed() {
    return false;
  }

  @Override
  public Resource probe(Resource recorded, StoreHandles handles) {
    return recorded;
  }
}
