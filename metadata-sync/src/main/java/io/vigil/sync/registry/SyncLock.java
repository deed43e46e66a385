package io.vigil.sync.registry;

import io.vigil.runtime.meta.MetaSchema;
import io.vigil.runtime.store.Postgres;
import io.vigil.sync.errors.SyncErrors;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.zip.CRC32;

/**
 * The session-level {@code pg_advisory_lock} one sync of a solution holds while it plans and
 * applies, keyed by {@link MetaSchema#LOCK_NAMESPACE} and a hash of the solution name. It lives on
 * its own connection, so it is released when {@link #close()} closes it or when the process dies.
 */
public final class SyncLock implements AutoCloseable {
  private final Connection connection;
  private final int key;

  private SyncLock(Connection connection, int key) {
    this.connection = connection;
    this.key = key;
  }

  /** Takes the lock of {@code solution}; waits for it, or fails with CONFLICT at once when {@code wait} is false. */
  static SyncLock acquire(Postgres postgres, String solution, String user, boolean wait) {
    int key = key(solution);
    Connection c = postgres.connect();
    try {
      try (PreparedStatement ps = c.prepareStatement("select set_config('application_name', ?, false)")) {
        ps.setString(1, "vigil sync by " + user);
        ps.execute();
      }
      if (wait) {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_lock(?, ?)")) {
          ps.setInt(1, MetaSchema.LOCK_NAMESPACE);
          ps.setInt(2, key);
          ps.execute();
        }
        return new SyncLock(c, key);
      }
      try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?, ?)")) {
        ps.setInt(1, MetaSchema.LOCK_NAMESPACE);
        ps.setInt(2, key);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            return new SyncLock(c, key);
          }
        }
      }
      String holder = holder(c, key);
      c.close();
      throw SyncErrors.lockHeld(solution, holder);
    } catch (SQLException e) {
      closeQuietly(c);
      throw SyncErrors.lockFailed(solution, e);
    }
  }

  /** The advisory key of a solution: a stable 32-bit hash of its name. */
  static int key(String solution) {
    CRC32 crc = new CRC32();
    crc.update(solution.getBytes(StandardCharsets.UTF_8));
    return (int) crc.getValue();
  }

  private static String holder(Connection c, int key) throws SQLException {
    String sql = """
        select a.pid, a.application_name, a.backend_start
        from pg_locks l join pg_stat_activity a on a.pid = l.pid
        where l.locktype = 'advisory' and l.granted and l.objsubid = 2
          and l.classid::bigint = ? and l.objid::bigint = ?""";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, Integer.toUnsignedLong(MetaSchema.LOCK_NAMESPACE));
      ps.setLong(2, Integer.toUnsignedLong(key));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return "it was released just now";
        }
        String app = rs.getString(2);
        String who = app != null && app.startsWith("vigil sync by ") ? ", user " + app.substring("vigil sync by ".length()) : "";
        return "pid " + rs.getInt(1) + who + ", since " + rs.getTimestamp(3).toInstant();
      }
    }
  }

  @Override
  public void close() {
    try (PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?, ?)")) {
      ps.setInt(1, MetaSchema.LOCK_NAMESPACE);
      ps.setInt(2, key);
      ps.execute();
    } catch (SQLException ignored) {
      // Closing the session below releases the lock anyway.
    } finally {
      closeQuietly(connection);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // Nothing to do: the server ends the session and its locks.
    }
  }
}
