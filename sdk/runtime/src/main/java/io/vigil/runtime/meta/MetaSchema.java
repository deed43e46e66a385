package io.vigil.runtime.meta;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The {@code vigil_meta} schema in Postgres: the sync registry, its history, the lock, job runs,
 * the audit of retention purges and the audit of decrypting and audited reads. Versioned
 * migrations run in order, Flyway-style, each once; sync runs them before it plans, the runtime
 * only reads the version to fail clearly when sync never ran.
 */
public final class MetaSchema {
  public static final String SCHEMA = "vigil_meta";
  /** Key of the advisory lock sync holds while it applies (two int keys: namespace, solution hash). */
  public static final int LOCK_NAMESPACE = 0x5649_4731; // "VIG1"

  private record Migration(int version, String description, List<String> statements) {}

  private static final List<Migration> MIGRATIONS = List.of(
      new Migration(1, "registry, history, job runs", List.of(
          """
          create table vigil_meta.entities (
            solution text not null,
            kind text not null,
            identifier text not null,
            domain text,
            canonical jsonb not null,
            hash text not null,
            commit text,
            applied_at timestamptz not null default now(),
            primary key (solution, kind, identifier))""",
          """
          create table vigil_meta.resources (
            solution text not null,
            address text not null,
            target text not null,
            kind text not null,
            name text not null,
            spec jsonb not null,
            hash text not null,
            commit text,
            applied_at timestamptz not null default now(),
            primary key (solution, address))""",
          """
          create table vigil_meta.sync_history (
            rank bigserial primary key,
            solution text not null,
            commit text,
            address text,
            action text not null,
            checksum text,
            applied_by text not null,
            applied_on timestamptz not null default now(),
            execution_ms bigint,
            success boolean not null,
            problems jsonb)""",
          "create index sync_history_solution on vigil_meta.sync_history (solution, rank)",
          """
          create table vigil_meta.state (
            solution text not null,
            key text not null,
            value text not null,
            updated_at timestamptz not null default now(),
            primary key (solution, key))""",
          """
          create table vigil_meta.job_runs (
            run_id text primary key,
            solution text not null,
            dag text,
            task text,
            job text not null,
            execution_date timestamp not null,
            bundle_commit text,
            data_environment text not null,
            started_at timestamptz not null,
            finished_at timestamptz,
            status text not null,
            failed_cell text,
            error text)""",
          "create index job_runs_solution on vigil_meta.job_runs (solution, job, execution_date)",
          """
          create table vigil_meta.job_metrics (
            run_id text not null references vigil_meta.job_runs (run_id) on delete cascade,
            name text not null,
            value double precision not null,
            logged_at timestamptz not null default now(),
            primary key (run_id, name))""")),
      new Migration(2, "purge audit", List.of(
          """
          create table vigil_meta.purge_audit (
            purge_id bigserial primary key,
            solution text not null,
            dataset text not null,
            environment text not null,
            kept_from text not null,
            delta_rows bigint not null,
            cdd_rows bigint not null,
            purged_by text not null,
            purged_at timestamptz not null default now())""")),
      new Migration(3, "read audit", List.of(
          """
          create table vigil_meta.read_audit (
            read_id bigserial primary key,
            solution text not null,
            dataset text not null,
            environment text not null,
            fields text[] not null,
            decrypted boolean not null,
            row_count bigint not null,
            reason text,
            read_by text not null,
            read_at timestamptz not null default now())""",
          "create index read_audit_dataset on vigil_meta.read_audit (solution, dataset, read_at)")));

  private MetaSchema() {}

  /** The newest schema version this build knows. */
  public static int latestVersion() {
    return MIGRATIONS.get(MIGRATIONS.size() - 1).version();
  }

  /** Creates or upgrades the schema; safe to run concurrently (serialised by a transaction-level lock). */
  public static void migrate(Connection c) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    c.setAutoCommit(false);
    try (Statement s = c.createStatement()) {
      s.execute("select pg_advisory_xact_lock(" + LOCK_NAMESPACE + ", 0)");
      s.execute("create schema if not exists " + SCHEMA);
      s.execute("create table if not exists " + SCHEMA + ".schema_version ("
          + "version int primary key, description text not null, installed_on timestamptz not null default now())");
      int current = currentVersion(c);
      for (Migration m : MIGRATIONS) {
        if (m.version() <= current) {
          continue;
        }
        for (String sql : m.statements()) {
          s.execute(sql);
        }
        try (PreparedStatement ps = c.prepareStatement(
            "insert into " + SCHEMA + ".schema_version (version, description) values (?, ?)")) {
          ps.setInt(1, m.version());
          ps.setString(2, m.description());
          ps.executeUpdate();
        }
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(autoCommit);
    }
  }

  /** The installed version, 0 when the schema does not exist. */
  public static int currentVersion(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select to_regclass('" + SCHEMA + ".schema_version') is not null")) {
      rs.next();
      if (!rs.getBoolean(1)) {
        return 0;
      }
    }
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select coalesce(max(version), 0) from " + SCHEMA + ".schema_version")) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
