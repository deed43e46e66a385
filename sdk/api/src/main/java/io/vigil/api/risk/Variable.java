package io.vigil.api.risk;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import io.vigil.api.validation.ProblemCode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A value computed for each evaluated activity and stored as a column of the activity table: a
 * Postgres SQL expression over {@code activity.<column>}, {@code {parameters.x}},
 * {@code {variables.y}}, {@code {enrichments.z}} and {@code {input_hash}}, or a condition with an
 * output (S1 §7.4.2, §12.4.1, §13.4.6). Conditions of the risk compare variables to values.
 *
 * <pre>{@code
 * Variable high = Variable.expression("is_high", "activity.sum_amount > {parameters.min_amount}", VariableType.BOOLEAN);
 * Variable rule = Variable.conditional("risky_source_of_funds", "source_of_funds = 'Risky'", "VH", VariableType.STRING);
 * }</pre>
 *
 * @param name the column name; unique within the risk and its ancestors
 * @param displayName title in the Investigation Center
 * @param description free text
 * @param expression the SQL expression; exclusive with condition and output
 * @param condition a SQL boolean expression; with output, generates {@code CASE WHEN condition THEN output ELSE NULL END}
 * @param output the value of a conditional variable when its condition holds
 * @param datatype the type of the computed value
 * @param active false skips the variable (default true)
 * @param order evaluation order, lower first; needed when a variable uses another variable
 * @param phase PRE_EVALUATE computes the variable in {@code enrich()} before evaluation (the guide's 'pre_algo'); default POST_EVALUATE
 * @param override kept in the {@code activity_ovrd_<flow>} table so analysts can reclassify; classification variables only, and there it should be true (V-27)
 * @param validValues documented possible values (not enforced at run time, V-26)
 * @param valuesProperties display name and priority of each classification value
 * @param includeInHash part of the activity hash that decides whether a reclassification still holds
 * @param includeInReport added to the CRA automatic report
 * @param distribute sent with the alert payload to the Investigation Center
 * @param annotations CRA roles of the variable, e.g. {@code classification}, {@code priority}, {@code rules_group}
 */
public record Variable(
    String name,
    String displayName,
    String description,
    String expression,
    String condition,
    String output,
    VariableType datatype,
    Boolean active,
    Integer order,
    VariablePhase phase,
    boolean override,
    List<String> validValues,
    Map<String, ValueProperties> valuesProperties,
    boolean includeInHash,
    boolean includeInReport,
    boolean distribute,
    Map<String, Object> annotations) {

  private static final Pattern QUOTED = Pattern.compile("'(?:[^']|'')*'");
  private static final Pattern REFERENCE = Pattern.compile("\\{[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)?}");

  public Variable {
    Checks.identifier(name, "variable", "name", Identifiers.NAME);
    String what = "variable " + name;
    Checks.required(datatype, what, "datatype");
    boolean hasExpression = present(expression);
    boolean hasCondition = present(condition);
    boolean hasOutput = present(output);
    Checks.valid(!(hasExpression && (hasCondition || hasOutput)), what, "expression",
        "cannot be combined with condition and output; use one form");
    if (!hasExpression) {
      Checks.check(hasCondition || hasOutput, ProblemCode.MISSING_REQUIRED, "expression",
          "Cannot build " + what + ": expression is required, or condition with output");
      Checks.required(condition, what, "condition");
      Checks.required(output, what, "output");
    }
    active = Checks.orDefault(active, true);
    phase = Checks.orDefault(phase, VariablePhase.POST_EVALUATE);
    validValues = Checks.list(validValues);
    valuesProperties = Checks.map(valuesProperties);
    annotations = Checks.freeForm(annotations);
  }

  private static boolean present(String s) {
    return s != null && !s.isBlank();
  }

  /** A variable computed by a SQL expression. */
  public static Variable expression(String name, String expression, VariableType datatype) {
    return builder(name).expression(expression).datatype(datatype).build();
  }

  /** A variable that is {@code output} when {@code condition} holds and NULL otherwise. */
  public static Variable conditional(String name, String condition, String output, VariableType datatype) {
    return builder(name).condition(condition).output(output).datatype(datatype).build();
  }

  /** True for a variable written as condition and output rather than as an expression. */
  public boolean isConditional() {
    return expression == null || expression.isBlank();
  }

  /**
   * The SQL this variable computes: its expression, or
   * {@code CASE WHEN <condition> THEN <output> ELSE NULL END}. A STRING output is a value, so it is
   * written as a SQL string literal ({@code VH} becomes {@code 'VH'}) unless it already is a quoted
   * literal or a {@code {namespace.name}} reference; other outputs are written as they are.
   * References are not substituted.
   */
  public String sqlExpression() {
    if (!isConditional()) {
      return expression;
    }
    return "CASE WHEN " + condition.strip() + " THEN " + outputSql() + " ELSE NULL END";
  }

  private String outputSql() {
    String out = output.strip();
    if (datatype != VariableType.STRING || QUOTED.matcher(out).matches() || REFERENCE.matcher(out).matches()) {
      return out;
    }
    return "'" + out.replace("'", "''") + "'";
  }

  public static Builder builder(String name) {
    return new Builder(name);
  }

  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.displayName = displayName;
    b.description = description;
    b.expression = expression;
    b.condition = condition;
    b.output = output;
    b.datatype = datatype;
    b.active = active;
    b.order = order;
    b.phase = phase;
    b.override = override;
    b.validValues.addAll(validValues);
    b.valuesProperties.putAll(valuesProperties);
    b.includeInHash = includeInHash;
    b.includeInReport = includeInReport;
    b.distribute = distribute;
    b.annotations.putAll(annotations);
    return b;
  }

  public static final class Builder {
    private final String name;
    private String displayName;
    private String description;
    private String expression;
    private String condition;
    private String output;
    private VariableType datatype;
    private Boolean active;
    private Integer order;
    private VariablePhase phase;
    private boolean override;
    private final List<String> validValues = new ArrayList<>();
    private final Map<String, ValueProperties> valuesProperties = new LinkedHashMap<>();
    private boolean includeInHash;
    private boolean includeInReport;
    private boolean distribute;
    private final Map<String, Object> annotations = new LinkedHashMap<>();

    private Builder(String name) {
      this.name = name;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder expression(String expression) {
      this.expression = expression;
      return this;
    }

    public Builder condition(String condition) {
      this.condition = condition;
      return this;
    }

    public Builder output(String output) {
      this.output = output;
      return this;
    }

    public Builder datatype(VariableType datatype) {
      this.datatype = datatype;
      return this;
    }

    public Builder active(Boolean active) {
      this.active = active;
      return this;
    }

    public Builder order(Integer order) {
      this.order = order;
      return this;
    }

    public Builder phase(VariablePhase phase) {
      this.phase = phase;
      return this;
    }

    public Builder override(boolean override) {
      this.override = override;
      return this;
    }

    public Builder validValues(String... validValues) {
      this.validValues.addAll(Arrays.asList(validValues));
      return this;
    }

    /** Adds the display name and priority of one classification value. */
    public Builder valueProperties(String value, ValueProperties properties) {
      this.valuesProperties.put(value, properties);
      return this;
    }

    public Builder includeInHash(boolean includeInHash) {
      this.includeInHash = includeInHash;
      return this;
    }

    public Builder includeInReport(boolean includeInReport) {
      this.includeInReport = includeInReport;
      return this;
    }

    public Builder distribute(boolean distribute) {
      this.distribute = distribute;
      return this;
    }

    public Builder annotation(String key, Object value) {
      this.annotations.put(key, value);
      return this;
    }

    public Variable build() {
      return BuildSites.mark(new Variable(name, displayName, description, expression, condition, output, datatype,
          active, order, phase, override, validValues, valuesProperties, includeInHash, includeInReport, distribute,
          annotations));
    }
  }
}
