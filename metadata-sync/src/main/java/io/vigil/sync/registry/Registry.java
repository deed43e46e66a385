package io.vigil.sync.registry;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.serde.Canonical;
import io.vigil.runtime.meta.MetaSchema;
import io.vigil.runtime.store.Postgres;
import io.vigil.sync.plan.Change;
import io.vigil.sync.plan.CurrentState;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.ResourceKind;
import io.vigil.sync.resource.Specs;
import io.vigil.sync.store.EntityPayload;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sync registry in {@code vigil_meta} (DESIGN §5, §7): what each solution's stores hold —
 * entities with their canonical JSON and infrastructure resources with their specs — plus the
 * append-only history, small key/value state (last applied and promoted commit), and the lock.
 */
public final class Registry {
  public static final String STATE_APPLIED = "last_applied_commit";
  public static final String STATE_PROMOTED = "promoted_commit";

  private final Postgres postgres;

  private Registry(Postgres postgres) {
    this.postgres = postgres;
  }

  /** The registry in {@code postgres}, its schema created or upgraded first. */
  public static Registry open(Postgres postgres) {
    postgres.withConnection(c -> {
      MetaSchema.migrate(c);
      return null;
    });
    return new Registry(postgres);
  }

  public Postgres postgres() {
    return postgres;
  }

  /** Everything recorded for {@code solution}, and the bundle commits recorded runs pin. */
  public CurrentState load(String solution) {
    return postgres.withConnection(c -> {
      Map<ResourceAddress, Resource> resources = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement(
          "select address, spec::text from vigil_meta.resources where solution = ? order by address")) {
        ps.setString(1, solution);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ResourceAddress a = ResourceAddress.parse(rs.getString(1));
            resources.put(a, Resource.of(a, Specs.parse(rs.getString(2))));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "select kind, identifier, canonical::text from vigil_meta.entities where solution = ? order by kind, identifier")) {
        ps.setString(1, solution);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ResourceAddress a = ResourceAddress.entity(rs.getString(1), rs.getString(2));
            resources.put(a, Resource.of(a, Specs.parse(rs.getString(3))));
          }
        }
      }
      return new CurrentState(resources, pinnedCommits(c, solution));
    });
  }

  /** Commits whose bundles a recorded job run references (MS-6). */
  public Set<String> pinnedCommits(String solution) {
    return postgres.withConnection(c -> pinnedCommits(c, solution));
  }

  private static Set<String> pinnedCommits(Connection c, String solution) throws SQLException {
    Set<String> out = new LinkedHashSet<>();
    try (PreparedStatement ps = c.prepareStatement(
        "select distinct bundle_commit from vigil_meta.job_runs where solution = ? and bundle_commit is not null")) {
      ps.setString(1, solution);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }

  /** Records the outcome of an applied change on {@code c}, in the caller's transaction. */
  public void record(Connection c, String solution, String commit, Change change) throws SQLException {
    ResourceAddress a = change.address();
    if (a.kind() == ResourceKind.ENTITY) {
      recordEntity(c, solution, commit, change);
      return;
    }
    if (change.after() == null) {
      try (PreparedStatement ps = c.prepareStatement("delete from vigil_meta.resources where solution = ? and address = ?")) {
        ps.setString(1, solution);
        ps.setString(2, a.toString());
        ps.executeUpdate();
      }
      return;
    }
    upsertResource(c, solution, commit, change.after());
  }

  /** Records {@code resource} as it now is (used by repair). */
  public void upsertResource(Connection c, String solution, String commit, Resource resource) throws SQLException {
    ResourceAddress a = resource.address();
    String sql = """
        insert into vigil_meta.resources (solution, address, target, kind, name, spec, hash, commit, applied_at)
        values (?, ?, ?, ?, ?, ?::jsonb, ?, ?, now())
        on conflict (solution, address) do update set spec = excluded.spec, hash = excluded.hash,
          commit = excluded.commit, applied_at = excluded.applied_at""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, solution);
      ps.setString(2, a.toString());
      ps.setString(3, a.storeKey());
      ps.setString(4, a.kindKey());
      ps.setString(5, a.localName());
      ps.setString(6, Specs.toJson(resource.spec()));
      ps.setString(7, resource.hash());
      ps.setString(8, commit);
      ps.executeUpdate();
    }
  }

  /** Forgets a recorded resource (used by repair when it no longer exists). */
  public void forget(Connection c, String solution, ResourceAddress address) throws SQLException {
    boolean entity = address.kind() == ResourceKind.ENTITY;
    String sql = entity
        ? "delete from vigil_meta.entities where solution = ? and kind || '.' || identifier = ?"
        : "delete from vigil_meta.resources where solution = ? and address = ?";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, solution);
      ps.setString(2, entity ? address.name() : address.toString());
      ps.executeUpdate();
    }
  }

  private static void recordEntity(Connection c, String solution, String commit, Change change) throws SQLException {
    ResourceAddress a = change.address();
    if (change.after() == null) {
      try (PreparedStatement ps = c.prepareStatement(
          "delete from vigil_meta.entities where solution = ? and kind = ? and identifier = ?")) {
        ps.setString(1, solution);
        ps.setString(2, a.kindKey());
        ps.setString(3, a.localName());
        ps.executeUpdate();
      }
      return;
    }
    EntityPayload payload = change.after().payload(EntityPayload.class);
    EntityKind.fromKey(a.kindKey()).orElseThrow(() -> new IllegalStateException("Unknown entity kind " + a.kindKey()));
    String sql = """
        insert into vigil_meta.entities (solution, kind, identifier, domain, canonical, hash, commit, applied_at)
        values (?, ?, ?, ?, ?::jsonb, ?, ?, now())
        on conflict (solution, kind, identifier) do update set domain = excluded.domain, canonical = excluded.canonical,
          hash = excluded.hash, commit = excluded.commit, applied_at = excluded.applied_at""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, solution);
      ps.setString(2, a.kindKey());
      ps.setString(3, a.localName());
      ps.setString(4, payload.loaded().domain());
      ps.setString(5, Canonical.toJson(payload.loaded().entity()));
      ps.setString(6, Canonical.hash(payload.loaded().entity()));
      ps.setString(7, commit);
      ps.executeUpdate();
    }
  }

  /** Appends a history row on {@code c}, in the caller's transaction. */
  public void appendHistory(Connection c, HistoryEntry e) throws SQLException {
    String sql = """
        insert into vigil_meta.sync_history (solution, commit, address, action, checksum, applied_by, execution_ms, success, problems)
        values (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, e.solution());
      ps.setString(2, e.commit());
      ps.setString(3, e.address());
      ps.setString(4, e.action());
      ps.setString(5, e.checksum());
      ps.setString(6, e.appliedBy());
      if (e.executionMs() == null) {
        ps.setNull(7, Types.BIGINT);
      } else {
        ps.setLong(7, e.executionMs());
      }
      ps.setBoolean(8, e.success());
      ps.setString(9, e.problems());
      ps.executeUpdate();
    }
  }

  public void appendHistory(HistoryEntry e) {
    postgres.withConnection(c -> {
      appendHistory(c, e);
      return null;
    });
  }

  /** The newest {@code limit} history rows of {@code solution}, oldest first. */
  public List<HistoryEntry> history(String solution, int limit) {
    return postgres.withConnection(c -> {
      List<HistoryEntry> out = new ArrayList<>();
      String sql = """
          select * from (select rank, solution, commit, address, action, checksum, applied_by, applied_on, execution_ms,
            success, problems::text from vigil_meta.sync_history where solution = ? order by rank desc limit ?) h order by rank""";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, solution);
        ps.setInt(2, limit);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Timestamp on = rs.getTimestamp(8);
            long ms = rs.getLong(9);
            out.add(new HistoryEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), on == null ? null : on.toInstant(), rs.wasNull() ? null : ms,
                rs.getBoolean(10), rs.getString(11)));
          }
        }
      }
      return out;
    });
  }

  /** The solutions the registry knows, sorted. */
  public List<String> solutions() {
    return postgres.withConnection(c -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(
          "select solution from vigil_meta.sync_history union select solution from vigil_meta.resources order by 1")) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  public String state(String solution, String key) {
    return postgres.withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("select value from vigil_meta.state where solution = ? and key = ?")) {
        ps.setString(1, solution);
        ps.setString(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? rs.getString(1) : null;
        }
      }
    });
  }

  public void putState(Connection c, String solution, String key, String value) throws SQLException {
    String sql = """
        insert into vigil_meta.state (solution, key, value, updated_at) values (?, ?, ?, now())
        on conflict (solution, key) do update set value = excluded.value, updated_at = excluded.updated_at""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, solution);
      ps.setString(2, key);
      ps.setString(3, value);
      ps.executeUpdate();
    }
  }

  public void putState(String solution, String key, String value) {
    postgres.withConnection(c -> {
      putState(c, solution, key, value);
      return null;
    });
  }

  /**
   * Records {@code commit} as the promoted commit of {@code solution}, with its {@code promote}
   * history row, in one transaction: what git sync does after the fast-forward, and import after
   * its apply.
   */
  public void recordPromotion(String solution, String commit, String user, long millis) {
    postgres.inTransaction(c -> {
      putState(c, solution, STATE_PROMOTED, commit);
      appendHistory(c, HistoryEntry.of(solution, commit, null, "promote", null, user, millis, true, null));
      return null;
    });
  }

  /** Takes the sync lock of {@code solution} (see {@link SyncLock}). */
  public SyncLock lock(String solution, String user, boolean wait) {
    return SyncLock.acquire(postgres, solution, user, wait);
  }
}
