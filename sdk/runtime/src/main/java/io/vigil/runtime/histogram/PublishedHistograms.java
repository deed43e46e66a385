package io.vigil.runtime.histogram;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.runtime.schema.CddTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The histograms of real-time flows' models, published in the CDD for the real-time server (S1 §10.3,
 * MS-3): one row per flow, step and feature in {@value #TABLE}, with the model version they came from.
 * metadata-sync publishes them when a real-time flow's model reference resolves to another version;
 * {@code vigil serve} reads them once per flow to put a record's values in the context of the training data.
 */
public final class PublishedHistograms {
  /** The table in the solution's public CDD schema. */
  public static final String TABLE = "rt_histograms";
  private static final ObjectMapper JSON = new ObjectMapper();

  private PublishedHistograms() {}

  /**
   * Replaces the histograms published for {@code flow}'s {@code step} by {@code histograms} of
   * {@code version}, creating the table on first use; runs in the caller's transaction.
   *
   * @return the rows published
   */
  public static int publish(Connection c, String schema, String flow, String step, ModelVersion version,
      Collection<FeatureHistogram> histograms) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("create table if not exists " + table(schema) + " (flow text not null, step text not null,"
          + " feature text not null, model text not null, model_version integer not null, run_id text,"
          + " histogram jsonb not null, published_at timestamptz not null default now(), primary key (flow, step, feature))");
    }
    withdraw(c, schema, flow, step);
    try (PreparedStatement ps = c.prepareStatement("insert into " + table(schema)
        + " (flow, step, feature, model, model_version, run_id, histogram) values (?, ?, ?, ?, ?, ?, ?::jsonb)")) {
      for (FeatureHistogram h : histograms) {
        ps.setString(1, flow);
        ps.setString(2, step);
        ps.setString(3, h.feature());
        ps.setString(4, version.name());
        ps.setInt(5, version.version());
        ps.setString(6, version.runId());
        ps.setString(7, HistogramArtifacts.toJson(h).toString());
        ps.addBatch();
      }
      ps.executeBatch();
    }
    return histograms.size();
  }

  /** Removes what is published for {@code flow}'s {@code step}; nothing when the table does not exist. */
  public static void withdraw(Connection c, String schema, String flow, String step) throws SQLException {
    if (!exists(c, schema)) {
      return;
    }
    try (PreparedStatement ps = c.prepareStatement("delete from " + table(schema) + " where flow = ? and step = ?")) {
      ps.setString(1, flow);
      ps.setString(2, step);
      ps.executeUpdate();
    }
  }

  /** The model version whose histograms are published for {@code flow}'s {@code step}, or null when none are. */
  public static Integer publishedVersion(Connection c, String schema, String flow, String step) throws SQLException {
    if (!exists(c, schema)) {
      return null;
    }
    try (PreparedStatement ps = c.prepareStatement("select max(model_version) from " + table(schema)
        + " where flow = ? and step = ?")) {
      ps.setString(1, flow);
      ps.setString(2, step);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        int v = rs.getInt(1);
        return rs.wasNull() ? null : v;
      }
    }
  }

  /** The histograms published for {@code flow}, by step and then feature; empty when none are. */
  public static Map<String, Map<String, FeatureHistogram>> load(Connection c, String schema, String flow) throws SQLException {
    Map<String, Map<String, FeatureHistogram>> out = new LinkedHashMap<>();
    if (!exists(c, schema)) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement("select step, feature, histogram::text from " + table(schema)
        + " where flow = ? order by step, feature")) {
      ps.setString(1, flow);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Path where = Path.of(schema + "." + TABLE, flow, rs.getString(1), rs.getString(2));
          try {
            out.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                .put(rs.getString(2), HistogramArtifacts.fromJson(JSON.readTree(rs.getString(3)), where));
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot read histogram " + where + ": " + e.getMessage(), e);
          }
        }
      }
    }
    return out;
  }

  private static boolean exists(Connection c, String schema) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("select to_regclass(?) is not null")) {
      ps.setString(1, table(schema));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getBoolean(1);
      }
    }
  }

  private static String table(String schema) {
    return CddTable.quote(schema) + "." + TABLE;
  }
}
