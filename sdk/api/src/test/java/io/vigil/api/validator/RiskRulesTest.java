package io.vigil.api.validator;

import static io.vigil.api.validator.Fixtures.paths;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.entity.Entity;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationType;
import io.vigil.api.risk.AnalysisMethod;
import io.vigil.api.risk.Condition;
import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.EnrichmentOutput;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.ParameterType;
import io.vigil.api.risk.RatingDisplay;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.SuppressionUnit;
import io.vigil.api.risk.ThresholdDisplay;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariableType;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import io.vigil.api.validation.Severity;
import io.vigil.api.validation.ValidationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RiskRulesTest {
  @TempDir Path root;

  private static final DataSet TRANSACTION = DataSet.builder("transaction")
      .ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("amount", DataType.DOUBLE))
      .addField(Field.of("date", DataType.TIMESTAMP))
      .occurredOnField("date")
      .build();
  private static final EvaluationFlow FLOW = EvaluationFlow.builder("tr_ef")
      .inputDataset("transaction")
      .efType(EvaluationType.BUSINESS_RULES)
      .build();

  /** A valid risk with two conditions on separate parameters. */
  private static Risk.Builder base() {
    return base("r1");
  }

  private static Risk.Builder base(String identifier) {
    return Risk.builder(identifier)
        .displayName("Structuring")
        .category("scenarios")
        .severity(50)
        .suppressionPeriodUnit(SuppressionUnit.DAY)
        .suppressionPeriodSize(-1)
        .addEvaluationFlow("tr_ef")
        .analysisMethod(AnalysisMethod.RULE)
        .addParameter(Parameter.of("min_amount", ParameterType.DOUBLE, "10000"))
        .addParameter(Parameter.of("max_count", ParameterType.LONG, "5"))
        .addVariable(Variable.expression("is_high", "activity.sum_amount > {parameters.min_amount}", VariableType.BOOLEAN))
        .addVariable(Variable.expression("is_frequent", "activity.count > {parameters.max_count}", VariableType.BOOLEAN))
        .addCondition(Condition.isTrue("is_high"))
        .addCondition(Condition.isTrue("is_frequent"));
  }

  /** A child of r1 that uses what it inherits. */
  private static Risk.Builder child() {
    return Risk.builder("r2")
        .displayName("Structuring, very high")
        .severity(90)
        .parentIdentifier("r1")
        .addEvaluationFlow("tr_ef")
        .analysisMethod(AnalysisMethod.RULE)
        .addParameter(Parameter.of("top_rank", ParameterType.INT, "1"))
        .addVariable(Variable.builder("is_top").expression("activity.algo_sum_amount_rank = {parameters.top_rank}")
            .datatype(VariableType.BOOLEAN).build())
        .addCondition(Condition.isTrue("is_top"));
  }

  private static ValidationReport validate(Entity... risks) {
    List<Entity> all = new ArrayList<>(List.of(TRANSACTION, FLOW));
    all.addAll(Arrays.asList(risks));
    return Fixtures.validate(all.toArray(Entity[]::new));
  }

  @Test
  void validRisksHaveNoProblems() {
    Risk parent = base()
        .resource("trx", "Transaction")
        .addEnrichment(Enrichment.of("max_transaction",
            "select max(tx.amount) as max_transaction from transaction as tx where tx.account_id = activity.account_id"
                + " and tx.date <= {context.execution_date}",
            EnrichmentOutput.builder("max_transaction", VariableType.DOUBLE)
                .annotation("group_risk_factor", "{resources.trx}").build()))
        .dynamicDisplayName("{{ activity.account_id }}: {{ enrichments.max_transaction }} above {{ parameters.min_amount }}")
        .dynamicSeverity("{{ activity.tr_evaluation_score * 100 }}")
        .conditionDisplay("Amount above threshold")
        .dynamicConditionDisplay("{% if variables.is_high %}Amount ({{ activity.amount }}){% endif %}")
        .build();
    Risk child = child()
        .addParameter(Parameter.of("vh_floor", ParameterType.DOUBLE, "1e6"))
        .addVariable(Variable.builder("rule_vh").condition("{enrichments.max_transaction} > {parameters.vh_floor}")
            .output("VH").datatype(VariableType.STRING).order(0)
            .annotation("rules_group", "aml").annotation("classification_rule", true).build())
        .addVariable(Variable.builder("classification").expression("{{ classify_by_priority('aml') }}")
            .datatype(VariableType.STRING).order(1).build())
        .addVariable(Variable.builder("is_vh").expression("{variables.classification} = 'VH'")
            .datatype(VariableType.BOOLEAN).order(2).build())
        .addCondition(Condition.builder("is_vh", "true").addDisplaySetting(RatingDisplay.of("algo")).build())
        .build();
    assertThat(validate(parent, child).problems()).isEmpty();
  }

  @Test
  void evaluationFlowsAreRequired() {
    ValidationReport r = validate(base().evaluationFlows().build());
    assertThat(paths(r, ProblemCode.MISSING_REQUIRED)).containsExactly("risk[r1].evaluation_flows");
  }

  @Test
  void evaluationFlowsMustResolve() {
    ValidationReport r = validate(base().addEvaluationFlow("tr_unknown").build());
    assertThat(paths(r, ProblemCode.UNRESOLVED_REFERENCE)).containsExactly("risk[r1].evaluation_flows[1]");
  }

  @Test
  void parentMustResolve() {
    ValidationReport r = validate(child().parentIdentifier("missing").build());
    assertThat(paths(r, ProblemCode.UNRESOLVED_REFERENCE)).containsExactly("risk[r2].parent_identifier");
    // What the missing parent may define cannot be called undefined.
    assertThat(r.withCode(ProblemCode.UNDEFINED_TEMPLATE_REFERENCE)).isEmpty();
  }

  @Test
  void parentsMustNotFormCycles() {
    ValidationReport r = validate(
        child().parentIdentifier("r3").build(),
        base("r3").parentIdentifier("r2").build(),
        base("r4").parentIdentifier("r2").build(),
        base("r5").parentIdentifier("r5").build());
    assertThat(paths(r, ProblemCode.PARENT_CYCLE)).containsExactlyInAnyOrder(
        "risk[r2].parent_identifier", "risk[r3].parent_identifier", "risk[r5].parent_identifier");
    assertThat(r.withCode(ProblemCode.PARENT_CYCLE).get(0).message()).contains("r2 -> r3 -> r2");
  }

  @Test
  void namesAreUniqueWithinARisk() {
    Risk risk = base()
        .addParameter(Parameter.of("min_amount", ParameterType.DOUBLE, "1"))
        .addVariable(Variable.expression("is_high", "true", VariableType.BOOLEAN))
        .addEnrichment(Enrichment.of("e1", "select 1 as a", EnrichmentOutput.of("a", VariableType.LONG)))
        .addEnrichment(Enrichment.of("e1", "select 2 as b", EnrichmentOutput.of("b", VariableType.LONG)))
        .addEnrichment(Enrichment.of("e2", "select 3 as a", EnrichmentOutput.of("a", VariableType.LONG)))
        .build();
    assertThat(paths(validate(risk), ProblemCode.IDENTIFIER_DUPLICATE)).containsExactlyInAnyOrder(
        "risk[r1].parameters[min_amount]", "risk[r1].variables[is_high]", "risk[r1].enrichments[e1]",
        "risk[r1].enrichments[e2].outputs[a]");
  }

  @Test
  void parameterValuesParseAsTheirDatatype() {
    Risk risk = base()
        .addParameter(Parameter.of("ok_double", ParameterType.DOUBLE, "0.50"))
        .addParameter(Parameter.of("ok_ts", ParameterType.TIMESTAMP, "2024-01-31 12:00:00"))
        .addParameter(Parameter.of("ok_bool", ParameterType.BOOLEAN, "True"))
        .addParameter(Parameter.of("bad_double", ParameterType.DOUBLE, "fifty"))
        .addParameter(Parameter.of("bad_int", ParameterType.INT, "1.5"))
        .addParameter(Parameter.of("bad_long", ParameterType.LONG, "99999999999999999999"))
        .addParameter(Parameter.of("bad_bool", ParameterType.BOOLEAN, "yes"))
        .addParameter(Parameter.of("bad_ts", ParameterType.TIMESTAMP, "31/01/2024"))
        .build();
    assertThat(paths(validate(risk), ProblemCode.PARAMETER_VALUE_MISMATCH)).containsExactlyInAnyOrder(
        "risk[r1].parameters[bad_double].value", "risk[r1].parameters[bad_int].value",
        "risk[r1].parameters[bad_long].value", "risk[r1].parameters[bad_bool].value", "risk[r1].parameters[bad_ts].value");
  }

  @Test
  void conditionVariablesMustBeDefinedInTheRiskOrItsAncestors() {
    Risk child = child().addCondition(Condition.isTrue("is_high")).addCondition(Condition.isTrue("is_nothing")).build();
    ValidationReport r = validate(base().build(), child);
    assertThat(paths(r, ProblemCode.UNRESOLVED_REFERENCE)).containsExactly("risk[r2].conditions[2].variable");
    assertThat(r.withCode(ProblemCode.UNRESOLVED_REFERENCE).get(0).message())
        .contains("no variable 'is_nothing' in the risk or its parents");
  }

  @Test
  void templateReferencesMustNameSomethingDefined() {
    Risk risk = base()
        .addEnrichment(Enrichment.of("lookup", "select x as out1 from t where y > {parameters.lookback}",
            EnrichmentOutput.builder("out1", VariableType.LONG).annotation("group_risk_factor", "{resources.nope}").build()))
        .addVariable(Variable.builder("v1").expression("{enrichments.out2} + {variables.is_high} + {paramters.x}")
            .datatype(VariableType.LONG).order(1).build())
        .addVariable(Variable.builder("v2").expression("{{ classify_by_priority('san') }}").datatype(VariableType.STRING).build())
        .conditions(List.of(Condition.builder("is_high", "true")
            .addDisplaySetting(ThresholdDisplay.of("{enrichments.out1}", "{parameters.threshold}")).build()))
        .dynamicDescription("{{ parameters.min_amount }} {{ variables.nope }} {{ tr_evaluation[0].description }}")
        .dynamicConditionDisplay("between {{ enrichments.min_amount }} and {{ enrichments.out1 }}")
        .build();
    assertThat(paths(validate(risk), ProblemCode.UNDEFINED_TEMPLATE_REFERENCE)).containsExactlyInAnyOrder(
        "risk[r1].enrichments[lookup].sql",
        "risk[r1].enrichments[lookup].outputs[out1].annotations.group_risk_factor",
        "risk[r1].variables[v1].expression",
        "risk[r1].variables[v1].expression",
        "risk[r1].variables[v2].expression",
        "risk[r1].conditions[0].display_settings[0].parameter",
        "risk[r1].dynamic_description",
        "risk[r1].dynamic_condition_display");
  }

  @Test
  void malformedJinjaIsReported() {
    Risk risk = base()
        .dynamicDisplayName("{{ activity.first_name }} {% if variables.is_high %} high")
        .addVariable(Variable.builder("cls").expression("{{ classify_by_priority('aml') }").datatype(VariableType.STRING).build())
        .build();
    ValidationReport r = validate(risk);
    assertThat(paths(r, ProblemCode.TEMPLATE_SYNTAX))
        .containsExactlyInAnyOrder("risk[r1].dynamic_display_name", "risk[r1].variables[cls].expression");
    assertThat(r.withCode(ProblemCode.TEMPLATE_SYNTAX)).extracting(Problem::message)
        .anySatisfy(m -> assertThat(m).contains("'{% if %}' at line 1, column 27 is not closed by '{% endif %}'"));
  }

  @Test
  void conditionsOfARiskMustNotShareParameters() {
    Risk risk = base()
        .addVariable(Variable.builder("is_large").expression("{variables.is_high} AND activity.amount > 0")
            .datatype(VariableType.BOOLEAN).order(2).build())
        .addCondition(Condition.isTrue("is_large"))
        .addCondition(Condition.builder("is_frequent", "true")
            .addDisplaySetting(ThresholdDisplay.of("{activity.count}", "{parameters.max_count}")).build())
        .build();
    ValidationReport r = validate(risk);
    assertThat(paths(r, ProblemCode.CONDITIONS_SHARE_PARAMETER))
        .containsExactly("risk[r1].conditions[2]", "risk[r1].conditions[3]");
    assertThat(r.withCode(ProblemCode.CONDITIONS_SHARE_PARAMETER).get(0).message())
        .contains("shares parameters [min_amount] with conditions[0] (is_high)");
  }

  @Test
  void childConditionsMustNotShareParentParameters() {
    Risk child = child()
        .addVariable(Variable.expression("is_very_high", "activity.sum_amount > 2 * {parameters.min_amount}", VariableType.BOOLEAN))
        .addCondition(Condition.isTrue("is_very_high"))
        .build();
    ValidationReport r = validate(base().build(), child);
    assertThat(paths(r, ProblemCode.CHILD_SHARES_PARENT_PARAMETER)).containsExactly("risk[r2].conditions[1]");
    assertThat(r.withCode(ProblemCode.CHILD_SHARES_PARENT_PARAMETER).get(0).message())
        .contains("shares parameters [min_amount] with the conditions of ancestor risk r1");
  }

  @Test
  void severityIsFromZeroTo99() {
    assertThat(paths(validate(base().severity(100).dynamicSeverity("120").build()), ProblemCode.SEVERITY_RANGE))
        .containsExactlyInAnyOrder("risk[r1].severity", "risk[r1].dynamic_severity");
    assertThat(paths(validate(base().severity(-1).dynamicSeverity("{{ 150 }}").build()), ProblemCode.SEVERITY_RANGE))
        .containsExactlyInAnyOrder("risk[r1].severity", "risk[r1].dynamic_severity");
    assertThat(validate(base().severity(0).dynamicSeverity("{{ activity.score * 100 }}").build()).problems()).isEmpty();
  }

  @Test
  void variablesUsingVariablesNeedAGreaterOrder() {
    Risk risk = base()
        .addVariable(Variable.builder("a").expression("1").datatype(VariableType.LONG).order(10).build())
        .addVariable(Variable.builder("b").expression("{variables.a} + 1").datatype(VariableType.LONG).order(10).build())
        .addVariable(Variable.builder("c").expression("{variables.a} + 2").datatype(VariableType.LONG).build())
        .addVariable(Variable.builder("d").expression("{variables.a} + 3").datatype(VariableType.LONG).order(20).build())
        .addVariable(Variable.builder("rule").condition("{variables.a} > 0").output("H").datatype(VariableType.STRING)
            .order(30).annotation("rules_group", "aml").annotation("classification_rule", true).build())
        .addVariable(Variable.builder("cls").expression("{{ classify_by_priority('aml') }}").datatype(VariableType.STRING)
            .order(30).build())
        .build();
    assertThat(paths(validate(risk), ProblemCode.VARIABLE_ORDER)).containsExactlyInAnyOrder(
        "risk[r1].variables[b].order", "risk[r1].variables[c].order", "risk[r1].variables[cls].order");
  }

  @Test
  void conditionDisplayIsForRuleRisksOnly() {
    ValidationReport r = validate(base().analysisMethod(AnalysisMethod.AI)
        .conditionDisplay("Amount above threshold")
        .dynamicConditionDisplay("Amount ({{ activity.amount }})")
        .build());
    assertThat(paths(r, ProblemCode.CONDITION_DISPLAY_REQUIRES_RULE))
        .containsExactlyInAnyOrder("risk[r1].condition_display", "risk[r1].dynamic_condition_display");
    assertThat(r.problems()).allMatch(p -> p.severity() == Severity.WARNING);
    assertThat(validate(base().analysisMethod(AnalysisMethod.RT_RULE).conditionDisplay("x").build()).problems()).isEmpty();
  }

  @Test
  void aSuppressionPeriodNeedsAUnit() {
    ValidationReport r = validate(base().suppressionPeriodUnit(null).suppressionPeriodSize(30).build());
    assertThat(paths(r, ProblemCode.MISSING_REQUIRED)).containsExactly("risk[r1].suppression_period_unit");
    assertThat(validate(base().suppressionPeriodUnit(null).suppressionPeriodSize(-1).build()).problems()).isEmpty();
  }

  private void write(String rel, String text) throws IOException {
    Path p = root.resolve(rel);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  @Test
  void aBrokenRiskFileIsReportedWithPathsAndLines() throws IOException {
    write("solution.yaml", "name: demo\n");
    write("domains/aml/datasets/transaction.yaml", """
        identifier: transaction
        ingestion_mode: APPEND
        occurred_on_field: date
        field_list:
          - identifier: account_id
            data_type: STRING
          - identifier: date
            data_type: TIMESTAMP
        """);
    write("domains/aml/evaluation_flows/tr_ef.yaml", """
        identifier: tr_ef
        input_dataset: transaction
        ef_type: BUSINESS_RULES
        """);
    write("domains/aml/risks/anomaly.yaml", """
        identifier: anomaly
        display_name: anomaly
        category: algo
        severity: 87
        suppression_period_unit: DAY
        suppression_period_size: -1
        evaluation_flows:
        - tr_ef
        parameters:
        - name: fusion_threshold
          datatype: DOUBLE
          value: "0.50"
        variables:
        - name: is_anomaly
          expression: "activity.algo_score > {parameters.fusion_threshold}"
          datatype: BOOLEAN
        - name: is_strong_anomaly
          expression: "activity.algo_score > 2 * {parameters.fusion_threshold}"
          datatype: BOOLEAN
        conditions:
        - variable: is_anomaly
          value: "true"
          display_settings:
            - type: "Rating"
              evaluation_step: "algo"
        - variable: is_strong_anomaly
          value: "true"
        """);
    write("domains/aml/risks/anomaly_orphan.yaml", """
        identifier: anomaly_orphan
        display_name: anomaly_orphan
        severity: 87
        parent_identifier: anomaly_gone
        evaluation_flows:
          - tr_ef
          - tr_unknown
        variables:
          - name: top_sum_amount_rank
            expression: "activity.algo_sum_amount_rank=1"
            datatype: BOOLEAN
        conditions:
        - variable: top_sum_amount_rank
          value: "true"
        """);

    Solution solution = SolutionLoader.load(root);
    assertThat(solution.loadProblems()).isEmpty();
    ValidationReport report = SolutionValidator.validate(solution);

    assertThat(report.problems().stream().filter(p -> p.path().startsWith("risk[")))
        .extracting(Problem::code, Problem::path, p -> p.location().toString())
        .containsExactlyInAnyOrder(
            tuple(ProblemCode.CONDITIONS_SHARE_PARAMETER, "risk[anomaly].conditions[1]", "domains/aml/risks/anomaly.yaml:26"),
            tuple(ProblemCode.UNRESOLVED_REFERENCE, "risk[anomaly_orphan].parent_identifier",
                "domains/aml/risks/anomaly_orphan.yaml:4"),
            tuple(ProblemCode.UNRESOLVED_REFERENCE, "risk[anomaly_orphan].evaluation_flows[1]",
                "domains/aml/risks/anomaly_orphan.yaml:7"));
  }
}
