package io.vigil.sync.repair;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.sync.plan.CurrentState;
import io.vigil.sync.registry.HistoryEntry;
import io.vigil.sync.registry.Registry;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.store.ManagedStore;
import io.vigil.sync.store.StoreHandles;
import io.vigil.sync.store.SyncStores;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reconciles the registry with the real stores after a manual fix or a failed sync (like Flyway's
 * repair). For every recorded resource it reads the real state: a resource that is gone is
 * forgotten, so the next plan creates it again; a Postgres or Delta table whose real columns, key,
 * indexes, grants or partitioning differ is recorded as it really is, so the next plan shows (and
 * applies) the difference; anything else is left as recorded. Registry entries of entities are not
 * touched. Finally the failed history rows since the previous repair are marked repaired by a
 * {@code repair} row listing their ranks. Repair never changes a store.
 */
public final class Repair {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Repair() {}

  public static RepairResult run(Registry registry, StoreHandles handles, String solution, String user) {
    long start = System.nanoTime();
    CurrentState state = registry.load(solution);
    List<String> forgotten = new ArrayList<>();
    List<String> refreshed = new ArrayList<>();
    List<String> verified = new ArrayList<>();
    Map<ResourceAddress, Resource> real = new LinkedHashMap<>();
    for (Resource recorded : state.resources().values()) {
      ResourceAddress a = recorded.address();
      ManagedStore store = SyncStores.of(a.store());
      if (!store.probed()) {
        continue;
      }
      Resource actual = store.probe(recorded, handles);
      if (actual == null) {
        forgotten.add(a.toString());
      } else if (!actual.hash().equals(recorded.hash())) {
        refreshed.add(a.toString());
        real.put(a, actual);
      } else {
        verified.add(a.toString());
      }
    }
    List<Long> failed = failedSinceLastRepair(registry, solution);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("repaired_ranks", failed);
    details.put("forgotten", forgotten);
    details.put("refreshed", refreshed);
    registry.postgres().inTransaction(c -> {
      for (String address : forgotten) {
        registry.forget(c, solution, ResourceAddress.parse(address));
      }
      for (Resource r : real.values()) {
        registry.upsertResource(c, solution, null, r);
      }
      registry.appendHistory(c, HistoryEntry.of(solution, null, null, "repair", null, user,
          (System.nanoTime() - start) / 1_000_000, true, json(details)));
      return null;
    });
    return new RepairResult(forgotten, refreshed, verified, failed);
  }

  /** Ranks of failed rows recorded after the last repair row. */
  static List<Long> failedSinceLastRepair(Registry registry, String solution) {
    List<HistoryEntry> rows = registry.history(solution, Integer.MAX_VALUE);
    List<Long> out = new ArrayList<>();
    for (HistoryEntry e : rows) {
      if (e.action().equals("repair")) {
        out.clear();
      } else if (!e.success()) {
        out.add(e.rank());
      }
    }
    return out;
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
