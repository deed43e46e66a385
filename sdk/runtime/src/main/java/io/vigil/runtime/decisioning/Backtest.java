package io.vigil.runtime.decisioning;

import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.risk.Risk;
import io.vigil.api.serde.Canonical;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.meta.MetaSchema;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.schema.RiskColumns;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A backtest of draft risks (beyond ThetaRay; KeplerAI's draft scenarios, Marble's backtests): a
 * risk with {@code active: false} is replayed over the published evaluated activities of a period
 * of history, with the same compiler identify_risks uses, beside the version of the same risk that
 * sync last applied (when there is one). Everything happens in temporary tables of a transaction
 * that is rolled back: the real results, the alerts and their distribution are never touched.
 */
public final class Backtest {
  private Backtest() {}

  /**
   * Replays the drafts of {@code flowId} over {@code [from, to]}.
   *
   * @param risk only this risk (draft or not); null means every draft of the flow
   */
  public static BacktestResult run(RunContext context, String flowId, LocalDateTime from, LocalDateTime to, String risk) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    List<Risk> working = context.catalog().all(EntityKind.RISK, Risk.class);
    List<Risk> drafts = RiskColumns.of(flow, working).stream()
        .filter(r -> risk != null ? r.identifier().equals(risk) : Boolean.FALSE.equals(r.active())).toList();
    if (drafts.isEmpty()) {
      throw RuntimeErrors.backtestWithoutDrafts(flowId);
    }
    String schema = context.layout().cddSchema(context.environment());
    String evaluated = CddTables.evaluatedActivities(schema, flow, context.catalog().dataset(flow.inputDataset()), working)
        .qualifiedName();
    List<String> entity = flow.identifiers() == null ? List.of(TechnicalColumns.TR_ID) : flow.identifiers().groupingIdentifier();
    context.progress().stage("backtest " + drafts.size() + " draft risks of " + flowId);
    BacktestResult result = context.stores().postgres().withConnection(c -> {
      c.setAutoCommit(false);
      try {
        Decisioning.searchPath(c, schema);
        Map<String, Risk> applied = applied(c, context.solution());
        // The draft world: the working risks with the drafts switched on.
        Set<String> draftOn = new LinkedHashSet<>(FlowRiskSql.active(flow, working));
        drafts.forEach(d -> draftOn.add(d.identifier()));
        replay(c, "vigil_bt_draft", flow, working, draftOn, evaluated, entity, from, to, context.executionDate());
        // The applied world: the versions sync applied, as they are.
        List<Risk> appliedRisks = new ArrayList<>(applied.values());
        replay(c, "vigil_bt_active", flow, appliedRisks, FlowRiskSql.active(flow, appliedRisks), evaluated, entity, from, to,
            context.executionDate());
        List<BacktestResult.Period> periods = new ArrayList<>();
        List<BacktestResult.Change> changes = new ArrayList<>();
        for (Risk d : drafts) {
          Risk version = applied.get(d.identifier());
          boolean known = version != null && !Boolean.FALSE.equals(version.active()) && version.evaluationFlows().contains(flowId);
          compare(c, d, known, entity, periods, changes);
        }
        return new BacktestResult(flowId, from, to, periods, changes);
      } finally {
        c.rollback();
      }
    });
    context.progress().done(result.periods().size() + " periods compared");
    return result;
  }

  /** Decides {@code risks} over the range into a temporary table {@code name}: entity, date and one rf_ column per risk. */
  private static void replay(Connection c, String name, EvaluationFlow flow, List<Risk> risks, Set<String> on, String evaluated,
      List<String> entity, LocalDateTime from, LocalDateTime to, LocalDateTime executionDate) throws SQLException {
    FlowRiskSql sql = FlowRiskSql.of(flow, risks, on, FlowRiskSql.Phase.POST_EVALUATE, null);
    FlowRiskSql.Statement query = sql.query(FlowRiskSql.table(evaluated, from, to), executionDate);
    String entityColumns = String.join(", ", entity.stream().map(e -> "e." + CddTable.quote(e)).toList());
    String create = "create temporary table " + name + " on commit drop as select d.*, " + entityColumns + " from (" + query.sql()
        + ") as d join " + evaluated + " as e using (" + CddTable.quote(TechnicalColumns.TR_ID) + ", "
        + CddTable.quote(TechnicalColumns.TR_JOB_TS) + ")";
    try (PreparedStatement ps = c.prepareStatement(create)) {
      Decisioning.bind(ps, query.binds());
      ps.execute();
    }
  }

  /** Alert counts per period and the entities whose alerting changes, for one draft. */
  private static void compare(Connection c, Risk draft, boolean known, List<String> entity, List<BacktestResult.Period> periods,
      List<BacktestResult.Change> changes) throws SQLException {
    String fires = CddTable.quote(RiskColumns.fires(draft));
    String activeFires = known ? "coalesce(a." + fires + ", false)" : "false";
    String on = String.join(" and ", entity.stream().map(e -> "a." + CddTable.quote(e) + " = d." + CddTable.quote(e)).toList())
        + " and a.tr_job_ts = d.tr_job_ts and a.tr_id = d.tr_id";
    String joined = "from vigil_bt_draft d left join vigil_bt_active a on " + on;
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select d.tr_job_ts, count(*) filter (where coalesce(d." + fires + ", false)), count(*) filter (where "
            + activeFires + ") " + joined + " group by d.tr_job_ts order by d.tr_job_ts")) {
      while (rs.next()) {
        periods.add(new BacktestResult.Period(draft.identifier(), rs.getTimestamp(1).toLocalDateTime(), rs.getLong(2), rs.getLong(3),
            known));
      }
    }
    String entityList = String.join(", ", entity.stream().map(e -> "d." + CddTable.quote(e)).toList());
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select d.tr_job_ts, coalesce(d." + fires + ", false), " + entityList + " " + joined
            + " where coalesce(d." + fires + ", false) <> " + activeFires + " order by d.tr_job_ts, " + entityList)) {
      while (rs.next()) {
        Map<String, Object> key = new LinkedHashMap<>();
        for (int i = 0; i < entity.size(); i++) {
          key.put(entity.get(i), Decisioning.plain(rs.getObject(3 + i)));
        }
        changes.add(new BacktestResult.Change(draft.identifier(), rs.getTimestamp(1).toLocalDateTime(), key, rs.getBoolean(2)));
      }
    }
  }

  /** The risks of the solution as sync last applied them. */
  private static Map<String, Risk> applied(Connection c, String solution) throws SQLException {
    Map<String, Risk> out = new LinkedHashMap<>();
    if (MetaSchema.currentVersion(c) == 0) {
      return out;
    }
    try (PreparedStatement ps = c.prepareStatement("select identifier, canonical::text from " + MetaSchema.SCHEMA
        + ".entities where solution = ? and kind = ? order by identifier")) {
      ps.setString(1, solution);
      ps.setString(2, EntityKind.RISK.key());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), Canonical.fromJson(rs.getString(2), Risk.class));
        }
      }
    }
    return out;
  }
}
