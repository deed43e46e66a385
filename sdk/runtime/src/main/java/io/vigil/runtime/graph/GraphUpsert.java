package io.vigil.runtime.graph;

import io.vigil.runtime.errors.GraphErrors;
import io.vigil.runtime.schema.CddTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The set-based merge of staged nodes or edges into their table, one statement each. A node (or
 * edge) is kept as versions by effective date. A staged row is merged over the version in force at
 * its effective date: the properties it gives replace those of that version, a null clears one, and
 * the properties it leaves out stay. The result is written only when it differs from that version,
 * as a new version, or in place when the version has the same effective date; so a rerun, or a
 * later day that brings nothing new, writes nothing.
 */
final class GraphUpsert {
  /** What one merge wrote. */
  record Written(long inserted, long updated) {}

  private GraphUpsert() {}

  static Written nodes(Connection c, CddTable table, String stage, String verb) throws SQLException {
    requireNoConflicts(c, stage, "node_type", verb);
    String t = table.qualifiedName();
    String sql = "with staged as (select distinct node_type, id, effective_date, properties, tr_job_ts from " + stage + "),"
        + " merged as (select s.node_type, s.id, s.effective_date, s.tr_job_ts, p.properties as prior,"
        + " jsonb_strip_nulls(coalesce(p.properties, '{}'::jsonb) || s.properties) as properties from staged s"
        + " left join lateral (select n.properties from " + t + " n where n.node_type = s.node_type and n.id = s.id"
        + " and n.effective_date <= s.effective_date order by n.effective_date desc limit 1) p on true),"
        + " written as (insert into " + t + " as n (node_type, id, effective_date, properties, tr_job_ts)"
        + " select node_type, id, effective_date, properties, tr_job_ts from merged where prior is null or prior <> properties"
        + " on conflict (node_type, id, effective_date) do update set properties = excluded.properties, tr_job_ts = excluded.tr_job_ts"
        + " where n.properties is distinct from excluded.properties returning (xmax = 0) as inserted)"
        + " select count(*) filter (where inserted), count(*) filter (where not inserted) from written";
    return count(c, sql);
  }

  static Written edges(Connection c, CddTable table, String stage, String verb) throws SQLException {
    requireNoConflicts(c, stage, "edge_type", verb);
    String t = table.qualifiedName();
    String ends = "source_type, source_node, target_type, target_node";
    String sql = "with staged as (select distinct edge_type, id, " + ends + ", effective_date, properties, tr_job_ts from " + stage + "),"
        + " merged as (select s.edge_type, s.id, s.source_type, s.source_node, s.target_type, s.target_node, s.effective_date,"
        + " s.tr_job_ts, p.properties as prior, p.source_type as prior_source_type, p.source_node as prior_source_node,"
        + " p.target_type as prior_target_type, p.target_node as prior_target_node,"
        + " jsonb_strip_nulls(coalesce(p.properties, '{}'::jsonb) || s.properties) as properties from staged s"
        + " left join lateral (select e.properties, e.source_type, e.source_node, e.target_type, e.target_node from " + t + " e"
        + " where e.edge_type = s.edge_type and e.id = s.id and e.effective_date <= s.effective_date"
        + " order by e.effective_date desc limit 1) p on true),"
        + " written as (insert into " + t + " as e (edge_type, id, " + ends + ", effective_date, properties, tr_job_ts)"
        + " select edge_type, id, " + ends + ", effective_date, properties, tr_job_ts from merged"
        + " where prior is null or prior <> properties or (prior_source_type, prior_source_node, prior_target_type, prior_target_node)"
        + " <> (source_type, source_node, target_type, target_node)"
        + " on conflict (edge_type, id, effective_date) do update set source_type = excluded.source_type,"
        + " source_node = excluded.source_node, target_type = excluded.target_type, target_node = excluded.target_node,"
        + " properties = excluded.properties, tr_job_ts = excluded.tr_job_ts"
        + " where (e.properties, e.source_type, e.source_node, e.target_type, e.target_node) is distinct from"
        + " (excluded.properties, excluded.source_type, excluded.source_node, excluded.target_type, excluded.target_node)"
        + " returning (xmax = 0) as inserted)"
        + " select count(*) filter (where inserted), count(*) filter (where not inserted) from written";
    return count(c, sql);
  }

  /**
   * Adds the nodes that staged edges reach at one end ({@code source} or {@code target}) and the
   * graph does not have yet (S1 §19.3: publish_edges creates them), effective from the first edge
   * that reaches them, with the key property set to the id when the type has one. Returns how many.
   */
  static long missingNodes(Connection c, CddTable nodes, String stage, String end, String keyProperty) throws SQLException {
    String type = end + "_type";
    String node = end + "_node";
    String sql = "insert into " + nodes.qualifiedName() + " (node_type, id, effective_date, properties, tr_job_ts)"
        + " select s." + type + ", s." + node + ", min(s.effective_date),"
        + " case when cast(? as text) is null then '{}'::jsonb else jsonb_build_object(cast(? as text), s." + node + ") end,"
        + " max(s.tr_job_ts) from " + stage + " s where not exists (select 1 from " + nodes.qualifiedName() + " n"
        + " where n.node_type = s." + type + " and n.id = s." + node + ") group by s." + type + ", s." + node
        + " on conflict do nothing";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, keyProperty);
      ps.setString(2, keyProperty);
      return ps.executeUpdate();
    }
  }

  /** ON CONFLICT may touch a row once per statement: two different staged rows for one key are the caller's mistake. */
  private static void requireNoConflicts(Connection c, String stage, String typeColumn, String verb) throws SQLException {
    String sql = "select id, effective_date::text from (select distinct * from " + stage + ") d group by " + typeColumn
        + ", id, effective_date having count(*) > 1 limit 1";
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      if (rs.next()) {
        throw GraphErrors.rowsConflicting(verb, rs.getString(1), rs.getString(2));
      }
    }
  }

  private static Written count(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return new Written(rs.getLong(1), rs.getLong(2));
    }
  }
}
