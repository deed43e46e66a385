package io.vigil.api.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.validation.InvalidValueException;
import io.vigil.api.validation.ProblemCode;
import org.junit.jupiter.api.Test;

class RiskBuildersTest {
  @Test
  void builderAndToBuilderAgree() {
    Risk risk = RiskSerdeTest.full();
    assertThat(risk.toBuilder().build()).isEqualTo(risk);
    Variable v = risk.variables().get(0);
    assertThat(v.toBuilder().build()).isEqualTo(v);
    EnrichmentOutput o = risk.enrichments().get(0).outputs().get(0);
    assertThat(o.toBuilder().build()).isEqualTo(o);
    Condition c = risk.conditions().get(0);
    assertThat(c.toBuilder().build()).isEqualTo(c);
    Parameter p = risk.parameters().get(0);
    assertThat(p.toBuilder().build()).isEqualTo(p);
  }

  @Test
  void riskIdentifierMustBeLowerSnakeCase() {
    assertThatThrownBy(() -> Risk.builder("High-Risk").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build risk: identifier must match");
    assertThatThrownBy(() -> Risk.builder("r1").parentIdentifier("Parent Risk").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("parent_identifier must match");
  }

  @Test
  void suppressionPeriodSizeIsMinusOneOrMore() {
    assertThat(Risk.builder("r1").suppressionPeriodSize(-1).build().suppressionPeriodSize()).isEqualTo(-1);
    assertThatThrownBy(() -> Risk.builder("r1").suppressionPeriodSize(-2).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build risk r1: suppression_period_size must be -1 (no suppression) or more: -2");
  }

  @Test
  void parameterNeedsNameDatatypeAndValue() {
    assertThatThrownBy(() -> Parameter.of("min amount", ParameterType.DOUBLE, "1"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("name must match");
    assertThatThrownBy(() -> Parameter.of("min_amount", null, "1"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("Cannot build parameter min_amount: datatype is required");
    assertThatThrownBy(() -> Parameter.of("min_amount", ParameterType.DOUBLE, null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("value is required");
  }

  @Test
  void variableIsAnExpressionOrAConditionWithAnOutput() {
    assertThatThrownBy(() -> Variable.builder("v").datatype(VariableType.BOOLEAN).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build variable v: expression is required, or condition with output")
        .satisfies(e -> assertThat(((InvalidValueException) e).code()).isEqualTo(ProblemCode.MISSING_REQUIRED));
    assertThatThrownBy(() -> Variable.builder("v").datatype(VariableType.STRING).expression("'x'").condition("a = 1").output("VH").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("expression cannot be combined with condition and output");
    assertThatThrownBy(() -> Variable.builder("v").datatype(VariableType.STRING).condition("a = 1").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("output is required")
        .satisfies(e -> assertThat(((InvalidValueException) e).path()).isEqualTo("output"));
    assertThatThrownBy(() -> Variable.builder("v").datatype(VariableType.STRING).output("VH").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("condition is required");
    assertThatThrownBy(() -> Variable.builder("v").expression("1").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("datatype is required");
  }

  @Test
  void sqlExpressionGeneratesCaseWhenForConditionalVariables() {
    assertThat(Variable.expression("is_high", "activity.sum_amount > {parameters.min_amount}", VariableType.BOOLEAN)
        .sqlExpression()).isEqualTo("activity.sum_amount > {parameters.min_amount}");
    assertThat(Variable.conditional("rule", "{enrichments.p1_rule_1_triggered}\n", "NR", VariableType.STRING).sqlExpression())
        .isEqualTo("CASE WHEN {enrichments.p1_rule_1_triggered} THEN 'NR' ELSE NULL END");
    assertThat(Variable.conditional("rule", "a = 1", "'it''s'", VariableType.STRING).sqlExpression())
        .isEqualTo("CASE WHEN a = 1 THEN 'it''s' ELSE NULL END");
    assertThat(Variable.conditional("rule", "a = 1", "{variables.other}", VariableType.STRING).sqlExpression())
        .isEqualTo("CASE WHEN a = 1 THEN {variables.other} ELSE NULL END");
    assertThat(Variable.conditional("n", "a = 1", "10", VariableType.BIGINT).sqlExpression())
        .isEqualTo("CASE WHEN a = 1 THEN 10 ELSE NULL END");
  }

  @Test
  void enrichmentAndOutputNeedTheirParts() {
    assertThatThrownBy(() -> Enrichment.of("max_tx", " "))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("Cannot build enrichment max_tx: sql is required");
    assertThatThrownBy(() -> EnrichmentOutput.of("max_tx", null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("datatype is required");
  }

  @Test
  void conditionNeedsVariableAndValue() {
    assertThatThrownBy(() -> Condition.of(null, "true"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("Cannot build condition: variable is required");
    assertThatThrownBy(() -> Condition.of("is_high", null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("Cannot build condition on is_high: value is required");
    assertThat(Condition.isTrue("is_high")).isEqualTo(Condition.of("is_high", "true"));
  }

  @Test
  void displaySettingsNeedTheirParts() {
    assertThatThrownBy(() -> RatingDisplay.of(null))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("evaluation_step is required");
    assertThatThrownBy(() -> ThresholdDisplay.of("{activity.amount}", "50000"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("parameter must be a parameter reference such as {parameters.threshold}: '50000'");
    assertThatThrownBy(() -> ThresholdDisplay.of(null, "{parameters.x}"))
        .isInstanceOf(InvalidValueException.class).hasMessageContaining("feature is required");
  }
}
