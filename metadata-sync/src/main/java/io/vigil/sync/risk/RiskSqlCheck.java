package io.vigil.sync.risk;

import io.vigil.api.VigilException;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariablePhase;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import io.vigil.runtime.decisioning.FlowRiskSql;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.Postgres;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.plan.Change;
import io.vigil.sync.plan.Plan;
import io.vigil.sync.resource.StoreKind;
import io.vigil.sync.store.Step;
import io.vigil.sync.store.SyncStores;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Compiles every risk's enrichments and variables against its flows' CDD tables with the same
 * compiler identify_risks runs ({@link FlowRiskSql}), and {@code EXPLAIN}s each (DESIGN §4) inside
 * a transaction that is rolled back. The transaction first runs the plan's Postgres DDL, so the SQL
 * is checked against the tables as the commit declares them, even before they exist. What sync
 * checks is therefore exactly what runs; a draft risk is checked too.
 */
public final class RiskSqlCheck {
  private static final LocalDateTime EXECUTION_DATE = LocalDateTime.of(2000, 1, 1, 0, 0);

  private RiskSqlCheck() {}

  /** Problems with code RISK_SQL_INVALID, with each risk's file and line; empty when everything compiles. */
  public static List<Problem> check(Solution solution, Plan plan, Postgres postgres, String cddSchema) {
    List<LoadedEntity> risks = solution.loaded(EntityKind.RISK);
    if (risks.isEmpty()) {
      return List.of();
    }
    List<Risk> all = solution.all(EntityKind.RISK, Risk.class);
    Map<String, EvaluationFlow> flows = new LinkedHashMap<>();
    solution.all(EntityKind.EVALUATION_FLOW, EvaluationFlow.class).forEach(f -> flows.putIfAbsent(f.identifier(), f));
    List<Problem> problems = new ArrayList<>();
    try (Connection c = postgres.connect()) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("set local statement_timeout = '30s'");
        for (Change change : plan.changesOf(StoreKind.POSTGRES)) {
          SyncStores.of(StoreKind.POSTGRES).apply(new Step(change.action(), change.before(), change.after()), null, c);
        }
        s.execute("set local search_path to " + CddTable.quote(cddSchema) + ", public");
        for (LoadedEntity loaded : risks) {
          Risk risk = (Risk) loaded.entity();
          for (String flowId : risk.evaluationFlows()) {
            EvaluationFlow flow = flows.get(flowId);
            if (flow != null) {
              checkRisk(c, loaded, risk, flow, all, cddSchema, problems);
            }
          }
        }
      } finally {
        c.rollback();
      }
    } catch (SQLException e) {
      throw SyncErrors.riskSqlCheckFailed(solution.name(), e);
    }
    return problems;
  }

  private static void checkRisk(Connection c, LoadedEntity loaded, Risk risk, EvaluationFlow flow, List<Risk> all, String schema,
      List<Problem> problems) throws SQLException {
    String overrides = CddTables.overrides(schema, flow).qualifiedName();
    String evaluated = CddTable.quote(schema) + "." + CddTable.quote(flow.identifier());
    String input = CddTable.quote(schema) + "." + CddTable.quote(flow.inputDataset());
    FlowRiskSql post = FlowRiskSql.of(flow, all, Set.of(risk.identifier()), FlowRiskSql.Phase.POST_EVALUATE, overrides);
    FlowRiskSql pre = FlowRiskSql.of(flow, all, Set.of(risk.identifier()), FlowRiskSql.Phase.PRE_EVALUATE, null);
    for (Enrichment e : risk.enrichments()) {
      String path = "enrichments[" + e.name() + "].sql";
      explain(c, () -> post.enrichmentQuery(risk.identifier(), e.name(), FlowRiskSql.table(evaluated, null, null), EXECUTION_DATE),
          loaded, path, "enrichment " + e.name() + " of risk " + risk.identifier(), flow.identifier(), problems);
    }
    for (Variable v : risk.variables()) {
      String path = "variables[" + v.name() + "]." + (v.expression() != null ? "expression" : "condition");
      boolean early = v.phase() == VariablePhase.PRE_EVALUATE;
      FlowRiskSql sql = early ? pre : post;
      String table = early ? input : evaluated;
      explain(c, () -> sql.variableQuery(risk.identifier(), v.name(), FlowRiskSql.table(table, null, null), EXECUTION_DATE),
          loaded, path, "variable " + v.name() + " of risk " + risk.identifier(), flow.identifier(), problems);
    }
  }

  private static void explain(Connection c, Supplier<FlowRiskSql.Statement> compile, LoadedEntity loaded, String path, String what,
      String flow, List<Problem> problems) throws SQLException {
    FlowRiskSql.Statement statement;
    try {
      statement = compile.get();
    } catch (VigilException e) {
      problems.add(Problem.of(ProblemCode.RISK_SQL_INVALID, loaded.entity().address() + "." + path, loaded.locate(path),
          "Cannot compile " + what + " against evaluation flow " + flow + ": " + e.getMessage()));
      return;
    }
    Savepoint sp = c.setSavepoint();
    try (PreparedStatement ps = c.prepareStatement("explain " + statement.sql())) {
      for (int i = 0; i < statement.binds().size(); i++) {
        ps.setObject(i + 1, statement.binds().get(i));
      }
      ps.execute();
      c.releaseSavepoint(sp);
    } catch (SQLException e) {
      c.rollback(sp);
      problems.add(Problem.of(ProblemCode.RISK_SQL_INVALID, loaded.entity().address() + "." + path, loaded.locate(path),
          "Cannot compile " + what + " against evaluation flow " + flow + ": " + firstLine(e.getMessage())));
    }
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
