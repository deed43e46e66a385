package io.vigil.runtime.decisioning;

import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.risk.Condition;
import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.EnrichmentOutput;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.TemplateReferences.Reference;
import io.vigil.api.risk.TemplateReferences;
import io.vigil.api.risk.ValueProperties;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariablePhase;
import io.vigil.api.risk.VariableType;
import io.vigil.api.time.TimeText;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.RiskColumns;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The risks of one evaluation flow compiled to one set-based Postgres statement (S1 §7): each
 * variable becomes an expression over the activity row, in its order, a later one inlining the
 * earlier ones it names; {@code condition} + {@code output} becomes {@code CASE WHEN … THEN … END};
 * enrichments are lateral joins over the CDD; parameters, condition values and the execution date
 * are bound with their types, never pasted; overridden variables take the investigator's value.
 * A risk alerts on a record when its own and its ancestors' conditions hold and no descendant's
 * do: a child that fires replaces its parent. Sync's risk SQL check compiles through here too, so
 * what sync checks is what runs.
 */
public final class FlowRiskSql {
  /** Which variables a statement computes. */
  public enum Phase {
    /** {@code PRE_EVALUATE} variables, over a flow's input records, by {@code enrich} before evaluation. */
    PRE_EVALUATE,
    /** Every other variable and the alert decision, over the evaluated activities, by {@code identify_risks}. */
    POST_EVALUATE
  }

  /** SQL with the values of its {@code ?} placeholders, in order. */
  public record Statement(String sql, List<Object> binds) {
    public Statement {
      binds = java.util.Collections.unmodifiableList(new ArrayList<>(binds));
    }

    /** The binds with each {@link Slot} replaced by its value: one request's values for a statement compiled once. */
    public List<Object> bind(List<?> values) {
      List<Object> out = new ArrayList<>(binds.size());
      for (Object b : binds) {
        out.add(b instanceof Slot s ? values.get(s.index()) : b);
      }
      return out;
    }
  }

  /**
   * A placeholder for a value that changes with every request, in a statement compiled once per
   * flow: {@link Statement#bind} puts the request's {@code index}-th value in its place.
   */
  public record Slot(int index) {}

  /** Where the activity rows come from, aliased {@code activity}. */
  public interface ActivitySource {
    /** The FROM item; appends the values of its placeholders. */
    String from(List<Object> binds);

    /** A condition on {@code activity}, or null; appends the values of its placeholders. */
    String where(List<Object> binds);
  }

  private static final Pattern JINJA_TAG = Pattern.compile("\\{\\{.*?}}|\\{%.*?%}", Pattern.DOTALL);
  private static final Pattern CLASSIFY = Pattern.compile(
      "\\{\\{\\s*classify_by_priority\\s*\\(\\s*(['\"])([^'\"]*)\\1\\s*\\)\\s*}}", Pattern.DOTALL);

  private final EvaluationFlow flow;
  private final Map<String, Risk> byId = new LinkedHashMap<>();
  private final List<Risk> flowRisks;
  private final Set<String> evaluated;
  private final Phase phase;
  private final String overrides;

  private FlowRiskSql(EvaluationFlow flow, List<Risk> all, Set<String> evaluated, Phase phase, String overrides) {
    this.flow = flow;
    all.forEach(r -> byId.putIfAbsent(r.identifier(), r));
    this.flowRisks = RiskColumns.of(flow, all);
    this.evaluated = Set.copyOf(evaluated);
    this.phase = phase;
    this.overrides = overrides;
  }

  /**
   * A compiler for {@code flow}.
   *
   * @param all every risk of the solution (ancestors may name other flows)
   * @param evaluated the risks to compute; the others' columns are null and they never alert
   * @param overrides the qualified overrides table, or null to ignore overrides
   */
  public static FlowRiskSql of(EvaluationFlow flow, List<Risk> all, Set<String> evaluated, Phase phase, String overrides) {
    return new FlowRiskSql(flow, all, evaluated, phase, overrides);
  }

  /** The active risks of {@code all} that name {@code flow}. */
  public static Set<String> active(EvaluationFlow flow, List<Risk> all) {
    Set<String> out = new LinkedHashSet<>();
    for (Risk r : RiskColumns.of(flow, all)) {
      if (!Boolean.FALSE.equals(r.active())) {
        out.add(r.identifier());
      }
    }
    return out;
  }

  /** The rows of {@code table} whose {@code tr_job_ts} lies in {@code [from, to]}. */
  public static ActivitySource table(String qualifiedTable, LocalDateTime from, LocalDateTime to) {
    return new ActivitySource() {
      @Override
      public String from(List<Object> binds) {
        return qualifiedTable;
      }

      @Override
      public String where(List<Object> binds) {
        if (from == null) {
          return null;
        }
        binds.add(Timestamp.valueOf(from));
        binds.add(Timestamp.valueOf(to));
        return "activity." + CddTable.quote(TechnicalColumns.TR_JOB_TS) + " between cast(? as timestamp) and cast(? as timestamp)";
      }
    };
  }

  /**
   * One record given as values, each bound with its Postgres type: the activity of a real-time
   * request. {@code columns} maps a column to its type and value.
   */
  public static ActivitySource record(Map<String, Map.Entry<String, Object>> columns) {
    return new ActivitySource() {
      @Override
      public String from(List<Object> binds) {
        List<String> items = new ArrayList<>();
        columns.forEach((name, typed) -> {
          binds.add(typed.getValue());
          items.add("cast(? as " + typed.getKey() + ") as " + CddTable.quote(name));
        });
        return "(select " + String.join(", ", items) + ")";
      }

      @Override
      public String where(List<Object> binds) {
        return null;
      }
    };
  }

  /** The output columns of {@link #query}, in order. */
  public List<String> columns() {
    List<String> out = new ArrayList<>(List.of(TechnicalColumns.TR_ID, TechnicalColumns.TR_JOB_TS));
    if (phase == Phase.PRE_EVALUATE) {
      RiskColumns.preEvaluate(flowRisks).forEach(c -> out.add(c.name()));
    } else {
      RiskColumns.activity(flowRisks).forEach(c -> out.add(c.name()));
    }
    return out;
  }

  /** Every column of {@link #columns} for the rows of {@code source}. */
  public Statement query(ActivitySource source, LocalDateTime executionDate) {
    return query(source, (Object) (executionDate == null ? null : Timestamp.valueOf(executionDate)));
  }

  /** The same, with the execution date bound per request through a {@link Slot}. */
  public Statement query(ActivitySource source, Slot executionDate) {
    return query(source, (Object) executionDate);
  }

  private Statement query(ActivitySource source, Object executionDate) {
    Build b = new Build(executionDate);
    List<String> select = new ArrayList<>();
    select.add("activity." + CddTable.quote(TechnicalColumns.TR_ID) + " as " + CddTable.quote(TechnicalColumns.TR_ID));
    select.add("activity." + CddTable.quote(TechnicalColumns.TR_JOB_TS) + " as " + CddTable.quote(TechnicalColumns.TR_JOB_TS));
    List<String> fires = new ArrayList<>();
    for (Risk r : flowRisks) {
      boolean on = evaluated.contains(r.identifier());
      RiskScope scope = scope(r);
      for (Variable v : RiskColumns.ordered(r)) {
        boolean pre = v.phase() == VariablePhase.PRE_EVALUATE;
        if (phase == Phase.PRE_EVALUATE && !pre) {
          continue;
        }
        String column = RiskColumns.variable(r, v);
        String value = on ? variable(b, scope, r, v, new ArrayDeque<>()) : "null";
        select.add("cast(" + value + " as " + RiskColumns.sqlType(v.datatype()) + ") as " + CddTable.quote(column));
      }
      if (phase == Phase.PRE_EVALUATE) {
        continue;
      }
      for (Enrichment e : r.enrichments()) {
        for (EnrichmentOutput o : e.outputs()) {
          String value = on ? b.enrichment(scope, new RiskScope.Owned<>(r, e)) + "." + CddTable.quote(o.name()) : "null";
          select.add("cast(" + value + " as " + RiskColumns.sqlType(o.datatype()) + ") as " + CddTable.quote(RiskColumns.output(r, o)));
        }
      }
      String holds = on ? conditions(b, scope) : "false";
      select.add(holds + " as " + CddTable.quote(holdsColumn(r)));
      fires.add(RiskColumns.fires(r));
    }
    String inner = b.statement(select, source);
    if (phase == Phase.PRE_EVALUATE) {
      return new Statement(inner, b.binds);
    }
    // A risk alerts when its conditions hold and no descendant's do: the deepest firing risk replaces its ancestors.
    List<String> outer = new ArrayList<>();
    for (String c : columns()) {
      if (!fires.contains(c)) {
        outer.add("q." + CddTable.quote(c));
      }
    }
    for (Risk r : flowRisks) {
      List<String> descendants = descendants(r).stream().filter(d -> evaluated.contains(d.identifier()))
          .map(d -> "q." + CddTable.quote(holdsColumn(d))).toList();
      String alone = "q." + CddTable.quote(holdsColumn(r));
      String decided = descendants.isEmpty() ? alone : "(" + alone + " and not (" + String.join(" or ", descendants) + "))";
      outer.add(decided + " as " + CddTable.quote(RiskColumns.fires(r)));
    }
    // Keep the column order of the table definition.
    List<String> ordered = new ArrayList<>();
    for (String c : columns()) {
      ordered.add(outer.stream().filter(o -> o.endsWith(" as " + CddTable.quote(c)) || o.equals("q." + CddTable.quote(c)))
          .findFirst().orElseThrow());
    }
    return new Statement("select " + String.join(", ", ordered) + " from (" + inner + ") as q", b.binds);
  }

  /** One variable of one risk alone, with only the joins it needs: what the risk SQL check explains. */
  public Statement variableQuery(String riskId, String variable, ActivitySource source, LocalDateTime executionDate) {
    Risk r = byId.get(riskId);
    RiskScope scope = scope(r);
    Variable v = scope.variables.get(variable).definition();
    Build b = new Build(executionDate == null ? null : Timestamp.valueOf(executionDate));
    String value = variable(b, scope, scope.variables.get(variable).owner(), v, new ArrayDeque<>());
    return new Statement(b.statement(List.of("cast(" + value + " as " + RiskColumns.sqlType(v.datatype()) + ") as "
        + CddTable.quote(v.name())), source), b.binds);
  }

  /** One enrichment of one risk alone, joined to the activity rows. */
  public Statement enrichmentQuery(String riskId, String enrichment, ActivitySource source, LocalDateTime executionDate) {
    RiskScope scope = scope(byId.get(riskId));
    Build b = new Build(executionDate == null ? null : Timestamp.valueOf(executionDate));
    String alias = b.enrichment(scope, scope.enrichments.get(enrichment));
    return new Statement(b.statement(List.of(alias + ".*"), source), b.binds);
  }

  /** The alias of the column that says whether a risk's own and ancestors' conditions hold. */
  static String holdsColumn(Risk r) {
    return RiskColumns.fires(r) + "__holds";
  }

  private RiskScope scope(Risk r) {
    return new RiskScope(r, byId);
  }

  private List<Risk> descendants(Risk r) {
    List<Risk> out = new ArrayList<>();
    for (Risk other : flowRisks) {
      Risk p = other.parentIdentifier() == null ? null : byId.get(other.parentIdentifier());
      Set<String> seen = new LinkedHashSet<>();
      while (p != null && seen.add(p.identifier())) {
        if (p.identifier().equals(r.identifier())) {
          out.add(other);
          break;
        }
        p = p.parentIdentifier() == null ? null : byId.get(p.parentIdentifier());
      }
    }
    return out;
  }

  /** Every condition of the risk and its ancestors, each a variable equal to its value. */
  private String conditions(Build b, RiskScope scope) {
    List<String> all = new ArrayList<>();
    for (Risk level : scope.lineage()) {
      RiskScope own = scope(level);
      for (Condition c : level.conditions()) {
        RiskScope.Owned<Variable> v = own.variables.get(c.variable());
        if (v == null || Boolean.FALSE.equals(v.definition().active())) {
          return "false";
        }
        String value = variable(b, own, v.owner(), v.definition(), new ArrayDeque<>());
        String type = RiskColumns.sqlType(v.definition().datatype());
        all.add("coalesce(cast(" + value + " as " + type + ") = " + b.bind(typed(v.definition().datatype(), c.value(), level, c.variable()),
            type) + ", false)");
      }
    }
    return all.isEmpty() ? "false" : "(" + String.join(" and ", all) + ")";
  }

  /** The SQL of a variable: null when inactive, the pre-evaluated column when computed before, the override when one is set. */
  private String variable(Build b, RiskScope scope, Risk owner, Variable v, Deque<String> stack) {
    if (Boolean.FALSE.equals(v.active())) {
      return "null";
    }
    if (v.phase() == VariablePhase.PRE_EVALUATE && phase == Phase.POST_EVALUATE) {
      return "activity." + CddTable.quote(RiskColumns.variable(owner, v));
    }
    String key = owner.identifier() + "." + v.name();
    if (stack.contains(key)) {
      throw RuntimeErrors.riskVariableCycle(owner.identifier(), v.name(), List.copyOf(stack));
    }
    stack.push(key);
    String sql = "(" + compile(b, scope(owner), v.sqlExpression(), stack, owner, v.name()) + ")";
    stack.pop();
    if (v.override() && overrides != null && phase == Phase.POST_EVALUATE) {
      String alias = b.override(owner, v);
      sql = "coalesce(cast(" + alias + ".value as " + RiskColumns.sqlType(v.datatype()) + "), " + sql + ")";
    }
    return sql;
  }

  /** Replaces the references of a risk SQL text with columns, joins and bound values. */
  private String compile(Build b, RiskScope scope, String sql, Deque<String> stack, Risk owner, String what) {
    if (sql == null) {
      return "null";
    }
    record Edit(int start, int end, String text) {}
    List<Edit> edits = new ArrayList<>();
    Matcher tags = JINJA_TAG.matcher(sql);
    while (tags.find()) {
      Matcher classify = CLASSIFY.matcher(tags.group());
      if (!classify.matches()) {
        throw RuntimeErrors.riskSqlUnsupported(owner.identifier(), what, tags.group());
      }
      edits.add(new Edit(tags.start(), tags.end(), classifyByPriority(b, scope, classify.group(2), stack)));
    }
    for (Reference r : TemplateReferences.inSql(sql)) {
      if (r.jinja()) {
        continue;
      }
      String text = switch (r.kind()) {
        case PARAMETER -> {
          RiskScope.Owned<Parameter> p = scope.parameters.get(r.name());
          if (p == null) {
            throw RuntimeErrors.riskReferenceUnknown(owner.identifier(), what, "parameters." + r.name());
          }
          yield b.parameter(p);
        }
        case CONTEXT -> {
          if (!r.name().equals("execution_date")) {
            throw RuntimeErrors.riskReferenceUnknown(owner.identifier(), what, "context." + r.name());
          }
          yield "ctx." + CddTable.quote("execution_date");
        }
        case VARIABLE -> {
          RiskScope.Owned<Variable> v = scope.variables.get(r.name());
          if (v == null) {
            throw RuntimeErrors.riskReferenceUnknown(owner.identifier(), what, "variables." + r.name());
          }
          yield variable(b, scope, v.owner(), v.definition(), stack);
        }
        case ENRICHMENT -> {
          RiskScope.Owned<Enrichment> e = scope.enrichmentOfOutput.get(r.name());
          if (e == null) {
            throw RuntimeErrors.riskReferenceUnknown(owner.identifier(), what, "enrichments." + r.name());
          }
          yield b.enrichment(scope, e) + "." + CddTable.quote(r.name());
        }
        case ACTIVITY -> "activity." + CddTable.quote(r.name());
        case INPUT_HASH -> inputHash(b, scope, stack);
        case RESOURCE -> {
          RiskScope.Owned<String> value = scope.resources.get(r.name());
          if (value == null) {
            throw RuntimeErrors.riskReferenceUnknown(owner.identifier(), what, "resources." + r.name());
          }
          yield b.bind(value.definition(), "text");
        }
        default -> throw RuntimeErrors.riskReferenceUnknown(owner.identifier(), what, r.name());
      };
      edits.add(new Edit(r.start(), r.end(), text));
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

  /**
   * {@code {{ classify_by_priority('group') }}} (S1 §13.4.2): the first non-null value among the
   * active classification rules of the group, by {@code priority} ascending, ties by their output's
   * classification priority, highest first.
   */
  private String classifyByPriority(Build b, RiskScope scope, String group, Deque<String> stack) {
    record Rule(RiskScope.Owned<Variable> variable, int priority, int classification) {}
    List<Rule> rules = new ArrayList<>();
    for (RiskScope.Owned<Variable> v : scope.variables.values()) {
      Map<String, Object> a = v.definition().annotations();
      if (!Boolean.FALSE.equals(v.definition().active()) && group.equals(String.valueOf(a.get("rules_group")))
          && Boolean.parseBoolean(String.valueOf(a.get("classification_rule")))) {
        int priority = a.get("priority") == null ? Integer.MAX_VALUE : Integer.parseInt(String.valueOf(a.get("priority")).strip());
        rules.add(new Rule(v, priority, classification(scope, v.definition().output())));
      }
    }
    rules.sort(Comparator.comparingInt(Rule::priority).thenComparing(Comparator.comparingInt(Rule::classification).reversed()));
    List<String> items = new ArrayList<>();
    for (Rule r : rules) {
      items.add(variable(b, scope, r.variable().owner(), r.variable().definition(), stack));
    }
    items.add("null");
    return "coalesce(" + String.join(", ", items) + ")";
  }

  /** The classification priority of an output value, from the values properties the scope declares. */
  private static int classification(RiskScope scope, String output) {
    if (output == null) {
      return Integer.MIN_VALUE;
    }
    String value = output.strip().replaceAll("^'(.*)'$", "$1");
    for (RiskScope.Owned<Variable> v : scope.variables.values()) {
      ValueProperties p = v.definition().valuesProperties().get(value);
      if (p != null && p.priority() != null) {
        return p.priority();
      }
    }
    return Integer.MIN_VALUE;
  }

  /** {@code md5} over the scope's hashed variables and enrichment outputs, in a fixed order. */
  private String inputHash(Build b, RiskScope scope, Deque<String> stack) {
    List<String> items = new ArrayList<>();
    for (RiskScope.Owned<Variable> v : scope.variables.values()) {
      if (v.definition().includeInHash() && !TemplateReferences.names(TemplateReferences.inSql(v.definition().sqlExpression()),
          TemplateReferences.Kind.INPUT_HASH).contains("input_hash")) {
        items.add("coalesce(cast(" + variable(b, scope, v.owner(), v.definition(), stack) + " as text), '')");
      }
    }
    for (RiskScope.Owned<EnrichmentOutput> o : scope.outputs.values()) {
      if (o.definition().includeInHash()) {
        items.add("coalesce(cast(" + b.enrichment(scope, scope.enrichmentOfOutput.get(o.definition().name())) + "."
            + CddTable.quote(o.definition().name()) + " as text), '')");
      }
    }
    return items.isEmpty() ? "md5('')" : "md5(concat_ws('|', " + String.join(", ", items) + "))";
  }

  /** A parameter's or condition's text as the Java value Postgres binds for its type. */
  static Object typed(VariableType type, String text, Risk risk, String what) {
    try {
      if (type == null) {
        return text;
      }
      return switch (type) {
        case BOOLEAN -> Boolean.valueOf(text.strip());
        case NUMERIC -> new BigDecimal(text.strip());
        case DOUBLE -> Double.valueOf(text.strip());
        case LONG, BIGINT -> Long.valueOf(text.strip());
        case INT -> Integer.valueOf(text.strip());
        case STRING -> text;
        case TIMESTAMP -> Timestamp.valueOf(TimeText.dateTime(text));
      };
    } catch (RuntimeException e) {
      throw RuntimeErrors.riskValueInvalid(risk.identifier(), what, text, type.name());
    }
  }

  /** The joins and bound values of one statement under construction. */
  private final class Build {
    final List<Object> binds = new ArrayList<>();
    final List<String> joins = new ArrayList<>();
    final List<Object> joinBinds = new ArrayList<>();
    final Map<String, String> aliases = new LinkedHashMap<>();
    /** The bound execution date: a Timestamp, a Slot, or null. */
    final Object executionDate;

    Build(Object executionDate) {
      this.executionDate = executionDate;
    }

    /** The select list over the source, joins and WHERE in text order, with the placeholders' values in the same order. */
    String statement(List<String> select, ActivitySource source) {
      List<Object> ordered = new ArrayList<>(binds);
      binds.clear();
      List<Object> fromBinds = new ArrayList<>();
      String from = source.from(fromBinds);
      fromBinds.add(executionDate);
      StringBuilder sql = new StringBuilder("select ").append(String.join(", ", select)).append(" from ").append(from)
          .append(" as activity cross join (select cast(? as timestamp) as ").append(CddTable.quote("execution_date"))
          .append(") as ctx");
      for (String j : joins) {
        sql.append(' ').append(j);
      }
      List<Object> whereBinds = new ArrayList<>();
      String where = source.where(whereBinds);
      if (where != null) {
        sql.append(" where ").append(where);
      }
      binds.addAll(ordered);
      binds.addAll(fromBinds);
      binds.addAll(joinBinds);
      binds.addAll(whereBinds);
      return sql.toString();
    }

    /** A value bound in the select list, cast to its type. */
    String bind(Object value, String sqlType) {
      binds.add(value);
      return "cast(? as " + sqlType + ")";
    }

    String parameter(RiskScope.Owned<Parameter> p) {
      String alias = aliases.computeIfAbsent("p:" + p.owner().identifier() + "." + p.definition().name(), k -> {
        String a = CddTable.quote("p_" + aliases.size());
        String type = parameterType(p.definition());
        joins.add("cross join (select cast(? as " + type + ") as v) as " + a);
        joinBinds.add(typed(variableType(p.definition()), p.definition().value(), p.owner(), "parameter " + p.definition().name()));
        return a;
      });
      return alias + ".v";
    }

    String override(Risk owner, Variable v) {
      return aliases.computeIfAbsent("o:" + owner.identifier() + "." + v.name(), k -> {
        String a = CddTable.quote("o_" + aliases.size());
        joins.add("left join " + overrides + " as " + a + " on " + a + "." + CddTable.quote(TechnicalColumns.TR_ID) + " = activity."
            + CddTable.quote(TechnicalColumns.TR_ID) + " and " + a + ".risk_identifier = cast(? as text) and " + a
            + ".variable = cast(? as text)");
        joinBinds.add(owner.identifier());
        joinBinds.add(v.name());
        return a;
      });
    }

    String enrichment(RiskScope scope, RiskScope.Owned<Enrichment> e) {
      String key = "e:" + e.owner().identifier() + "." + e.definition().name();
      String existing = aliases.get(key);
      if (existing != null) {
        return existing;
      }
      String alias = CddTable.quote("e_" + aliases.size());
      aliases.put(key, alias);
      // The enrichment's own placeholders belong to its join, which comes after every join it may use.
      List<Object> outer = new ArrayList<>(binds);
      binds.clear();
      String sql = compile(this, scope(e.owner()), e.definition().sql(), new ArrayDeque<>(), e.owner(),
          "enrichment " + e.definition().name());
      joins.add("left join lateral (" + sql + ") as " + alias + " on true");
      joinBinds.addAll(binds);
      binds.clear();
      binds.addAll(outer);
      return alias;
    }
  }

  private static String parameterType(Parameter p) {
    return switch (p.datatype()) {
      case DOUBLE -> "double precision";
      case LONG -> "bigint";
      case INT -> "integer";
      case BOOLEAN -> "boolean";
      case TIMESTAMP -> "timestamp";
      case STRING -> "text";
    };
  }

  private static VariableType variableType(Parameter p) {
    return switch (p.datatype()) {
      case DOUBLE -> VariableType.DOUBLE;
      case LONG -> VariableType.LONG;
      case INT -> VariableType.INT;
      case BOOLEAN -> VariableType.BOOLEAN;
      case TIMESTAMP -> VariableType.TIMESTAMP;
      case STRING -> VariableType.STRING;
    };
  }

  @Override
  public String toString() {
    return "risks of flow " + flow.identifier() + " (" + phase + ", evaluating " + evaluated + ")";
  }

  /** The evaluated risks' identifiers. */
  public Set<String> evaluated() {
    return evaluated;
  }

  /** For tests: the risks naming the flow. */
  List<Risk> flowRisks() {
    return Objects.requireNonNull(flowRisks);
  }
}
