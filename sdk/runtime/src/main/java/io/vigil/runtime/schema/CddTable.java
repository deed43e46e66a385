package io.vigil.runtime.schema;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table of the Postgres CDD as sync creates it: columns, key, indexes, and the roles that may read
 * it (from {@code data_permission}).
 *
 * @param schema Postgres schema
 * @param name table name
 * @param columns columns in order
 * @param primaryKey key columns; empty for none
 * @param indexes secondary indexes
 * @param readers roles granted SELECT
 */
public record CddTable(String schema, String name, List<CddColumn> columns, List<String> primaryKey,
    List<CddIndex> indexes, List<String> readers) {

  public CddTable {
    columns = List.copyOf(columns);
    primaryKey = List.copyOf(primaryKey);
    indexes = List.copyOf(indexes);
    readers = List.copyOf(readers);
  }

  /** {@code "schema"."name"}. */
  public String qualifiedName() {
    return quote(schema) + "." + quote(name);
  }

  public CddColumn findColumn(String column) {
    return columns.stream().filter(c -> c.name().equals(column)).findFirst().orElse(null);
  }

  /** Statements that create the table, its indexes and grants; each is idempotent. */
  public List<String> createStatements() {
    List<String> out = new ArrayList<>();
    String cols = columns.stream()
        .map(c -> quote(c.name()) + " " + c.sqlType() + (c.nullable() ? "" : " not null"))
        .collect(Collectors.joining(",\n  "));
    String key = primaryKey.isEmpty() ? ""
        : ",\n  primary key (" + primaryKey.stream().map(CddTable::quote).collect(Collectors.joining(", ")) + ")";
    out.add("create table if not exists " + qualifiedName() + " (\n  " + cols + key + "\n)");
    for (CddIndex index : indexes) {
      out.add(indexStatement(index));
    }
    out.addAll(grantStatements());
    return out;
  }

  /** Statements that add {@code added} columns (all nullable) to the existing table. */
  public List<String> addColumnStatements(List<CddColumn> added) {
    List<String> out = new ArrayList<>();
    for (CddColumn c : added) {
      out.add("alter table " + qualifiedName() + " add column if not exists " + quote(c.name()) + " " + c.sqlType());
    }
    return out;
  }

  public String indexStatement(CddIndex index) {
    String include = index.include().isEmpty() ? ""
        : " include (" + index.include().stream().map(CddTable::quote).collect(Collectors.joining(", ")) + ")";
    String using = index.method().equals(CddIndex.BTREE) ? "" : " using " + index.method();
    return "create index if not exists " + quote(index.name()) + " on " + qualifiedName() + using + " ("
        + index.columns().stream().map(CddTable::quote).collect(Collectors.joining(", ")) + ")" + include;
  }

  public List<String> grantStatements() {
    List<String> out = new ArrayList<>();
    for (String role : readers) {
      out.add("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + role.replace("'", "''")
          + "') then create role " + quote(role) + " nologin; end if; end $$");
      out.add("grant usage on schema " + quote(schema) + " to " + quote(role));
      out.add("grant select on " + qualifiedName() + " to " + quote(role));
    }
    return out;
  }

  public String dropStatement() {
    return "drop table if exists " + qualifiedName();
  }

  public static String quote(String identifier) {
    return "\"" + identifier.replace("\"", "\"\"") + "\"";
  }
}
