package io.vigil.sync.store;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.solution.Solution;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.StoreKind;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stores sync manages, one implementation each, and the desired state of a whole solution:
 * what every store needs for it (DESIGN §5).
 */
public final class SyncStores {
  private static final Map<StoreKind, ManagedStore> STORES = new EnumMap<>(StoreKind.class);

  static {
    for (ManagedStore s : List.of(new BucketStore(), new CddStore(), new DeltaStore(), new ModelStore(), new RegistryStore(),
        new DagFileStore())) {
      STORES.put(s.kind(), s);
    }
  }

  private SyncStores() {}

  /** The store of {@code kind}. */
  public static ManagedStore of(StoreKind kind) {
    return STORES.get(kind);
  }

  public static List<ManagedStore> all() {
    return List.copyOf(STORES.values());
  }

  /** Every resource the solution needs, store by store. */
  public static List<Resource> desired(SyncInputs inputs) {
    List<Resource> out = new ArrayList<>();
    for (ManagedStore s : STORES.values()) {
      out.addAll(s.desired(inputs));
    }
    return out;
  }

  /** The solution's datasets by identifier; the first declaration of an identifier wins. */
  static Map<String, DataSet> datasets(Solution solution) {
    Map<String, DataSet> out = new LinkedHashMap<>();
    solution.all(EntityKind.DATASET, DataSet.class).forEach(d -> out.putIfAbsent(d.identifier(), d));
    return out;
  }
}
