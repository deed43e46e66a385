package io.vigil.sync.store;

import static io.vigil.sync.store.SpecTrees.bool;
import static io.vigil.sync.store.SpecTrees.byLabel;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.graph.Graph;
import io.vigil.api.risk.Risk;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.schema.CddColumn;
import io.vigil.runtime.schema.CddIndex;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.ResourceKind;
import io.vigil.sync.resource.StoreKind;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The CDD in Postgres: one schema per data environment, holding the tables of published datasets,
 * each flow's evaluated activities and alerts, and each graph's nodes and edges, with their indexes
 * and grants. Its DDL runs in one transaction with the registry rows, so Postgres is never
 * half-applied. A changed column type that Postgres cannot convert in place, a new not-null column
 * or a changed key needs a replace.
 */
final class CddStore implements ManagedStore {
  @Override
  public StoreKind kind() {
    return StoreKind.POSTGRES;
  }

  @Override
  public List<Resource> desired(SyncInputs in) {
    Map<String, DataSet> datasets = SyncStores.datasets(in.solution());
    List<EvaluationFlow> flows = in.solution().all(EntityKind.EVALUATION_FLOW, EvaluationFlow.class);
    List<Graph> graphs = in.solution().all(EntityKind.GRAPH, Graph.class);
    List<Risk> risks = in.solution().all(EntityKind.RISK, Risk.class);
    List<Resource> out = new ArrayList<>();
    for (Environment env : in.environments()) {
      String schema = in.layout().cddSchema(env);
      out.add(Resource.of(ResourceAddress.of(ResourceKind.SCHEMA, schema), Map.of("schema", schema)));
      List<CddTable> tables = new ArrayList<>();
      for (DataSet ds : datasets.values()) {
        if (ds.publish()) {
          tables.add(CddTables.dataset(schema, ds));
        }
      }
      for (EvaluationFlow flow : flows) {
        tables.add(CddTables.evaluatedActivities(schema, flow, datasets.get(flow.inputDataset()), risks));
        tables.add(CddTables.explainability(schema, flow));
        tables.add(CddTables.activity(schema, flow, risks));
        tables.add(CddTables.overrides(schema, flow));
        tables.add(CddTables.alerts(schema, flow));
        tables.add(CddTables.alertClosures(schema, flow));
        tables.add(CddTables.alertCallbackAttempts(schema, flow));
      }
      for (Graph g : graphs) {
        tables.addAll(CddTables.graph(schema, g));
      }
      for (CddTable t : tables) {
        out.add(Resource.of(ResourceAddress.of(ResourceKind.CDD_TABLE, schema + "." + t.name()), CddSpecs.toSpec(t)));
      }
    }
    return out;
  }

  @Override
  public int phase(Action action) {
    return 1;
  }

  @Override
  public int rank(ResourceAddress address) {
    return address.kind() == ResourceKind.SCHEMA ? 0 : 1;
  }

  @Override
  public Verdict classify(ResourceAddress address, Map<String, Object> before, Map<String, Object> after) {
    if (address.kind() != ResourceKind.CDD_TABLE) {
      return Verdict.SAFE;
    }
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

  @Override
  public boolean transactional() {
    return true;
  }

  @Override
  public boolean apply(Step step, StoreHandles handles, Connection transaction) throws SQLException {
    try (Statement s = transaction.createStatement()) {
      for (String sql : statements(step)) {
        s.execute(sql);
      }
    }
    return true;
  }

  /** The DDL that carries out {@code step}; every statement is safe to run again. */
  static List<String> statements(Step step) {
    if (step.address().kind() == ResourceKind.SCHEMA) {
      String schema = CddTable.quote(step.address().name());
      return step.action() == Action.DELETE
          ? List.of("drop schema if exists " + schema)
          : List.of("create schema if not exists " + schema);
    }
    return switch (step.action()) {
      case CREATE -> CddSpecs.fromSpec(step.after().spec()).createStatements();
      case DELETE -> List.of(CddSpecs.fromSpec(step.before().spec()).dropStatement());
      case REPLACE -> {
        List<String> out = new ArrayList<>();
        out.add(CddSpecs.fromSpec(step.before().spec()).dropStatement());
        out.addAll(CddSpecs.fromSpec(step.after().spec()).createStatements());
        yield out;
      }
      case UPDATE -> alter(CddSpecs.fromSpec(step.before().spec()), CddSpecs.fromSpec(step.after().spec()));
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
    Map<String, CddIndex> out = new LinkedHashMap<>();
    indexes.forEach(i -> out.put(i.name(), i));
    return out;
  }

  @Override
  public Resource probe(Resource recorded, StoreHandles handles) {
    return handles.postgres().withConnection(c -> read(c, recorded));
  }

  private static Resource read(Connection c, Resource recorded) throws SQLException {
    if (recorded.address().kind() == ResourceKind.SCHEMA) {
      try (PreparedStatement ps = c.prepareStatement("select 1 from information_schema.schemata where schema_name = ?")) {
        ps.setString(1, (String) recorded.spec().get("schema"));
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? recorded : null;
        }
      }
    }
    CddTable want = CddSpecs.fromSpec(recorded.spec());
    List<CddColumn> columns = new ArrayList<>();
    String sql = """
        select a.attname, format_type(a.atttypid, a.atttypmod), not a.attnotnull
        from pg_attribute a join pg_class t on t.oid = a.attrelid join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = ? and t.relname = ? and a.attnum > 0 and not a.attisdropped order by a.attnum""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, want.schema());
      ps.setString(2, want.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          columns.add(new CddColumn(rs.getString(1), normalizeType(rs.getString(2)), rs.getBoolean(3)));
        }
      }
    }
    if (columns.isEmpty()) {
      return null;
    }
    List<String> key = new ArrayList<>();
    List<CddIndex> indexes = new ArrayList<>();
    String indexSql = """
        select i.relname, ix.indisprimary,
          array(select a.attname from unnest(ix.indkey) with ordinality k(attnum, ord)
                join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum
                where k.ord <= ix.indnkeyatts order by k.ord),
          array(select a.attname from unnest(ix.indkey) with ordinality k(attnum, ord)
                join pg_attribute a on a.attrelid = ix.indrelid and a.attnum = k.attnum
                where k.ord > ix.indnkeyatts order by k.ord)
        from pg_index ix join pg_class i on i.oid = ix.indexrelid join pg_class t on t.oid = ix.indrelid
        join pg_namespace n on n.oid = t.relnamespace
        where n.nspname = ? and t.relname = ? order by i.relname""";
    try (PreparedStatement ps = c.prepareStatement(indexSql)) {
      ps.setString(1, want.schema());
      ps.setString(2, want.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          List<String> cols = Arrays.asList((String[]) rs.getArray(3).getArray());
          if (rs.getBoolean(2)) {
            key.addAll(cols);
          } else {
            indexes.add(new CddIndex(rs.getString(1), cols, Arrays.asList((String[]) rs.getArray(4).getArray())));
          }
        }
      }
    }
    // Keep the recorded index order where the names agree, so only real differences show.
    List<CddIndex> ordered = new ArrayList<>();
    for (CddIndex i : want.indexes()) {
      indexes.stream().filter(x -> x.name().equals(i.name())).findFirst().ifPresent(ordered::add);
    }
    indexes.stream().filter(x -> !ordered.contains(x)).forEach(ordered::add);
    List<String> readers = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("""
        select grantee from information_schema.role_table_grants
        where table_schema = ? and table_name = ? and privilege_type = 'SELECT' and grantee <> current_user order by grantee""")) {
      ps.setString(1, want.schema());
      ps.setString(2, want.name());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          readers.add(rs.getString(1));
        }
      }
    }
    CddTable actual = new CddTable(want.schema(), want.name(), columns, key, ordered, readers);
    return Resource.of(recorded.address(), CddSpecs.toSpec(actual));
  }

  /** format_type's names as the CDD writes them. */
  static String normalizeType(String formatted) {
    return formatted.replace("timestamp without time zone", "timestamp").replace("timestamp with time zone", "timestamptz");
  }
}
