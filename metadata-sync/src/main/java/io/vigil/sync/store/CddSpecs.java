package io.vigil.sync.store;

import io.vigil.runtime.schema.CddColumn;
import io.vigil.runtime.schema.CddIndex;
import io.vigil.runtime.schema.CddTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Converts CDD table definitions to resource specs and back. */
final class CddSpecs {
  private CddSpecs() {}

  static Map<String, Object> toSpec(CddTable t) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("schema", t.schema());
    spec.put("name", t.name());
    List<Map<String, Object>> columns = new ArrayList<>();
    for (CddColumn c : t.columns()) {
      Map<String, Object> col = new LinkedHashMap<>();
      col.put("name", c.name());
      col.put("type", c.sqlType());
      col.put("nullable", c.nullable());
      columns.add(col);
    }
    spec.put("columns", columns);
    spec.put("primary_key", t.primaryKey());
    List<Map<String, Object>> indexes = new ArrayList<>();
    for (CddIndex i : t.indexes()) {
      Map<String, Object> idx = new LinkedHashMap<>();
      idx.put("name", i.name());
      idx.put("columns", i.columns());
      idx.put("include", i.include());
      // Written only when not btree, so that the specs recorded before methods existed still compare equal.
      if (!i.method().equals(CddIndex.BTREE)) {
        idx.put("method", i.method());
      }
      indexes.add(idx);
    }
    spec.put("indexes", indexes);
    spec.put("readers", t.readers());
    return spec;
  }

  @SuppressWarnings("unchecked")
  static CddTable fromSpec(Map<String, Object> spec) {
    List<CddColumn> columns = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) spec.get("columns")) {
      columns.add(new CddColumn((String) c.get("name"), (String) c.get("type"), (Boolean) c.get("nullable")));
    }
    List<CddIndex> indexes = new ArrayList<>();
    for (Map<String, Object> i : (List<Map<String, Object>>) spec.get("indexes")) {
      indexes.add(new CddIndex((String) i.get("name"), (List<String>) i.get("columns"), (List<String>) i.get("include"),
          (String) i.get("method")));
    }
    return new CddTable((String) spec.get("schema"), (String) spec.get("name"), columns,
        (List<String>) spec.get("primary_key"), indexes, (List<String>) spec.get("readers"));
  }
}
