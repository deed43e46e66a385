package io.vigil.runtime.decisioning;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.api.risk.AnalysisMethod;
import io.vigil.api.risk.Condition;
import io.vigil.api.risk.DisplaySetting;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.RatingDisplay;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.SuppressionUnit;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.schema.FeatureFields;
import io.vigil.runtime.schema.RiskColumns;
import io.vigil.runtime.store.Postgres;
import io.vigil.runtime.template.RankedFeature;
import io.vigil.runtime.template.TemplateBindings;
import io.vigil.runtime.template.TemplateEngine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decisioning (S1 §7.1, §7.2, §12.4): {@code identify_risks} decides every risk of a flow on the
 * flow's published evaluated activities in one set-based statement, keeps the results in
 * {@code activity_<flow>}, and records each alert — its texts rendered from the risk's templates,
 * its suppression worked out in Postgres — in {@code alerts_<flow>}. A rerun for the same dates
 * replaces exactly their results and the alerts not yet distributed; distributed alerts keep their
 * ids and rows.
 */
public final class Decisioning {
  private static final Logger LOG = LoggerFactory.getLogger(Decisioning.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Decisioning() {}

  /** Identifies the risks of the execution date. */
  public static IdentifyResult identifyRisks(RunContext context, String flowId) {
    return identifyRisks(context, flowId, null, null, false);
  }

  /**
   * Identifies the risks of {@code [from, to]} (both null: the execution date), keeping manual
   * overrides unless {@code resetVariableOverrides}. In a PRIVATE environment nothing runs, as in
   * the guide.
   */
  public static IdentifyResult identifyRisks(RunContext context, String flowId, LocalDateTime from, LocalDateTime to,
      boolean resetVariableOverrides) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    LocalDateTime start = from != null ? from : context.executionDate();
    LocalDateTime end = to != null ? to : context.executionDate();
    Environment env = context.environment();
    if (!env.isPublic()) {
      LOG.warn("identify_risks does not run in {}: flow {} is decided in PUBLIC only", env, flowId);
      return new IdentifyResult(flowId, env, start, end, 0, List.of(), 0);
    }
    context.checkWritable(env, "the decisioning results of flow " + flowId);
    context.progress().stage("identify risks of " + flowId);
    List<Risk> all = context.catalog().all(EntityKind.RISK, Risk.class);
    Tables t = Tables.of(context, flow, all, env);
    Set<String> active = FlowRiskSql.active(flow, all);
    FlowRiskSql sql = FlowRiskSql.of(flow, all, active, FlowRiskSql.Phase.POST_EVALUATE, t.overrides.qualifiedName());
    PhaseTimes times = new PhaseTimes();
    IdentifyResult result = context.stores().postgres().inTransaction(c -> {
      times.lap("connect");
      searchPath(c, t.activity.schema());
      if (resetVariableOverrides) {
        deleteRange(c, t.overrides, start, end);
      }
      deleteRange(c, t.activity, start, end);
      long kept = count(c, "select count(*) from " + t.alerts.qualifiedName() + " where tr_job_ts between ? and ?"
          + " and distributed_on is not null", start, end);
      try (PreparedStatement ps = c.prepareStatement("delete from " + t.alerts.qualifiedName()
          + " where tr_job_ts between ? and ? and distributed_on is null")) {
        ps.setTimestamp(1, Timestamp.valueOf(start));
        ps.setTimestamp(2, Timestamp.valueOf(end));
        ps.executeUpdate();
      }
      times.lap("clear");
      long decided = decide(c, context, flow, all, active, sql, t, start, end);
      times.lap("decide");
      List<Alert> alerts = alerts(c, context, flow, all, active, t, start, end, times);
      times.lap("read");
      AlertStore.insert(c, t.alerts, alerts, times);
      List<RiskCounts> counts = counts(c, flow, all, active, t, start, end);
      times.lap("count");
      return new IdentifyResult(flowId, env, start, end, decided, counts, kept);
    });
    times.lap("commit");
    times.log(context.metrics(), flowId);
    for (RiskCounts r : result.risks()) {
      context.metrics().add(flowId + "." + r.risk() + "-alerted", r.alerted());
      context.metrics().add(flowId + "." + r.risk() + "-suppressed", r.suppressed());
    }
    context.progress().done(result.activities() + " activities decided");
    return result;
  }

  /**
   * {@code rows} with the flow's {@code PRE_EVALUATE} variables as {@code rvp_<risk>_<variable>}
   * columns (S1 §12.4.3), computed before evaluation by the same compiler as the other variables.
   * The rows are staged in a scratch Postgres table so that the variables' SQL sees exactly these
   * records (and the reference tables beside them), and the results are joined back by
   * {@code tr_id}. Without such variables the rows come back as they are.
   */
  public static Dataset<Row> enrich(RunContext context, String flowId, Dataset<Row> rows) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    List<Risk> all = context.catalog().all(EntityKind.RISK, Risk.class);
    Set<String> active = FlowRiskSql.active(flow, all);
    List<String> pre = RiskColumns.preEvaluate(RiskColumns.of(flow, all)).stream().map(RiskColumns.Column::name).toList();
    if (pre.isEmpty()) {
      return rows;
    }
    context.progress().stage("compute PRE_EVALUATE variables of " + flowId);
    String schema = context.layout().cddSchema(context.environment());
    String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    String staged = CddTable.quote(schema) + "." + CddTable.quote("vigil_enrich_in_" + suffix);
    String computed = CddTable.quote(schema) + "." + CddTable.quote("vigil_enrich_out_" + suffix);
    Dataset<Row> base = rows.drop(pre.toArray(String[]::new));
    FlowRiskSql.Statement query = FlowRiskSql.of(flow, all, active, FlowRiskSql.Phase.PRE_EVALUATE, null)
        .query(FlowRiskSql.table(staged, null, null), context.executionDate());
    Postgres pg = context.stores().postgres();
    try {
      base.write().mode("overwrite").option("batchsize", 10_000).jdbc(pg.url(), staged, pg.jdbcProperties());
      pg.inTransaction(c -> {
        searchPath(c, schema);
        try (PreparedStatement ps = c.prepareStatement("create table " + computed + " as " + query.sql())) {
          bind(ps, query.binds());
          ps.execute();
        }
        return null;
      });
      Dataset<Row> values = context.spark().read().jdbc(pg.url(), computed, pg.jdbcProperties())
          .drop(TechnicalColumns.TR_JOB_TS);
      // Materialised before the scratch tables go; the caller's rows stay as they were planned.
      Dataset<Row> out = base.join(values, base.col(TechnicalColumns.TR_ID).equalTo(values.col(TechnicalColumns.TR_ID)), "left")
          .drop(values.col(TechnicalColumns.TR_ID)).localCheckpoint(true);
      context.progress().done(pre.size() + " variables");
      return out;
    } finally {
      pg.withConnection(c -> {
        try (var st = c.createStatement()) {
          st.execute("drop table if exists " + staged);
          st.execute("drop table if exists " + computed);
        }
        return null;
      });
    }
  }

  /** The flow's CDD tables in one environment. */
  record Tables(CddTable evaluated, CddTable activity, CddTable overrides, CddTable alerts) {
    static Tables of(RunContext context, EvaluationFlow flow, List<Risk> all, Environment env) {
      String schema = context.layout().cddSchema(env);
      DataSet input = context.catalog().dataset(flow.inputDataset());
      return new Tables(CddTables.evaluatedActivities(schema, flow, input, all), CddTables.activity(schema, flow, all),
          CddTables.overrides(schema, flow), CddTables.alerts(schema, flow));
    }
  }

  /** Writes the results of the range; on failure finds the risk whose SQL failed and names it. */
  private static long decide(Connection c, RunContext context, EvaluationFlow flow, List<Risk> all, Set<String> active,
      FlowRiskSql sql, Tables t, LocalDateTime start, LocalDateTime end) throws SQLException {
    FlowRiskSql.Statement query = sql.query(FlowRiskSql.table(t.evaluated.qualifiedName(), start, end), context.executionDate());
    List<String> columns = sql.columns();
    String list = String.join(", ", columns.stream().map(CddTable::quote).toList());
    String insert = "insert into " + t.activity.qualifiedName() + " (" + list + ", created_on) select " + list + ", now() from ("
        + query.sql() + ") as decided";
    try (Statement s = c.createStatement()) {
      s.execute("savepoint decide");
    }
    try (PreparedStatement ps = c.prepareStatement(insert)) {
      bind(ps, query.binds());
      return ps.executeUpdate();
    } catch (SQLException e) {
      try (Statement s = c.createStatement()) {
        s.execute("rollback to savepoint decide");
      }
      throw RuntimeErrors.riskSqlFailed(flow.identifier(), failing(c, context, flow, all, active, t, start, end), null, e);
    }
  }

  /** The risks whose statement alone fails on the data, with their files. */
  private static String failing(Connection c, RunContext context, EvaluationFlow flow, List<Risk> all, Set<String> active, Tables t,
      LocalDateTime start, LocalDateTime end) throws SQLException {
    List<String> out = new ArrayList<>();
    for (String id : active) {
      FlowRiskSql.Statement alone = FlowRiskSql.of(flow, all, Set.of(id), FlowRiskSql.Phase.POST_EVALUATE, t.overrides.qualifiedName())
          .query(FlowRiskSql.table(t.evaluated.qualifiedName(), start, end), context.executionDate());
      try (Statement s = c.createStatement()) {
        s.execute("savepoint probe");
      }
      // Every column must be computed: a count alone lets Postgres skip the select list.
      try (PreparedStatement ps = c.prepareStatement("select count(*) from (" + alone.sql() + ") as probe where cast(probe as text) is not null")) {
        bind(ps, alone.binds());
        ps.executeQuery().close();
        try (Statement s = c.createStatement()) {
          s.execute("release savepoint probe");
        }
      } catch (SQLException e) {
        try (Statement s = c.createStatement()) {
          s.execute("rollback to savepoint probe");
        }
        String domain = context.catalog().domainOf(EntityKind.RISK, id);
        out.add("risk " + id + " (domains/" + domain + "/risks/" + id + ".yaml)");
      }
    }
    return out.isEmpty() ? "the risks of flow " + flow.identifier() + " together" : String.join(", ", out);
  }

  /** The alerts of the range, texts rendered once per risk's compiled templates. */
  private static List<Alert> alerts(Connection c, RunContext context, EvaluationFlow flow, List<Risk> all, Set<String> active,
      Tables t, LocalDateTime start, LocalDateTime end, PhaseTimes times) throws SQLException {
    List<Risk> risks = RiskColumns.of(flow, all).stream().filter(r -> active.contains(r.identifier())).toList();
    if (risks.isEmpty()) {
      return List.of();
    }
    List<String> fired = risks.stream().map(r -> "a." + CddTable.quote(RiskColumns.fires(r))).toList();
    String query = "select a.*, e.* from " + t.activity.qualifiedName() + " as a join " + t.evaluated.qualifiedName()
        + " as e using (" + CddTable.quote(TechnicalColumns.TR_ID) + ", " + CddTable.quote(TechnicalColumns.TR_JOB_TS)
        + ") where a.tr_job_ts between ? and ? and (" + String.join(" or ", fired) + ") order by a.tr_job_ts, a.tr_id";
    Map<String, Risk> byId = new LinkedHashMap<>();
    all.forEach(r -> byId.putIfAbsent(r.identifier(), r));
    TemplateEngine engine = AlertTexts.engine();
    Map<String, AlertTexts> texts = new LinkedHashMap<>();
    Map<String, RiskScope> scopes = new LinkedHashMap<>();
    risks.forEach(r -> texts.put(r.identifier(), AlertTexts.of(r, engine)));
    risks.forEach(r -> scopes.put(r.identifier(), new RiskScope(r, byId)));
    DataSet input = context.catalog().dataset(flow.inputDataset());
    List<String> features = FeatureFields.of(flow, input);
    List<Alert> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(query)) {
      // Inside the transaction the driver streams the firing rows instead of loading them all.
      ps.setFetchSize(10_000);
      ps.setTimestamp(1, Timestamp.valueOf(start));
      ps.setTimestamp(2, Timestamp.valueOf(end));
      try (ResultSet rs = ps.executeQuery()) {
        ResultSetMetaData meta = rs.getMetaData();
        while (rs.next()) {
          Map<String, Object> row = new LinkedHashMap<>();
          for (int i = 1; i <= meta.getColumnCount(); i++) {
            row.put(meta.getColumnLabel(i), rs.getObject(i));
          }
          long rendering = System.nanoTime();
          for (Risk r : risks) {
            if (Boolean.TRUE.equals(row.get(RiskColumns.fires(r)))) {
              out.add(alert(flow, r, scopes.get(r.identifier()), row, texts.get(r.identifier()), input, features));
            }
          }
          times.move("read", "render", System.nanoTime() - rendering);
        }
      }
    }
    return out;
  }

  static Alert alert(EvaluationFlow flow, Risk risk, RiskScope scope, Map<String, Object> row, AlertTexts texts, DataSet input,
      List<String> features) {
    String trId = String.valueOf(row.get(TechnicalColumns.TR_ID));
    LocalDateTime jobTs = ((Timestamp) row.get(TechnicalColumns.TR_JOB_TS)).toLocalDateTime();
    Map<String, Object> activity = new LinkedHashMap<>();
    row.forEach((k, v) -> {
      if (!k.startsWith("rv_") && !k.startsWith("rf_") && !k.equals("created_on")) {
        activity.put(k, plain(v));
      }
    });
    Map<String, Object> parameters = new LinkedHashMap<>();
    scope.parameters.forEach((name, p) -> parameters.put(name, FlowRiskSql.typed(variableType(p.definition()), p.definition().value(),
        p.owner(), name)));
    Map<String, Object> variables = new LinkedHashMap<>();
    scope.variables.forEach((name, v) -> variables.put(name, plain(row.get(RiskColumns.variable(v.owner(), v.definition())))));
    Map<String, Object> enrichments = new LinkedHashMap<>();
    scope.outputs.forEach((name, o) -> enrichments.put(name, plain(row.get(RiskColumns.output(o.owner(), o.definition())))));
    TemplateBindings.Builder bindings = TemplateBindings.builder().activity(activity).parameters(parameters).variables(variables)
        .enrichments(enrichments);
    for (EvaluationStep step : flow.evaluationSteps()) {
      bindings.step(step.identifier(), ranked(step.identifier(), row, input, features));
    }
    AlertTexts.Texts rendered = texts.render(bindings.build(), trId);
    Map<String, Object> entity = new LinkedHashMap<>();
    List<String> grouping = flow.identifiers() == null ? List.of(TechnicalColumns.TR_ID) : flow.identifiers().groupingIdentifier();
    grouping.forEach(g -> entity.put(g, plain(row.get(g))));
    String suppressionKey = rendered.suppressionIdentifier() != null ? rendered.suppressionIdentifier()
        : risk.identifier() + "|" + String.join("|", entity.values().stream().map(String::valueOf).toList());
    String alertId = sha256(flow.identifier() + "|" + risk.identifier() + "|" + trId + "|" + jobTs);
    String step = ratingStep(flow, risk);
    String pattern = step == null ? null : (String) row.get(step + "_pattern");
    List<Map<String, Object>> top = step == null ? List.of() : topFeatures(step, row, features);
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("id", alertId);
    payload.put("flow", flow.identifier());
    payload.put("activity_id", trId);
    payload.put("execution_date", jobTs.toString());
    Map<String, Object> riskItem = new LinkedHashMap<>();
    riskItem.put("identifier", risk.identifier());
    riskItem.put("parent_identifier", risk.parentIdentifier());
    riskItem.put("analysis_method", risk.analysisMethod() == null ? null : risk.analysisMethod().name());
    payload.put("risk", riskItem);
    payload.put("entity", entity);
    payload.put("display_name", rendered.displayName());
    payload.put("description", rendered.description());
    payload.put("category", rendered.category());
    payload.put("severity", rendered.severity());
    payload.put("fields", distributed(risk, scope, row, input));
    if (risk.analysisMethod() == AnalysisMethod.AI && step != null) {
      payload.put("pattern", pattern);
      payload.put("feature_ratings", top);
    }
    return new Alert(alertId, trId, jobTs, risk.identifier(), risk.analysisMethod() == null ? null : risk.analysisMethod().name(),
        json(entity), rendered.displayName(), rendered.description(), rendered.category(), rendered.severity(), suppressionKey,
        suppressionPeriod(risk), pattern, top.isEmpty() ? null : json(top), json(payload));
  }

  /** The features a step ranked for the record, best first, with their dataset metadata. */
  private static List<RankedFeature> ranked(String step, Map<String, Object> row, DataSet input, List<String> features) {
    record Ranked(int rank, Field field) {}
    List<Ranked> found = new ArrayList<>();
    for (String f : features) {
      Object rank = row.get(step + "_" + f + "_rank");
      if (rank instanceof Number n) {
        found.add(new Ranked(n.intValue(), input.findField(f)));
      }
    }
    found.sort(Comparator.comparingInt(Ranked::rank));
    return found.stream().map(r -> new RankedFeature(r.field().displayName() != null ? r.field().displayName() : r.field().identifier(),
        r.field().description(), r.field().category())).toList();
  }

  static List<Map<String, Object>> topFeatures(String step, Map<String, Object> row, List<String> features) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String f : features) {
      Object rank = row.get(step + "_" + f + "_rank");
      Object rating = row.get(step + "_" + f + "_rating");
      if (rank instanceof Number && rating instanceof Number) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("feature", f);
        item.put("rank", ((Number) rank).intValue());
        item.put("rating", ((Number) rating).intValue());
        item.put("value", plain(row.get(f)));
        out.add(item);
      }
    }
    out.sort(Comparator.comparingInt(m -> (Integer) m.get("rank")));
    return out;
  }

  /** The step whose ratings an AI risk shows: its Rating display setting's, else the flow's first algo step. */
  private static String ratingStep(EvaluationFlow flow, Risk risk) {
    for (Condition c : risk.conditions()) {
      for (DisplaySetting d : c.displaySettings()) {
        if (d instanceof RatingDisplay rating && rating.evaluationStep() != null) {
          return rating.evaluationStep();
        }
      }
    }
    return flow.evaluationSteps().stream().filter(s -> s instanceof AlgoEvaluationStep).map(EvaluationStep::identifier)
        .findFirst().orElse(null);
  }

  /** The variables and enrichment outputs marked {@code distribute: true}, and the input fields so marked. */
  private static Map<String, Object> distributed(Risk risk, RiskScope scope, Map<String, Object> row, DataSet input) {
    Map<String, Object> out = new TreeMap<>();
    scope.variables.forEach((name, v) -> {
      if (v.definition().distribute()) {
        out.put(name, plain(row.get(RiskColumns.variable(v.owner(), v.definition()))));
      }
    });
    scope.outputs.forEach((name, o) -> {
      if (o.definition().distribute()) {
        out.put(name, plain(row.get(RiskColumns.output(o.owner(), o.definition()))));
      }
    });
    return out;
  }

  /** The suppression period as a Postgres interval, or null when suppression is off ({@code -1} or unset). */
  static String suppressionPeriod(Risk risk) {
    Integer size = risk.suppressionPeriodSize();
    SuppressionUnit unit = risk.suppressionPeriodUnit();
    if (size == null || size < 0 || unit == null) {
      return null;
    }
    return size + " " + switch (unit) {
      case HOUR -> "hours";
      case DAY -> "days";
      case MONTH -> "months";
    };
  }

  /**
   * Alerted and suppressed alerts per risk of the range, in one grouped query, and the records
   * each parent had replaced (a descendant fired), in one scan of the results.
   */
  private static List<RiskCounts> counts(Connection c, EvaluationFlow flow, List<Risk> all, Set<String> active, Tables t,
      LocalDateTime start, LocalDateTime end) throws SQLException {
    Map<String, long[]> alerts = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("select risk_identifier, count(*) filter (where not suppressed),"
        + " count(*) filter (where suppressed) from " + t.alerts.qualifiedName() + " where tr_job_ts between ? and ?"
        + " group by risk_identifier")) {
      ps.setTimestamp(1, Timestamp.valueOf(start));
      ps.setTimestamp(2, Timestamp.valueOf(end));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          alerts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3)});
        }
      }
    }
    Map<String, Risk> byId = new LinkedHashMap<>();
    all.forEach(r -> byId.putIfAbsent(r.identifier(), r));
    List<Risk> risks = RiskColumns.of(flow, all).stream().filter(r -> active.contains(r.identifier())).toList();
    List<String> filters = new ArrayList<>();
    List<String> parents = new ArrayList<>();
    for (Risk r : risks) {
      List<String> children = risks.stream().filter(other -> descends(other, r, byId))
          .map(other -> CddTable.quote(RiskColumns.fires(other))).toList();
      if (!children.isEmpty()) {
        filters.add("count(*) filter (where " + String.join(" or ", children) + ")");
        parents.add(r.identifier());
      }
    }
    Map<String, Long> replaced = new LinkedHashMap<>();
    if (!parents.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("select " + String.join(", ", filters) + " from " + t.activity.qualifiedName()
          + " where tr_job_ts between ? and ?")) {
        ps.setTimestamp(1, Timestamp.valueOf(start));
        ps.setTimestamp(2, Timestamp.valueOf(end));
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          for (int i = 0; i < parents.size(); i++) {
            replaced.put(parents.get(i), rs.getLong(i + 1));
          }
        }
      }
    }
    List<RiskCounts> out = new ArrayList<>();
    for (Risk r : risks) {
      long[] n = alerts.getOrDefault(r.identifier(), new long[2]);
      out.add(new RiskCounts(r.identifier(), n[0], n[1], replaced.getOrDefault(r.identifier(), 0L)));
    }
    return out;
  }

  private static boolean descends(Risk child, Risk ancestor, Map<String, Risk> byId) {
    Set<String> seen = new TreeSet<>();
    Risk p = child.parentIdentifier() == null ? null : byId.get(child.parentIdentifier());
    while (p != null && seen.add(p.identifier())) {
      if (p.identifier().equals(ancestor.identifier())) {
        return true;
      }
      p = p.parentIdentifier() == null ? null : byId.get(p.parentIdentifier());
    }
    return false;
  }

  /** Risk SQL names CDD tables without their schema, as ThetaRay's does: the environment's schema comes first. */
  static void searchPath(Connection c, String schema) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("set local search_path to " + CddTable.quote(schema) + ", public");
    }
  }

  private static void deleteRange(Connection c, CddTable table, LocalDateTime start, LocalDateTime end) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("delete from " + table.qualifiedName() + " where tr_job_ts between ? and ?")) {
      ps.setTimestamp(1, Timestamp.valueOf(start));
      ps.setTimestamp(2, Timestamp.valueOf(end));
      ps.executeUpdate();
    }
  }

  static long count(Connection c, String sql, LocalDateTime start, LocalDateTime end) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.valueOf(start));
      ps.setTimestamp(2, Timestamp.valueOf(end));
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static void bind(PreparedStatement ps, List<Object> binds) throws SQLException {
    for (int i = 0; i < binds.size(); i++) {
      ps.setObject(i + 1, binds.get(i));
    }
  }

  /** JDBC values as templates and JSON show them: timestamps as ISO text. */
  static Object plain(Object value) {
    if (value instanceof Timestamp ts) {
      return ts.toLocalDateTime().toString();
    }
    if (value instanceof java.sql.Array || value instanceof org.postgresql.util.PGobject) {
      return value.toString();
    }
    return value;
  }

  private static io.vigil.api.risk.VariableType variableType(Parameter p) {
    return switch (p.datatype()) {
      case DOUBLE -> io.vigil.api.risk.VariableType.DOUBLE;
      case LONG -> io.vigil.api.risk.VariableType.LONG;
      case INT -> io.vigil.api.risk.VariableType.INT;
      case BOOLEAN -> io.vigil.api.risk.VariableType.BOOLEAN;
      case TIMESTAMP -> io.vigil.api.risk.VariableType.TIMESTAMP;
      case STRING -> io.vigil.api.risk.VariableType.STRING;
    };
  }

  /** An alert's entity JSON as a map, identifiers in the flow's order. */
  static Map<String, Object> entity(String json) {
    try {
      return JSON.readValue(json, new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { });
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
