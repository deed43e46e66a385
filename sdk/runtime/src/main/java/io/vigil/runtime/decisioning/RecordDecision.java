package io.vigil.runtime.decisioning;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.risk.Risk;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.schema.CddColumn;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.schema.FeatureFields;
import io.vigil.runtime.schema.RiskColumns;
import io.vigil.runtime.template.TemplateEngine;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * identify_risks for one record as it arrives (real time, S1 §10), with the compiler and the
 * templates of the batch path, so that the two cannot disagree. The statements are compiled once
 * per flow; a request binds its values. {@link #decideAndStore} stores the evaluated record, its
 * copy in the input dataset's CDD table and its decision, and reads them back joined, all in one
 * statement; the alerts, when there are any, follow with the batch path's suppression.
 */
public final class RecordDecision {
  private static final DateTimeFormatter PARTITION = DateTimeFormatter.ofPattern("yyyy_MM");

  /** What one record gave: the stored activity with its evaluated columns, and its alerts. */
  public record Outcome(String trId, LocalDateTime jobTs, Map<String, Object> activity, List<StoredAlert> alerts) {
    public Outcome {
      alerts = List.copyOf(alerts);
    }

    /** Whether any alert was raised that is not suppressed. */
    public boolean match() {
      return alerts.stream().anyMatch(a -> !a.suppressed());
    }
  }

  private final EvaluationFlow flow;
  private final DataSet input;
  private final List<String> features;
  private final List<Risk> firing;
  private final Map<String, Risk> byId = new LinkedHashMap<>();
  private final Map<String, AlertTexts> texts = new LinkedHashMap<>();
  private final Decisioning.Tables tables;
  private final List<CddColumn> recordColumns;
  private final FlowRiskSql.Statement pre;
  private final List<String> preColumns;
  private final FlowRiskSql.Statement store;

  private RecordDecision(SolutionCatalog catalog, String schema, String flowId) {
    this.flow = catalog.evaluationFlow(flowId);
    List<Risk> all = catalog.all(EntityKind.RISK, Risk.class);
    all.forEach(r -> byId.putIfAbsent(r.identifier(), r));
    this.input = catalog.dataset(flow.inputDataset());
    this.features = FeatureFields.of(flow, input);
    Set<String> active = FlowRiskSql.active(flow, all);
    this.firing = RiskColumns.of(flow, all).stream().filter(r -> active.contains(r.identifier())).toList();
    TemplateEngine engine = AlertTexts.engine();
    firing.forEach(r -> texts.put(r.identifier(), AlertTexts.of(r, engine)));
    this.tables = new Decisioning.Tables(CddTables.evaluatedActivities(schema, flow, input, all), CddTables.activity(schema, flow, all),
        CddTables.overrides(schema, flow), CddTables.alerts(schema, flow));
    this.recordColumns = tables.evaluated().columns();
    FlowRiskSql.Slot executionDate = new FlowRiskSql.Slot(recordColumns.size());

    List<String> preNames = RiskColumns.preEvaluate(RiskColumns.of(flow, all)).stream().map(RiskColumns.Column::name).toList();
    this.preColumns = preNames;
    this.pre = preNames.isEmpty() ? null
        : FlowRiskSql.of(flow, all, active, FlowRiskSql.Phase.PRE_EVALUATE, null).query(record(preNames), executionDate);

    FlowRiskSql post = FlowRiskSql.of(flow, all, active, FlowRiskSql.Phase.POST_EVALUATE, tables.overrides().qualifiedName());
    FlowRiskSql.Statement decided = post.query(FlowRiskSql.table("ev", null, null), executionDate);
    String names = String.join(", ", recordColumns.stream().map(c -> CddTable.quote(c.name())).toList());
    String values = String.join(", ", recordColumns.stream().map(c -> "cast(? as " + c.sqlType() + ")").toList());
    List<Object> binds = new ArrayList<>();
    for (int i = 0; i < recordColumns.size(); i++) {
      binds.add(new FlowRiskSql.Slot(i));
    }
    binds.addAll(decided.binds());
    String activityColumns = String.join(", ", post.columns().stream().map(CddTable::quote).toList());
    StringBuilder sql = new StringBuilder("with ev as (insert into ").append(tables.evaluated().qualifiedName()).append(" (")
        .append(names).append(") values (").append(values).append(") returning *)");
    if (input.publish() && input.ingestionMode() == IngestionMode.APPEND) {
      CddTable dataset = CddTables.dataset(schema, input);
      String copied = String.join(", ", dataset.columns().stream().map(c -> CddTable.quote(c.name())).toList());
      sql.append(", ds as (insert into ").append(dataset.qualifiedName()).append(" (").append(copied).append(") select ")
          .append(copied).append(" from ev)");
    }
    sql.append(", act as (insert into ").append(tables.activity().qualifiedName()).append(" (").append(activityColumns)
        .append(", created_on) select ").append(activityColumns).append(", now() from (").append(decided.sql())
        .append(") as decided returning *) select act.*, ev.* from act join ev using (")
        .append(CddTable.quote(TechnicalColumns.TR_ID)).append(", ").append(CddTable.quote(TechnicalColumns.TR_JOB_TS)).append(")");
    this.store = new FlowRiskSql.Statement(sql.toString(), binds);
  }

  /** The flow's decision in the CDD schema {@code schema} (the public environment's, for real time). */
  public static RecordDecision of(SolutionCatalog catalog, String schema, String flowId) {
    return new RecordDecision(catalog, schema, flowId);
  }

  /**
   * The statement a connection runs once before it decides records: risk SQL names CDD tables
   * without their schema, so the environment's schema must come first on its search path.
   */
  public String searchPathStatement() {
    return "set search_path to " + CddTable.quote(tables.activity().schema()) + ", public";
  }

  /** The flow the decision is for. */
  public EvaluationFlow flow() {
    return flow;
  }

  /** The features a step rated on an evaluated record, best first: feature, rank, rating and value, as alerts show them. */
  public List<Map<String, Object>> topFeatures(String step, Map<String, Object> evaluated) {
    return Decisioning.topFeatures(step, evaluated, features);
  }

  /** The columns a record carries into {@link #decideAndStore}, with their Postgres types, in table order. */
  public List<CddColumn> recordColumns() {
    return recordColumns;
  }

  /**
   * {@code record} with its {@code PRE_EVALUATE} variables added as {@code rvp_} columns, computed in
   * one statement; the record unchanged when the flow has none. The connection must have run
   * {@link #searchPathStatement}.
   */
  public Map<String, Object> preEvaluate(Connection c, Map<String, Object> record, LocalDateTime jobTs) throws SQLException {
    if (pre == null) {
      return record;
    }
    Map<String, Object> out = new LinkedHashMap<>(record);
    try (PreparedStatement ps = c.prepareStatement(pre.sql())) {
      Decisioning.bind(ps, pre.bind(slots(record, jobTs)));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        for (String column : preColumns) {
          out.put(column, rs.getObject(column));
        }
      }
    }
    return out;
  }

  /**
   * Stores the evaluated record and its decision and returns them with the alerts, within the
   * caller's transaction: the caller commits before it answers, so that what it answers is stored.
   * Concurrent requests of one suppression key are serialised by an advisory lock, so exactly one
   * of them raises the alert and the others are suppressed by it. The connection must have run
   * {@link #searchPathStatement}.
   */
  public Outcome decideAndStore(Connection c, Map<String, Object> evaluated, LocalDateTime jobTs) throws SQLException {
    Map<String, Object> row = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement(store.sql())) {
      Decisioning.bind(ps, store.bind(slots(evaluated, jobTs)));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          row.put(meta.getColumnLabel(i), rs.getObject(i));
        }
      }
    }
    String trId = String.valueOf(row.get(TechnicalColumns.TR_ID));
    List<Alert> alerts = new ArrayList<>();
    for (Risk r : firing) {
      if (Boolean.TRUE.equals(row.get(RiskColumns.fires(r)))) {
        alerts.add(Decisioning.alert(flow, r, new RiskScope(r, byId), row, texts.get(r.identifier()), input, features));
      }
    }
    if (alerts.isEmpty()) {
      return new Outcome(trId, jobTs, row, List.of());
    }
    TreeSet<String> keys = new TreeSet<>();
    alerts.forEach(a -> keys.add(a.suppressionKey()));
    // In key order, so that two requests that share keys cannot deadlock.
    try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(hashtextextended(?, 0))")) {
      for (String key : keys) {
        ps.setString(1, tables.alerts().qualifiedName() + "|" + key);
        ps.executeQuery().close();
      }
    }
    AlertStore.insertFew(c, tables.alerts(), alerts);
    Map<String, Object[]> state = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("select alert_id, suppressed, suppressed_by from " + tables.alerts().qualifiedName()
        + " where alert_id = any(?)")) {
      ps.setArray(1, c.createArrayOf("text", alerts.stream().map(Alert::alertId).toArray()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          state.put(rs.getString(1), new Object[] {rs.getBoolean(2), rs.getString(3)});
        }
      }
    }
    List<StoredAlert> out = new ArrayList<>();
    for (Alert a : alerts) {
      Object[] s = state.get(a.alertId());
      out.add(new StoredAlert(a.alertId(), a.trId(), a.jobTs(), a.risk(), Decisioning.entity(a.entity()), a.displayName(),
          a.description(), a.category(), a.severity(), s != null && (Boolean) s[0], s == null ? null : (String) s[1], a.pattern(),
          null, null));
    }
    return new Outcome(trId, jobTs, row, out);
  }

  /** The record's values in table order, then the execution date: the values of the statements' slots. */
  private List<Object> slots(Map<String, Object> record, LocalDateTime jobTs) {
    List<Object> values = new ArrayList<>(recordColumns.size() + 1);
    for (CddColumn c : recordColumns) {
      values.add(switch (c.name()) {
        case TechnicalColumns.TR_JOB_TS -> Timestamp.valueOf(jobTs);
        case TechnicalColumns.TR_PARTITION -> jobTs.format(PARTITION);
        default -> jdbc(record.get(c.name()));
      });
    }
    values.add(Timestamp.valueOf(jobTs));
    return values;
  }

  private static Object jdbc(Object value) {
    return value instanceof LocalDateTime t ? Timestamp.valueOf(t) : value;
  }

  /** The record as a source of typed bound values: the input fields and technical columns the PRE_EVALUATE SQL may read. */
  private FlowRiskSql.ActivitySource record(List<String> preNames) {
    Map<String, Map.Entry<String, Object>> columns = new LinkedHashMap<>();
    for (int i = 0; i < recordColumns.size(); i++) {
      CddColumn c = recordColumns.get(i);
      if (!preNames.contains(c.name())) {
        columns.put(c.name(), new AbstractMap.SimpleImmutableEntry<>(c.sqlType(), new FlowRiskSql.Slot(i)));
      }
    }
    return FlowRiskSql.record(columns);
  }
}
