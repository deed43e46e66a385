package io.vigil.sync.plan;

import io.vigil.api.dataset.DataType;
import io.vigil.api.entity.EntityKind;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.Targets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Which changes are breaking and which cannot be done in place, per kind of resource. A verdict
 * with {@code replace} set is always breaking: the resource is dropped and built again.
 */
final class ChangeRules {
  record Verdict(boolean replace, List<String> breaking) {}

  private ChangeRules() {}

  static Verdict classify(ResourceAddress address, Map<String, Object> before, Map<String, Object> after) {
    String kind = address.target() + "." + address.kind();
    return switch (kind) {
      case Targets.POSTGRES + "." + Targets.TABLE -> postgresTable(before, after);
      case Targets.DELTA + "." + Targets.TABLE -> deltaTable(before, after);
      case Targets.REGISTRY + ".dataset" -> dataset(before, after);
      default -> new Verdict(false, List.of());
    };
  }

  private static Verdict dataset(Map<String, Object> before, Map<String, Object> after) {
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

  private static Verdict postgresTable(Map<String, Object> before, Map<String, Object> after) {
    List<String> reasons = new ArrayList<>();
    boolean replace = false;
    Map<String, Map<String, Object>> was = byLabel(before.get("columns"), "name");
    Map<String, Map<String, Object>> now = byLabel(after.get("columns"), "name");
    for (Map.Entry<String, Map<String, Object>> e : was.entrySet()) {
      Map<String, Object> next = now.get(e.getKey());
      if (next == null) {
        reasons.add("column " + e.getKey() + " is dropped");
        continue;
      }
      String from = (String) e.getValue().get("type");
      String to = (String) next.get("type");
      if (!from.equals(to) && !PostgresTypes.canWiden(from, to)) {
        replace = true;
        reasons.add("column " + e.getKey() + " changes type from " + from + " to " + to + ", which Postgres cannot convert in place");
      }
      if (bool(e.getValue().get("nullable")) && !bool(next.get("nullable"))) {
        reasons.add("column " + e.getKey() + " becomes not null");
      }
    }
    for (Map.Entry<String, Map<String, Object>> e : now.entrySet()) {
      if (!was.containsKey(e.getKey()) && !bool(e.getValue().get("nullable"))) {
        replace = true;
        reasons.add("column " + e.getKey() + " is added as not null, which existing rows cannot satisfy");
      }
    }
    if (!Objects.equals(before.get("primary_key"), after.get("primary_key"))) {
      replace = true;
      reasons.add("primary key changes from " + before.get("primary_key") + " to " + after.get("primary_key"));
    }
    return new Verdict(replace, reasons);
  }

  private static Verdict deltaTable(Map<String, Object> before, Map<String, Object> after) {
    List<String> reasons = new ArrayList<>();
    if (!Objects.equals(before.get("location"), after.get("location"))) {
      reasons.add("location moves from " + before.get("location") + " to " + after.get("location"));
    }
    if (!Objects.equals(before.get("partition_by"), after.get("partition_by"))) {
      reasons.add("partitioning changes from " + before.get("partition_by") + " to " + after.get("partition_by"));
    }
    Map<String, Map<String, Object>> was = byLabel(before.get("columns"), "name");
    Map<String, Map<String, Object>> now = byLabel(after.get("columns"), "name");
    for (Map.Entry<String, Map<String, Object>> e : was.entrySet()) {
      Map<String, Object> next = now.get(e.getKey());
      if (next == null) {
        reasons.add("column " + e.getKey() + " is removed");
      } else if (!Objects.equals(e.getValue().get("type"), next.get("type"))) {
        reasons.add("column " + e.getKey() + " changes type from " + e.getValue().get("type") + " to " + next.get("type"));
      } else if (!Objects.equals(e.getValue().get("nullable"), next.get("nullable"))) {
        reasons.add("column " + e.getKey() + " changes nullability");
      }
    }
    for (Map.Entry<String, Map<String, Object>> e : now.entrySet()) {
      if (!was.containsKey(e.getKey()) && !bool(e.getValue().get("nullable"))) {
        reasons.add("column " + e.getKey() + " is added as not null");
      }
    }
    // Delta adds nullable columns in place; anything else rewrites the table.
    return new Verdict(!reasons.isEmpty(), reasons);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Map<String, Object>> byLabel(Object list, String key) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (list instanceof List<?> l) {
      for (Object item : l) {
        if (item instanceof Map<?, ?> m && m.get(key) instanceof String label) {
          out.put(label, (Map<String, Object>) m);
        }
      }
    }
    return out;
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

  private static boolean bool(Object value) {
    return Boolean.TRUE.equals(value);
  }

  private static List<?> list(Object value) {
    return value instanceof List<?> l ? l : List.of();
  }

  /** Rank of a registry kind: the entity kinds' declaration order is their dependency order. */
  static int registryRank(String kind) {
    return EntityKind.fromKey(kind).map(Enum::ordinal).orElse(EntityKind.values().length);
  }
}
