package io.vigil.runtime.schema;

import static io.vigil.api.dataset.TechnicalColumns.TR_ID;
import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_PARTITION;
import static io.vigil.api.dataset.TechnicalColumns.TR_TIMESTAMP;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.TableIndex;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.graph.Graph;
import io.vigil.api.risk.Risk;
import io.vigil.runtime.analytics.steps.StepColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The CDD tables sync creates (S1 §3.1.7, §6, §19): one per published dataset, per evaluation flow
 * its evaluated activities and its alerts, per graph its nodes and edges.
 */
public final class CddTables {
  private static final int MAX_NAME = 63;

  private CddTables() {}

  /** Postgres type of a field. */
  public static String sqlType(io.vigil.api.dataset.DataType type) {
    return switch (type) {
      case INT -> "integer";
      case LONG -> "bigint";
      case DOUBLE -> "double precision";
      case STRING -> "text";
      case BOOLEAN -> "boolean";
      case TIMESTAMP -> "timestamp";
    };
  }

  public static String sqlType(Field field) {
    return sqlType(field.dataType()) + (field.arrayIndicator() ? "[]" : "");
  }

  /** The published table of a dataset: its fields and the technical columns readers need. */
  public static CddTable dataset(String schema, DataSet ds) {
    List<CddColumn> columns = new ArrayList<>();
    for (Field f : ds.fieldList()) {
      boolean key = ds.ingestionMode().isKeyed() && ds.primaryKey().contains(f.identifier());
      columns.add(new CddColumn(f.identifier(), sqlType(f), !key));
    }
    columns.add(new CddColumn(TR_ID, "text", false));
    columns.add(new CddColumn(TR_TIMESTAMP, "timestamp", true));
    columns.add(new CddColumn(TR_JOB_TS, "timestamp", false));
    columns.add(new CddColumn(TR_PARTITION, "text", true));
    List<String> key = ds.ingestionMode() == IngestionMode.APPEND ? List.of(TR_ID) : ds.primaryKey();
    List<CddIndex> indexes = new ArrayList<>();
    for (Field f : ds.fieldList()) {
      if (f.indexed()) {
        indexes.add(new CddIndex(indexName(ds.identifier(), f.identifier()), List.of(f.identifier()), List.of()));
      }
    }
    for (TableIndex t : ds.tableIndexes()) {
      indexes.add(new CddIndex(indexName(ds.identifier(), t.identifier()), t.columns(), t.include()));
    }
    if (ds.ingestionMode() == IngestionMode.APPEND) {
      // publish() replaces one execution date at a time.
      indexes.add(new CddIndex(indexName(ds.identifier(), TR_JOB_TS), List.of(TR_JOB_TS), List.of()));
    }
    return new CddTable(schema, ds.identifier(), columns, key, indexes, readers(ds.dataPermission()));
  }

  /** The evaluated activities of a flow: the input fields, the technical columns, and each step's outputs. */
  public static CddTable evaluatedActivities(String schema, EvaluationFlow flow, DataSet input, List<Risk> risks) {
    List<CddColumn> columns = new ArrayList<>();
    if (input != null) {
      for (Field f : input.fieldList()) {
        columns.add(new CddColumn(f.identifier(), sqlType(f), true));
      }
    }
    columns.add(new CddColumn(TR_ID, "text", false));
    columns.add(new CddColumn(TR_TIMESTAMP, "timestamp", true));
    columns.add(new CddColumn(TR_JOB_TS, "timestamp", false));
    columns.add(new CddColumn(TR_PARTITION, "text", true));
    for (StepColumn c : EvaluatedColumns.of(flow, input)) {
      columns.add(new CddColumn(c.name(), EvaluatedColumns.sqlType(c), true));
    }
    for (RiskColumns.Column c : RiskColumns.preEvaluate(RiskColumns.of(flow, risks))) {
      columns.add(new CddColumn(c.name(), c.sqlType(), true));
    }
    List<CddIndex> indexes = List.of(new CddIndex(indexName(flow.identifier(), TR_JOB_TS), List.of(TR_JOB_TS), List.of()));
    return new CddTable(schema, flow.identifier(), columns, List.of(TR_ID), indexes, readers(flow.dataPermission()));
  }

  /**
   * The explainability of a flow's evaluated activities, {@code <flow>_expl}: one row per rated
   * feature of a record and step, with its rank (1 = the strongest), its rating (the ratings of a
   * record and step sum to 10,000) and the record's value, so that an investigator sees why a
   * record scored as it did without reading the wide evaluated table.
   */
  public static CddTable explainability(String schema, EvaluationFlow flow) {
    String name = truncate(flow.identifier() + "_expl");
    List<CddColumn> columns = List.of(
        new CddColumn(TR_ID, "text", false),
        new CddColumn(TR_JOB_TS, "timestamp", false),
        new CddColumn("step", "text", false),
        new CddColumn("rank", "integer", false),
        new CddColumn("feature", "text", false),
        new CddColumn("rating", "integer", false),
        new CddColumn("value", "text", true));
    List<CddIndex> indexes = List.of(new CddIndex(indexName(name, TR_JOB_TS), List.of(TR_JOB_TS), List.of()));
    return new CddTable(schema, name, columns, List.of(TR_ID, TR_JOB_TS, "step", "rank"), indexes, readers(flow.dataPermission()));
  }

  /**
   * Decisioning's results, {@code activity_<flow>}: one row per evaluated record, with the risk
   * columns of {@link RiskColumns#activity}.
   */
  public static CddTable activity(String schema, EvaluationFlow flow, List<Risk> risks) {
    String name = truncate("activity_" + flow.identifier());
    List<CddColumn> columns = new ArrayList<>();
    columns.add(new CddColumn(TR_ID, "text", false));
    columns.add(new CddColumn(TR_JOB_TS, "timestamp", false));
    for (RiskColumns.Column c : RiskColumns.activity(RiskColumns.of(flow, risks))) {
      columns.add(new CddColumn(c.name(), c.sqlType(), true));
    }
    columns.add(new CddColumn("created_on", "timestamptz", false));
    List<CddIndex> indexes = List.of(new CddIndex(indexName(name, TR_JOB_TS), List.of(TR_JOB_TS), List.of()));
    return new CddTable(schema, name, columns, List.of(TR_ID), indexes, readers(flow.dataPermission()));
  }

  /**
   * Manual overrides of {@code override: true} variables, {@code activity_ovrd_<flow>} (S1 §12.4):
   * the value an investigator set for a record's variable, which identify_risks keeps on a rerun
   * unless asked to reset them.
   */
  public static CddTable overrides(String schema, EvaluationFlow flow) {
    String name = truncate("activity_ovrd_" + flow.identifier());
    List<CddColumn> columns = List.of(
        new CddColumn(TR_ID, "text", false),
        new CddColumn(TR_JOB_TS, "timestamp", false),
        new CddColumn("risk_identifier", "text", false),
        new CddColumn("variable", "text", false),
        new CddColumn("value", "text", true),
        new CddColumn("overridden_by", "text", true),
        new CddColumn("reason", "text", true),
        new CddColumn("created_on", "timestamptz", false),
        new CddColumn("effective_date", "timestamp", true));
    List<CddIndex> indexes = List.of(new CddIndex(indexName(name, TR_JOB_TS), List.of(TR_JOB_TS), List.of()));
    return new CddTable(schema, name, columns, List.of(TR_ID, "risk_identifier", "variable"), indexes, readers(flow.dataPermission()));
  }

  /**
   * The alerts of a flow, {@code alerts_<flow>}: one row per record and risk that alerted, with its
   * texts, severity, entity and suppression, the pattern and top features of AI risks, and when it
   * was distributed. The id is stable, so a rerun finds the alerts it made before.
   */
  public static CddTable alerts(String schema, EvaluationFlow flow) {
    String name = truncate("alerts_" + flow.identifier());
    List<CddColumn> columns = List.of(
        new CddColumn("alert_id", "text", false),
        new CddColumn(TR_ID, "text", false),
        new CddColumn(TR_JOB_TS, "timestamp", false),
        new CddColumn("risk_identifier", "text", false),
        new CddColumn("analysis_method", "text", true),
        new CddColumn("entity", "jsonb", false),
        new CddColumn("display_name", "text", true),
        new CddColumn("description", "text", true),
        new CddColumn("category", "text", true),
        new CddColumn("severity", "integer", true),
        new CddColumn("suppression_key", "text", false),
        new CddColumn("suppressed", "boolean", false),
        new CddColumn("suppressed_by", "text", true),
        new CddColumn("pattern", "text", true),
        new CddColumn("top_features", "jsonb", true),
        new CddColumn("payload", "jsonb", false),
        new CddColumn("created_on", "timestamptz", false),
        new CddColumn("distributed_on", "timestamptz", true),
        new CddColumn("distribution_target", "text", true),
        new CddColumn("closed_on", "timestamptz", true),
        new CddColumn("resolution", "text", true),
        new CddColumn("resolution_note", "text", true));
    List<CddIndex> indexes = List.of(
        new CddIndex(indexName(name, "job"), List.of(TR_JOB_TS, "risk_identifier"), List.of()),
        new CddIndex(indexName(name, "suppression"), List.of("suppression_key", TR_JOB_TS), List.of()),
        new CddIndex(indexName(name, "undistributed"), List.of("distributed_on", TR_JOB_TS), List.of()));
    return new CddTable(schema, name, columns, List.of("alert_id"), indexes, readers(flow.dataPermission()));
  }

  /**
   * The closures of a flow's alerts, {@code alert_closures_<flow>}: one row per closed alert, with
   * its resolution, note, when and by whom. A closure of a flow with a callback target names it
   * and stays undelivered (the callback outbox) until the target answered 2xx.
   */
  public static CddTable alertClosures(String schema, EvaluationFlow flow) {
    String name = truncate("alert_closures_" + flow.identifier());
    List<CddColumn> columns = List.of(
        new CddColumn("alert_id", "text", false),
        new CddColumn("resolution", "text", false),
        new CddColumn("note", "text", true),
        new CddColumn("closed_at", "timestamptz", false),
        new CddColumn("closed_by", "text", false),
        new CddColumn("callback_target", "text", true),
        new CddColumn("delivered_on", "timestamptz", true));
    List<CddIndex> indexes = List.of(
        new CddIndex(indexName(name, "outbox"), List.of("callback_target", "delivered_on"), List.of()));
    return new CddTable(schema, name, columns, List.of("alert_id"), indexes, readers(flow.dataPermission()));
  }

  /**
   * Every attempt to call back a closure, {@code alert_callback_attempts_<flow>}: its number (counted on
   * across drains), the status answered or 0 with the error class when none came, and when.
   */
  public static CddTable alertCallbackAttempts(String schema, EvaluationFlow flow) {
    String name = truncate("alert_callback_attempts_" + flow.identifier());
    List<CddColumn> columns = List.of(
        new CddColumn("alert_id", "text", false),
        new CddColumn("attempt", "integer", false),
        new CddColumn("status", "integer", false),
        new CddColumn("error_class", "text", true),
        new CddColumn("attempted_at", "timestamptz", false));
    return new CddTable(schema, name, columns, List.of("alert_id", "attempt"), List.of(), readers(flow.dataPermission()));
  }


  /** The nodes and edges tables of a graph, properties as JSONB with an effective date (S1 §19). */
  public static List<CddTable> graph(String schema, Graph graph) {
    String nodes = truncate(graph.identifier() + "_nodes");
    String edges = truncate(graph.identifier() + "_edges");
    CddTable nodeTable = new CddTable(schema, nodes, List.of(
        new CddColumn("node_type", "text", false),
        new CddColumn("id", "text", false),
        new CddColumn("effective_date", "timestamp", false),
        new CddColumn("properties", "jsonb", false),
        new CddColumn(TR_JOB_TS, "timestamp", true)),
        List.of("node_type", "id", "effective_date"),
        // GIN serves getNodesByProperties' containment test (@>); a btree over JSONB serves nothing and caps a row's size.
        List.of(new CddIndex(indexName(nodes, "properties"), List.of("properties"), List.of(), CddIndex.GIN)),
        readers(graph.dataPermission()));
    CddTable edgeTable = new CddTable(schema, edges, List.of(
        new CddColumn("edge_type", "text", false),
        new CddColumn("id", "text", false),
        new CddColumn("source_type", "text", false),
        new CddColumn("source_node", "text", false),
        new CddColumn("target_type", "text", false),
        new CddColumn("target_node", "text", false),
        new CddColumn("effective_date", "timestamp", false),
        new CddColumn("properties", "jsonb", false),
        new CddColumn(TR_JOB_TS, "timestamp", true)),
        List.of("edge_type", "id", "effective_date"),
        List.of(new CddIndex(indexName(edges, "source"), List.of("source_type", "source_node"), List.of()),
            new CddIndex(indexName(edges, "target"), List.of("target_type", "target_node"), List.of())),
        readers(graph.dataPermission()));
    return List.of(nodeTable, edgeTable);
  }

  /** The Postgres role of a data permission: {@code dpv:public} → {@code vigil_dpv_public}. */
  public static List<String> readers(String dataPermission) {
    if (dataPermission == null || dataPermission.isBlank()) {
      return List.of();
    }
    String group = dataPermission.startsWith("dpv:") ? dataPermission.substring(4) : dataPermission;
    return List.of(truncate("vigil_dpv_" + group.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_")));
  }

  static String indexName(String table, String suffix) {
    return truncate(table + "__" + suffix);
  }

  static String truncate(String name) {
    return name.length() <= MAX_NAME ? name : name.substring(0, MAX_NAME);
  }
}
