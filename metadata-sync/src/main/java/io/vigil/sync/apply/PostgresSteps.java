package io.vigil.sync.apply;

import io.vigil.runtime.schema.CddColumn;
import io.vigil.runtime.schema.CddIndex;
import io.vigil.runtime.schema.CddTable;
import io.vigil.sync.plan.Action;
import io.vigil.sync.plan.Change;
import io.vigil.sync.resource.CddSpecs;
import io.vigil.sync.resource.Targets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The DDL of a Postgres change: schemas, CDD tables with their columns, indexes and grants. */
public final class PostgresSteps {
  private PostgresSteps() {}

  /** Statements that carry out {@code change}; every one is safe to run again. */
  public static List<String> statements(Change change) {
    String kind = change.address().kind();
    if (kind.equals(Targets.SCHEMA)) {
      String schema = CddTable.quote(change.address().name());
      return change.action() == Action.DELETE
          ? List.of("drop schema if exists " + schema)
          : List.of("create schema if not exists " + schema);
    }
    if (!kind.equals(Targets.TABLE)) {
      throw new IllegalStateException("No Postgres steps for " + change.address());
    }
    return switch (change.action()) {
      case CREATE -> CddSpecs.fromSpec(change.after().spec()).createStatements();
      case DELETE -> List.of(CddSpecs.fromSpec(change.before().spec()).dropStatement());
      case REPLACE -> {
        List<String> out = new ArrayList<>();
        out.add(CddSpecs.fromSpec(change.before().spec()).dropStatement());
        out.addAll(CddSpecs.fromSpec(change.after().spec()).createStatements());
        yield out;
      }
      case UPDATE -> alter(CddSpecs.fromSpec(change.before().spec()), CddSpecs.fromSpec(change.after().spec()));
    };
  }

  /** In-place changes: dropped and added columns, widened types, nullability, indexes and grants. */
  static List<String> alter(CddTable before, CddTable after) {
    List<String> out = new ArrayList<>();
    String table = after.qualifiedName();
    for (CddColumn was : before.columns()) {
      CddColumn now = after.findColumn(was.name());
      String column = CddTable.quote(was.name());
      if (now == null) {
        out.add("alter table " + table + " drop column if exists " + column);
        continue;
      }
      if (!was.sqlType().equals(now.sqlType())) {
        out.add("alter table " + table + " alter column " + column + " type " + now.sqlType() + " using " + column + "::" + now.sqlType());
      }
      if (was.nullable() && !now.nullable()) {
        out.add("alter table " + table + " alter column " + column + " set not null");
      } else if (!was.nullable() && now.nullable()) {
        out.add("alter table " + table + " alter column " + column + " drop not null");
      }
    }
    List<CddColumn> added = after.columns().stream().filter(c -> before.findColumn(c.name()) == null).toList();
    out.addAll(after.addColumnStatements(added));
    Map<String, CddIndex> wasIndexes = byName(before.indexes());
    Map<String, CddIndex> nowIndexes = byName(after.indexes());
    for (CddIndex i : before.indexes()) {
      if (!Objects.equals(i, nowIndexes.get(i.name()))) {
        out.add("drop index if exists " + CddTable.quote(before.schema()) + "." + CddTable.quote(i.name()));
      }
    }
    for (CddIndex i : after.indexes()) {
      if (!Objects.equals(i, wasIndexes.get(i.name()))) {
        out.add(after.indexStatement(i));
      }
    }
    for (String role : before.readers()) {
      if (!after.readers().contains(role)) {
        out.add("do $$ begin if exists (select 1 from pg_roles where rolname = '" + role.replace("'", "''")
            + "') then revoke select on " + table.replace("'", "''") + " from " + CddTable.quote(role) + "; end if; end $$");
      }
    }
    out.addAll(after.grantStatements());
    return out;
  }

  private static Map<String, CddIndex> byName(List<CddIndex> indexes) {
    Map<String, CddIndex> out = new java.util.LinkedHashMap<>();
    indexes.forEach(i -> out.put(i.name(), i));
    return out;
  }
}
