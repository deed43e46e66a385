package io.vigil.api.risk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vigil.api.serde.Canonical;
import io.vigil.api.serde.Node;
import io.vigil.api.serde.YamlReader;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RiskSerdeTest {
  /** Every component of every risk record set to a non-default value. */
  static Risk full() {
    return Risk.builder("cra_risk")
        .displayName("CRA")
        .description("Customer risk assessment")
        .category("cra")
        .severity(27)
        .suppressionPeriodUnit(SuppressionUnit.MONTH)
        .suppressionPeriodSize(3)
        .addEvaluationFlow("tr_cra_ef")
        .active(false)
        .parentIdentifier("cra_base")
        .readOnly(true)
        .dynamicDisplayName("{{ activity.first_name|capitalize }}")
        .dynamicDescription("{{ tr_evaluation[0].description }}")
        .dynamicCategory("{{ tr_evaluation[2].category }}")
        .dynamicSeverity("{{ activity.tr_evaluation_score * 100 }}")
        .dynamicSuppressionIdentifier("{{ activity.tr_evaluation_pattern }}")
        .resource("person", "Person")
        .addParameter(Parameter.builder("high", ParameterType.DOUBLE, "70")
            .displayName("High bound").description("Lower bound of the high class").build())
        .addEnrichment(Enrichment.of("prev_cls",
            "select prev_cls from activity_tr_cra_ef where customer_id = activity.customer_id",
            EnrichmentOutput.builder("prev_cls", VariableType.STRING)
                .displayName("Previous class")
                .annotation("group_risk_factor", "{resources.person}")
                .validValues("high", "low")
                .includeInHash(true)
                .distribute(true)
                .includeInReport(true)
                .build()))
        .addVariable(Variable.builder("classification")
            .displayName("Classification")
            .description("Effective classification")
            .expression("CASE WHEN {enrichments.prev_cls} IS NULL THEN 'high' ELSE 'low' END")
            .datatype(VariableType.STRING)
            .active(false)
            .order(60)
            .phase(VariablePhase.PRE_EVALUATE)
            .override(true)
            .validValues("high", "low")
            .valueProperties("high", ValueProperties.of("High", 3))
            .includeInHash(true)
            .includeInReport(true)
            .distribute(true)
            .annotation("classification", true)
            .build())
        .addVariable(Variable.builder("rule")
            .condition("activity.amount > {parameters.high}")
            .output("VH")
            .datatype(VariableType.STRING)
            .build())
        .addCondition(Condition.builder("classification", "high")
            .title("Is high?")
            .description("The classification is high")
            .addDisplaySetting(RatingDisplay.of("algo"))
            .addDisplaySetting(ThresholdDisplay.of("{activity.amount}", "{parameters.high}"))
            .build())
        .analysisMethod(AnalysisMethod.RT_RULE)
        .conditionDisplay("Classification is high")
        .dynamicConditionDisplay("Amount ({{ activity.amount }})")
        .build();
  }

  @Test
  void jsonAndYamlRoundTripWithoutLoss() {
    Risk risk = full();
    assertThat(Canonical.fromJson(Canonical.toJson(risk), Risk.class)).isEqualTo(risk);
    assertThat(Canonical.fromYaml(Canonical.toYaml(risk), Risk.class)).isEqualTo(risk);
  }

  @Test
  void jsonUsesTheGuidesKeys() {
    String json = Canonical.toJson(full());
    assertThat(json).startsWith("{\"identifier\":\"cra_risk\",\"display_name\":\"CRA\"");
    assertThat(json).contains("\"suppression_period_unit\":\"MONTH\"", "\"suppression_period_size\":3",
        "\"evaluation_flows\":[\"tr_cra_ef\"]", "\"parent_identifier\":\"cra_base\"", "\"read_only\":true",
        "\"dynamic_suppression_identifier\":", "\"datatype\":\"DOUBLE\"", "\"value\":\"70\"", "\"include_in_hash\":true",
        "\"values_properties\":{\"high\":{\"display_name\":\"High\",\"priority\":3}}", "\"phase\":\"PRE_EVALUATE\"",
        "\"display_settings\":[{\"type\":\"rating\",\"evaluation_step\":\"algo\"},{\"type\":\"threshold\"",
        "\"analysis_method\":\"RT_RULE\"", "\"condition_display\":", "\"dynamic_condition_display\":");
    assertThat(json).doesNotContain("data_type", "displayName");
  }

  @Test
  void defaultsAreNormalised() {
    Risk risk = Risk.builder("r1").addEvaluationFlow("tr_ef").build();
    assertThat(risk.active()).isTrue();
    assertThat(risk.parameters()).isEmpty();
    Variable v = Variable.expression("x", "1", VariableType.LONG);
    assertThat(v.active()).isTrue();
    assertThat(v.phase()).isEqualTo(VariablePhase.POST_EVALUATE);
    assertThat(Canonical.toJson(risk)).isEqualTo("{\"identifier\":\"r1\",\"evaluation_flows\":[\"tr_ef\"],\"active\":true}");
  }

  @Test
  void decodesTheGuidesFirstExampleAsWritten() {
    // S1 §7.2, with the guide's "Rating" capitalisation and quoted parameter value.
    String yaml = """
        identifier: anomaly
        display_name: anomaly
        description: anomaly
        category: algo
        severity: 87
        suppression_period_unit: DAY
        suppression_period_size: -1
        evaluation_flows:
        - account_monthly_france
        - account_monthly_uk
        - account_monthly_spain
        parameters:
        - name: fusion_threshold
          datatype: DOUBLE
          value: "0.50"
        variables:
        - name: is_anomaly
          display_name: Is Anomaly
          description: Is Anomaly
          expression: "activity.algo_score > {parameters.fusion_threshold}"
          datatype: BOOLEAN
        conditions:
        - variable: is_anomaly
          value: "true"
          display_settings:
            - type: "Rating"
              evaluation_step: "algo"
          title: "Is anomaly?"
          description: "Algo score is greater than the fusion threshold"
        """;
    Risk risk = Canonical.fromYaml(yaml, Risk.class);
    assertThat(risk.severity()).isEqualTo(87);
    assertThat(risk.suppressionPeriodSize()).isEqualTo(Risk.NO_SUPPRESSION);
    assertThat(risk.evaluationFlows()).hasSize(3);
    assertThat(risk.parameters()).containsExactly(Parameter.of("fusion_threshold", ParameterType.DOUBLE, "0.50"));
    assertThat(risk.findVariable("is_anomaly").expression()).isEqualTo("activity.algo_score > {parameters.fusion_threshold}");
    Condition c = risk.conditions().get(0);
    assertThat(c.value()).isEqualTo("true");
    assertThat(c.title()).isEqualTo("Is anomaly?");
    assertThat(c.displaySettings()).containsExactly(RatingDisplay.of("algo"));
  }

  @Test
  void displayTypeNamesAreCaseInsensitiveAndRequired() {
    String yaml = """
        identifier: r1
        evaluation_flows: [tr_ef]
        conditions:
        - variable: a
          value: "true"
          display_settings:
            - type: Threshold
              feature: "{enrichments.max_transaction}"
              parameter: "{parameters.transaction_threshold}"
            - type: threshold
              feature: "{activity.customer_id}"
              parameter: "{parameters.other}"
            - type: RATING
              evaluation_step: algo
        """;
    List<DisplaySetting> settings = Canonical.fromYaml(yaml, Risk.class).conditions().get(0).displaySettings();
    assertThat(settings).containsExactly(
        ThresholdDisplay.of("{enrichments.max_transaction}", "{parameters.transaction_threshold}"),
        ThresholdDisplay.of("{activity.customer_id}", "{parameters.other}"),
        RatingDisplay.of("algo"));
    assertThat(((ThresholdDisplay) settings.get(0)).parameterName()).isEqualTo("transaction_threshold");

    List<Problem> problems = new ArrayList<>();
    Node node = YamlReader.read("""
        identifier: r1
        conditions:
        - variable: a
          value: "true"
          display_settings:
            - evaluation_step: algo
            - type: Histogram
        """, "risks/r1.yaml", problems);
    assertThat(Canonical.<Risk>decode(node, Risk.class, "risk[r1]", problems)).isNull();
    assertThat(problems).extracting(Problem::code, Problem::path, p -> p.location().line()).containsExactly(
        tuple(ProblemCode.MISSING_REQUIRED, "risk[r1].conditions[0].display_settings[0]", 6),
        tuple(ProblemCode.UNKNOWN_TYPE, "risk[r1].conditions[0].display_settings[1].type", 7));
  }

  @Test
  void decodesARealisticParentAndChildWithEnrichments() {
    // S1 §7.5, §7.6, §12.4.5 and §13.4: a parent with enrichments and annotated outputs, and a child.
    String parentYaml = """
        identifier: high_transaction
        display_name: High transaction
        description: "Transaction amount above threshold"
        category: scenarios
        severity: 20
        suppression_period_unit: DAY
        suppression_period_size: -1
        evaluation_flows:
        - account_monthly_uk
        analysis_method: RULE
        resources:
          trx: "Transaction"
        parameters:
        - name: transaction_threshold
          datatype: DOUBLE
          value: "50000"
        enrichments:
        - name: max_transaction
          sql: |
            select max(tx.amount) as max_transaction from transaction_uk as tx where
            tx.account_id = activity.account_id and tx.date between activity.month - INTERVAL
            '1 month'
            and activity.month
          outputs:
            - name: max_transaction
              datatype: DOUBLE
              display_name: "Max transaction"
              annotations:
                risk_level: True
                group_risk_factor: "{resources.trx}"
                kyc.order: 12
              valid_values: ["0", "1"]
              include_in_hash: True
              distribute: True
              include_in_report: True
        variables:
        - name: high_transaction
          display_name: High transaction
          description: High transaction
          expression: "{enrichments.max_transaction} > {parameters.transaction_threshold}"
          datatype: BOOLEAN
          order: 10
        conditions:
        - variable: high_transaction
          value: "true"
          display_settings:
            - type: "Threshold"
              feature: "{enrichments.max_transaction}"
              parameter: "{parameters.transaction_threshold}"
        dynamic_condition_display: "Amount ({{ activity.amount }}) above {{ parameters.transaction_threshold }}"
        """;
    String childYaml = """
        identifier: high_transaction_vh
        display_name: High transaction, very high classification
        description: high_transaction_vh
        category: scenarios
        severity: 90
        read_only: True
        suppression_period_unit: DAY
        suppression_period_size: -1
        parent_identifier: high_transaction
        evaluation_flows:
          - account_monthly_uk
        variables:
        - name: risky_source_of_funds
          display_name: "Risky Source of Funds"
          output: VH
          condition: "source_of_funds = 'Risky'"
          datatype: STRING
          order: 0
          phase: PRE_EVALUATE
          override: True
          valid_values:
            - VH
            - L
          values_properties:
            L:
              display_name: Low
              priority: 1
            VH:
              display_name: Very High
              priority: 4
          annotations:
            priority: 1
            classification_rule: True
            rules_group: aml
        conditions:
        - variable: risky_source_of_funds
          value: "VH"
        """;
    List<Problem> problems = new ArrayList<>();
    Risk parent = Canonical.decode(YamlReader.read(parentYaml, "risks/high_transaction.yaml", problems), Risk.class,
        "risk[high_transaction]", problems);
    Risk child = Canonical.decode(YamlReader.read(childYaml, "risks/high_transaction_vh.yaml", problems), Risk.class,
        "risk[high_transaction_vh]", problems);
    assertThat(problems).isEmpty();

    assertThat(parent.analysisMethod()).isEqualTo(AnalysisMethod.RULE);
    assertThat(parent.resources()).containsEntry("trx", "Transaction");
    Enrichment e = parent.enrichments().get(0);
    assertThat(e.sql()).startsWith("select max(tx.amount)").contains("activity.account_id").endsWith("activity.month\n");
    EnrichmentOutput out = e.outputs().get(0);
    assertThat(out).isEqualTo(EnrichmentOutput.builder("max_transaction", VariableType.DOUBLE)
        .displayName("Max transaction")
        .annotation("risk_level", true)
        .annotation("group_risk_factor", "{resources.trx}")
        .annotation("kyc.order", 12)
        .validValues("0", "1")
        .includeInHash(true).distribute(true).includeInReport(true)
        .build());
    assertThat(out.annotations()).containsEntry("kyc.order", 12L);
    assertThat(parent.conditions().get(0).displaySettings())
        .containsExactly(ThresholdDisplay.of("{enrichments.max_transaction}", "{parameters.transaction_threshold}"));
    assertThat(parent.dynamicConditionDisplay()).contains("{{ parameters.transaction_threshold }}");

    assertThat(child.parentIdentifier()).isEqualTo("high_transaction");
    assertThat(child.readOnly()).isTrue();
    Variable rule = child.variables().get(0);
    assertThat(rule.isConditional()).isTrue();
    assertThat(rule.phase()).isEqualTo(VariablePhase.PRE_EVALUATE);
    assertThat(rule.override()).isTrue();
    assertThat(rule.valuesProperties()).isEqualTo(Map.of("L", ValueProperties.of("Low", 1), "VH", ValueProperties.of("Very High", 4)));
    assertThat(rule.annotations()).containsEntry("rules_group", "aml").containsEntry("classification_rule", true);
    assertThat(rule.sqlExpression()).isEqualTo("CASE WHEN source_of_funds = 'Risky' THEN 'VH' ELSE NULL END");
    assertThat(Canonical.fromYaml(Canonical.toYaml(child), Risk.class)).isEqualTo(child);
  }

  @Test
  void decodesTheDynamicRiskExampleAndTheCraExcerpt() {
    // S1 §7.3.1 and §12.4.5 (excerpt), keys and values as the guide writes them.
    String yaml = """
        identifier: cra_risk
        display_name: CRA
        description: CRA
        category: cra
        severity: 27
        read_only: True
        dynamic_display_name: "{{ activity.first_name|capitalize }} {{ activity.last_name|capitalize }} {% if variables.cls_change_dynamic_display == 'active' %} | {{ enrichments.prev_cls|capitalize }} → {{ variables.classification|capitalize }} {% endif %}"
        dynamic_severity: "{{ activity.tr_evaluation_score * 100 }}"
        suppression_period_unit: DAY
        suppression_period_size: -1
        evaluation_flows:
          - tr_cra_ef
        resources:
          person: "Person"
          auto_high: "Auto-High"
        parameters:
        - name: num_of_person_rf # rf = risk factors
          datatype: LONG
          value: "4"
        enrichments:
          - name: analysis_type
            sql: "select customer_cra_analysis_type as analysis_type from customer_analysis_type where customer_id = activity.customer_id and tr_timestamp <= {context.execution_date} order by tr_timestamp desc"
            outputs:
              - name: analysis_type
                datatype: STRING
        variables:
          - name: analysis_type
            display_name: analysis_type
            description: analysis_type
            expression: |
              CASE
                WHEN {enrichments.analysis_type} = 'OB' THEN 'Onboarding'
                ELSE 'Undefined'
              END
            datatype: STRING
            order: 0
            annotations:
              tag: analysisType
            valid_values: ["Ongoing", "Onboarding"]
            distribute: True
          - name: hash
            display_name: hash
            description: activity hash
            expression: "{input_hash}"
            datatype: STRING
            order: 40
        conditions:
        - variable: analysis_type
          value: "Onboarding"
        """;
    Risk risk = Canonical.fromYaml(yaml, Risk.class);
    assertThat(risk.readOnly()).isTrue();
    assertThat(risk.dynamicDisplayName()).contains("{% endif %}");
    assertThat(risk.parameters().get(0).value()).isEqualTo("4");
    Variable analysisType = risk.findVariable("analysis_type");
    assertThat(analysisType.distribute()).isTrue();
    assertThat(analysisType.validValues()).containsExactly("Ongoing", "Onboarding");
    assertThat(analysisType.annotations()).isEqualTo(Map.of("tag", "analysisType"));
    assertThat(risk.findVariable("hash").sqlExpression()).isEqualTo("{input_hash}");
  }

  @Test
  void theGuidesMisspeltConditionDisplayKeyIsReportedWithASuggestion() {
    List<Problem> problems = new ArrayList<>();
    Node node = YamlReader.read("""
        identifier: r1
        dynamic_conditions_display: "Amount ({{ activity.amount }})"
        """, "risks/r1.yaml", problems);
    Canonical.decode(node, Risk.class, "risk[r1]", problems);
    assertThat(problems).singleElement().satisfies(p -> {
      assertThat(p.code()).isEqualTo(ProblemCode.UNKNOWN_KEY);
      assertThat(p.message()).contains("did you mean 'dynamic_condition_display'");
    });
  }
}
