package io.vigil.sync.risk;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.EnrichmentOutput;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.TemplateReferences.Reference;
import io.vigil.api.risk.TemplateReferences;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariableType;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.store.Postgres;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.plan.Change;
import io.vigil.sync.plan.Plan;
import io.vigil.sync.resource.StoreKind;
import io.vigil.sync.store.Step;
import io.vigil.sync.store.SyncStores;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Compiles every risk's enrichments and variables to Postgres SQL against its flows' CDD tables and
 * {@code EXPLAIN}s them (DESIGN §4), inside a transaction that is rolled back. The transaction first
 * runs the plan's Postgres DDL, so the SQL is checked against the tables as the commit declares
 * them, even before they exist.
 *
 * <p>Compilation: {@code {parameters.x}} becomes a literal cast to the parameter's type,
 * {@code {context.execution_date}} a timestamp literal, {@code {variables.x}} the variable's own
 * compiled SQL in parentheses, {@code {enrichments.x}} the column of the enrichment joined
 * laterally, and {@code activity.<col>} a column of the flow's evaluated-activities table, aliased
 * {@code activity}. Jinja tags embedded in SQL render at run time and count as {@code null} here.
 */
public final class RiskSqlCheck {
  private static final Pattern JINJA_TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
  private static final Pattern LITERAL = Pattern.compile("(?i)\\s*('.*'|[-+]?\\d+(\\.\\d+)?|true|false|null)\\s*", Pattern.DOTALL);
  private static final String EXECUTION_DATE = "timestamp '2000-01-01 00:00:00'";

  private RiskSqlCheck() {}

  /** Problems with code RISK_SQL_INVALID, with each risk's file and line; empty when everything compiles. */
  public static List<Problem> check(Solution solution, Plan plan, Postgres postgres, String cddSchema) {
    List<LoadedEntity> risks = solution.loaded(EntityKind.RISK);
    if (risks.isEmpty()) {
      return List.of();
    }
    Map<String, Risk> byId = new LinkedHashMap<>();
    risks.forEach(r -> byId.putIfAbsent(r.identifier(), (Risk) r.entity()));
    Set<String> flows = new HashSet<>();
    solution.all(EntityKind.EVALUATION_FLOW, EvaluationFlow.class).forEach(f -> flows.add(f.identifier()));
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
          for (String flow : risk.evaluationFlows()) {
            if (flows.contains(flow)) {
              checkRisk(c, loaded, new Scope(risk, byId), CddTable.quote(cddSchema) + "." + CddTable.quote(flow), flow, problems);
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

  private static void checkRisk(Connection c, LoadedEntity loaded, Scope scope, String activityTable, String flow,
      List<Problem> problems) throws SQLException {
    Risk risk = scope.risk;
    for (Enrichment e : risk.enrichments()) {
      Set<String> used = new LinkedHashSet<>();
      String sql = compile(e.sql(), scope, used, new ArrayDeque<>());
      String query = "select * from " + activityTable + " as activity left join lateral (" + sql + ") as "
          + CddTable.quote(e.name()) + " on true";
      explain(c, query, loaded, "enrichments[" + e.name() + "].sql",
          "enrichment " + e.name() + " of risk " + risk.identifier(), flow, problems);
    }
    for (Variable v : risk.variables()) {
      Set<String> used = new LinkedHashSet<>();
      String expression = variableSql(v, scope, used, new ArrayDeque<>(List.of(v.name())));
      StringBuilder query = new StringBuilder("select (" + expression + ")::" + sqlType(v.datatype()) + " as "
          + CddTable.quote(v.name()) + " from " + activityTable + " as activity");
      for (String name : used) {
        Enrichment e = scope.enrichments.get(name);
        query.append(" left join lateral (").append(compile(e.sql(), scope, new LinkedHashSet<>(), new ArrayDeque<>()))
            .append(") as ").append(CddTable.quote(name)).append(" on true");
      }
      String path = "variables[" + v.name() + "]." + (v.expression() != null ? "expression" : "condition");
      explain(c, query.toString(), loaded, path, "variable " + v.name() + " of risk " + risk.identifier(), flow, problems);
    }
  }

  private static void explain(Connection c, String query, LoadedEntity loaded, String path, String what, String flow,
      List<Problem> problems) throws SQLException {
    Savepoint sp = c.setSavepoint();
    try (Statement s = c.createStatement()) {
      s.execute("explain " + query);
      c.releaseSavepoint(sp);
    } catch (SQLException e) {
      c.rollback(sp);
      String reason = firstLine(e.getMessage());
      problems.add(Problem.of(ProblemCode.RISK_SQL_INVALID, loaded.entity().address() + "." + path, loaded.locate(path),
          "Cannot compile " + what + " against evaluation flow " + flow + ": " + reason));
    }
  }

  private static String variableSql(Variable v, Scope scope, Set<String> used, Deque<String> stack) {
    if (v.expression() != null) {
      return compile(v.expression(), scope, used, stack);
    }
    String condition = compile(v.condition(), scope, used, stack);
    String output = v.output() == null ? "null"
        : !TemplateReferences.inSql(v.output()).isEmpty() || LITERAL.matcher(v.output()).matches()
            ? compile(v.output(), scope, used, stack)
            : quote(v.output());
    return "case when (" + condition + ") then " + output + " else null end";
  }

  private record Edit(int start, int end, String text) {}

  /** Replaces the references of {@code sql}; {@code used} collects the enrichments it joins. */
  static String compile(String sql, Scope scope, Set<String> used, Deque<String> stack) {
    if (sql == null) {
      return "null";
    }
    List<Edit> edits = new ArrayList<>();
    Matcher tags = JINJA_TAG.matcher(sql);
    while (tags.find()) {
      edits.add(new Edit(tags.start(), tags.end(), "null"));
    }
    for (Reference r : TemplateReferences.inSql(sql)) {
      if (r.jinja()) {
        continue;
      }
      String text = switch (r.kind()) {
        case PARAMETER -> scope.parameters.containsKey(r.name()) ? literal(scope.parameters.get(r.name())) : null;
        case CONTEXT -> r.name().equals("execution_date") ? EXECUTION_DATE : "null";
        case VARIABLE -> {
          Variable v = scope.variables.get(r.name());
          if (v == null || stack.contains(r.name())) {
            yield v == null ? null : "null";
          }
          stack.push(r.name());
          String inner = variableSql(v, scope, used, stack);
          stack.pop();
          yield "(" + inner + ")";
        }
        case ENRICHMENT -> {
          String enrichment = scope.enrichmentOfOutput.get(r.name());
          if (enrichment == null) {
            yield null;
          }
          used.add(enrichment);
          yield CddTable.quote(enrichment) + "." + CddTable.quote(r.name());
        }
        case ACTIVITY -> "activity." + CddTable.quote(r.name());
        case INPUT_HASH -> "''::text";
        case RESOURCE -> scope.resources.containsKey(r.name()) ? quote(scope.resources.get(r.name())) : null;
        default -> null;
      };
      if (text != null) {
        edits.add(new Edit(r.start(), r.end(), text));
      }
    }
    edits.sort(Comparator.comparingInt(Edit::start).reversed());
    StringBuilder out = new StringBuilder(sql);
    int limit = Integer.MAX_VALUE;
    for (Edit e : edits) {
      if (e.end() <= limit) {
        out.replace(e.start(), e.end(), e.text());
        limit = e.start();
      }
    }
    return out.toString();
  }

  static String literal(Parameter p) {
    String v = p.value();
    return switch (p.datatype()) {
      case DOUBLE -> "cast(" + quote(v) + " as double precision)";
      case LONG -> "cast(" + quote(v) + " as bigint)";
      case INT -> "cast(" + quote(v) + " as integer)";
      case BOOLEAN -> "cast(" + quote(v) + " as boolean)";
      case TIMESTAMP -> "cast(" + quote(v) + " as timestamp)";
      case STRING -> quote(v);
    };
  }

  static String sqlType(VariableType type) {
    if (type == null) {
      return "text";
    }
    return switch (type) {
      case BOOLEAN -> "boolean";
      case NUMERIC -> "numeric";
      case DOUBLE -> "double precision";
      case LONG, BIGINT -> "bigint";
      case INT -> "integer";
      case STRING -> "text";
      case TIMESTAMP -> "timestamp";
    };
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "''") + "'";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unknown error";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }

  /** What a risk can use: its own definitions, then those of its ancestors. */
  static final class Scope {
    final Risk risk;
    final Map<String, Parameter> parameters = new LinkedHashMap<>();
    final Map<String, Variable> variables = new LinkedHashMap<>();
    final Map<String, Enrichment> enrichments = new LinkedHashMap<>();
    final Map<String, String> enrichmentOfOutput = new LinkedHashMap<>();
    final Map<String, String> resources = new LinkedHashMap<>();

    Scope(Risk risk, Map<String, Risk> risks) {
      this.risk = risk;
      Set<String> seen = new HashSet<>();
      Risk current = risk;
      while (current != null && seen.add(current.identifier())) {
        current.parameters().forEach(p -> parameters.putIfAbsent(p.name(), p));
        current.variables().forEach(v -> variables.putIfAbsent(v.name(), v));
        for (Enrichment e : current.enrichments()) {
          enrichments.putIfAbsent(e.name(), e);
          for (EnrichmentOutput o : e.outputs()) {
            enrichmentOfOutput.putIfAbsent(o.name(), e.name());
          }
        }
        current.resources().forEach(resources::putIfAbsent);
        current = current.parentIdentifier() == null ? null : risks.get(current.parentIdentifier());
      }
    }
  }
}
