package io.vigil.api.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.dataset.DataTier;
import io.vigil.api.dataset.IlmSetting;
import io.vigil.api.dataset.ParquetIndex;
import io.vigil.api.dataset.RetentionPolicy;
import io.vigil.api.serde.Canonical;
import io.vigil.api.validation.InvalidValueException;
import io.vigil.api.validation.ProblemCode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EvaluationFlowTest {
  private static final Map<String, String> RELEASE = Map.of("version", "release");

  private static AlgoEvaluationStep.Builder algo() {
    return AlgoEvaluationStep.builder("algo")
        .featureExtractionModel(ModelReference.of("monthly_account_fe", RELEASE))
        .detectionModel(ModelReference.of("monthly_account_ad", RELEASE));
  }

  private static ClassificationEvaluationStep.Builder classifier() {
    return ClassificationEvaluationStep.builder("aml_ml")
        .featureExtractionModel(ModelReference.of("aml_fe", RELEASE))
        .detectionModel(ModelReference.of("aml_classifier", RELEASE))
        .label(1, "L").label(2, "M").label(3, "H").label(4, "VH")
        .labelSelector("CASE WHEN aml_ml_vh_score > aml_ml_h_score THEN 4 ELSE 3 END");
  }

  /** Every component of every record set to a value other than its default. */
  static EvaluationFlow full() {
    return EvaluationFlow.builder("tr_party_ef")
        .displayName("Party analysis")
        .description("Monthly party-level analysis")
        .inputDataset("party_wrangling")
        .dataPermission("dpv:UK")
        .efType(EvaluationType.CRA_ML)
        .addStep(algo().name("Algo").patternLength(5).build())
        .addStep(classifier().name("AML evaluation")
            .exclusionFilter("rvp_cra_ml_aml_rules_classification IS NOT NULL").build())
        .maxWorkers(5)
        .addTraceQuery(TraceQuery.builder("transactions_tq")
            .identifierColumn("trans_id")
            .features("amount", "mean1")
            .dataset("transaction")
            .sql("SELECT ds.* FROM {dataset_table} ds\nJOIN {primary_identifiers} AS p ON ds.account_id = p.account_id\n")
            .parquetIndex("by_account")
            .isGroupingQuery(true)
            .build())
        .globalTraceQuery(TraceQuery.builder("global_tq")
            .identifierColumn("trans_id")
            .features("amount")
            .dataset("transaction")
            .sql("SELECT * FROM {dataset_table} WHERE account_id = {activity.account_id}")
            .parquetIndex("by_account")
            .isGroupingQuery(true)
            .build())
        .addParquetIndex(ParquetIndex.builder("by_party", "party_id")
            .blockSize(1_048_576L).numIdentifierBins(16).identifiersSampleSize(1000)
            .ilmSetting(IlmSetting.of(DataTier.WARM, 7)).build())
        .ilmSetting(IlmSetting.of(DataTier.WARM, 90))
        .retentionPolicy(RetentionPolicy.months(24))
        .realtime(RealtimeEvaluation.of("rt_transaction", "ext_rt", "callback_rt"))
        .ruleBuilderConfig(RuleBuilderConfig.of(Map.of("spark.executor.memory", "4g"), 3, 500))
        .timeWindowSize(2)
        .timeWindowUnit(EvaluationTimeWindowUnit.WEEK)
        .identifiers(EvaluationFlowIdentifiers.of(List.of("party_id"), List.of("account_id"), "party_accounts"))
        .relatedGraph(RelatedGraph.builder("public")
            .nodeMapping("AC", "account_id", "AN")
            .groupingNodeMapping("PR", "party_id", "PI")
            .build())
        .alertConf(AlertConfiguration.of(365, true))
        .drift(DriftSettings.builder().mode(DriftMode.BLOCK).csiThreshold(0.2).sampleSize(5000).build())
        .build();
  }

  @Test
  void jsonUsesTheGuidesKeys() {
    String json = Canonical.toJson(full());
    assertThat(json).startsWith("{\"identifier\":\"tr_party_ef\",\"display_name\":\"Party analysis\"");
    assertThat(json).contains("\"input_dataset\":\"party_wrangling\"", "\"ef_type\":\"CRA_ML\"",
        "\"evaluation_steps\":[{\"type\":\"algo\",\"identifier\":\"algo\"", "{\"type\":\"classifier\",\"identifier\":\"aml_ml\"",
        "\"feature_extraction_model\":{\"name\":\"monthly_account_fe\",\"tags\":{\"version\":\"release\"}}",
        "\"pattern_length\":5", "\"labels\":{\"1\":\"L\",\"2\":\"M\",\"3\":\"H\",\"4\":\"VH\"}", "\"label_selector\":",
        "\"exclusion_filter\":", "\"max_workers\":5", "\"identifier_column\":\"trans_id\"", "\"is_grouping_query\":true",
        "\"global_trace_query\":{", "\"parquet_indexes\":[", "\"retention_policy\":{\"months_to_keep\":24}",
        "\"realtime\":{\"input_connector\":\"rt_transaction\",\"distribution_target_identifier\":\"ext_rt\","
            + "\"callback_target_identifier\":\"callback_rt\"}",
        "\"rule_builder_config\":{\"simulation_spark_config\":{\"spark.executor.memory\":\"4g\"},\"chunk_size\":3,"
            + "\"fetch_size\":500}",
        "\"time_window_size\":2", "\"time_window_unit\":\"WEEK\"",
        "\"identifiers\":{\"grouping_identifier\":[\"party_id\"],\"primary_identifier\":[\"account_id\"],"
            + "\"primary_entities_list\":\"party_accounts\"}",
        "\"related_graph\":{\"identifier\":\"public\",\"node_mappings\":{\"AC\":[{\"field\":\"account_id\",\"property\":\"AN\"}]},"
            + "\"grouping_node_mappings\":{\"PR\":[{\"field\":\"party_id\",\"property\":\"PI\"}]}}",
        "\"alert_conf\":{\"reclassification_period\":365,\"llm_summarization\":true}",
        "\"drift\":{\"mode\":\"BLOCK\",\"anomaly_percentage\":5.0,\"iqr_algo_score\":0.1,\"csi_features_test\":0.25,"
            + "\"max_csi_feature_change_test\":0.5,\"trigger_features\":0.25,\"csi_threshold\":0.2,\"trigger_feature_z\":1.96,"
            + "\"bins\":10,\"sample_size\":5000}");
  }

  @Test
  void jsonAndYamlRoundTripWithoutLoss() {
    EvaluationFlow flow = full();
    assertThat(Canonical.fromJson(Canonical.toJson(flow), EvaluationFlow.class)).isEqualTo(flow);
    assertThat(Canonical.fromYaml(Canonical.toYaml(flow), EvaluationFlow.class)).isEqualTo(flow);
    assertThat(Canonical.hash(Canonical.fromYaml(Canonical.toYaml(flow), EvaluationFlow.class)))
        .isEqualTo(Canonical.hash(flow));
    assertThat(flow.toBuilder().build()).isEqualTo(flow);
    assertThat(flow.relatedGraph().toBuilder().build()).isEqualTo(flow.relatedGraph());
  }

  @Test
  void eachValueRoundTripsOnItsOwn() {
    EvaluationFlow flow = full();
    List<Object> values = List.of(flow.globalTraceQuery(), flow.realtime(), flow.ruleBuilderConfig(), flow.identifiers(), flow.relatedGraph(), flow.alertConf(), flow.drift(),
        ModelReference.of("m", RELEASE), PropertyToFieldMapping.of("account_id", "AN"));
    for (Object value : values) {
      assertThat(Canonical.fromJson(Canonical.toJson(value), value.getClass())).isEqualTo(value);
      assertThat(Canonical.fromYaml(Canonical.toYaml(value), value.getClass())).isEqualTo(value);
    }
    // Steps are read through their sealed interface, where the type key selects the variant.
    for (EvaluationStep step : flow.evaluationSteps()) {
      assertThat(Canonical.fromJson(Canonical.toJson(step), EvaluationStep.class)).isEqualTo(step);
      assertThat(Canonical.fromYaml(Canonical.toYaml(step), EvaluationStep.class)).isEqualTo(step);
    }
  }

  @Test
  void decodesAFlowWrittenTheWayTheGuideWritesIt() {
    String yaml = """
        identifier: tr_cra_ml
        display_name: CRA ML Analysis
        input_dataset: cra_ml_customer
        data_permission: dpv:public
        ef_type: CRA_ML
        evaluation_steps:
          - type: classifier
            identifier: aml_ml
            name: AML evaluation
            feature_extraction_model:
              name: aml_feature_extraction_model
              tags: {version: release}
            detection_model: {name: aml_detection_model, tags: {version: release}}
            labels: {1: L, 2: M, 3: H, 4: VH}
            label_selector: |
              CASE WHEN aml_ml_vh_score > greatest(aml_ml_h_score, aml_ml_m_score, aml_ml_l_score) THEN 4
                   WHEN aml_ml_h_score > greatest(aml_ml_m_score, aml_ml_l_score) THEN 3
                   WHEN aml_ml_m_score > aml_ml_l_score THEN 2 ELSE 1 END
            exclusion_filter: rvp_cra_ml_aml_rules_classification IS NOT NULL
          - identifier: algo
            name: Algo
            feature_extraction_model: {name: monthly_account_fe, tags: {version: release}}
            detection_model: {name: monthly_account_ad, tags: {version: release}}
        max_workers: 5
        trace_queries:
          - identifier: round_amounts_tq
            features: [round_amounts]
            dataset: tracequery_round_amounts
            sql: |
              SELECT * FROM {dataset_table}
              WHERE ai_agent_id_f = {activity.agent_id}
                AND bi_created_date_time <= {activity.weekly_level_date} + ({occurred_after} || 'DAY')::INTERVAL
        identifiers:
          grouping_identifier: [party_id]
          primary_entities_list: party_accounts
        related_graph:
          identifier: public
          node_mappings:
            AC:
              - {field: account_id, property: AN}
        rule_builder_config:
          simulation_spark_config: {spark.executor.memory: 4g}
        time_window_size: 1
        time_window_unit: MONTH
        alert_conf:
          reclassification_period: 365
        """;
    EvaluationFlow flow = Canonical.fromYaml(yaml, EvaluationFlow.class);
    assertThat(flow.efType()).isEqualTo(EvaluationType.CRA_ML);
    assertThat(flow.evaluationSteps()).hasSize(2);
    ClassificationEvaluationStep aml = (ClassificationEvaluationStep) flow.findStep("aml_ml");
    assertThat(aml.labels()).containsExactly(Map.entry(1, "L"), Map.entry(2, "M"), Map.entry(3, "H"), Map.entry(4, "VH"));
    assertThat(aml.detectionModel()).isEqualTo(ModelReference.of("aml_detection_model", RELEASE));
    assertThat(aml.labelSelector()).startsWith("CASE WHEN aml_ml_vh_score").endsWith("ELSE 1 END\n");
    assertThat(flow.findStep("algo")).isInstanceOf(AlgoEvaluationStep.class);
    assertThat(((AlgoEvaluationStep) flow.findStep("algo")).patternLength()).isEqualTo(3);
    assertThat(flow.traceQueries().get(0).sql()).contains("{activity.agent_id}");
    assertThat(flow.traceQueries().get(0).isGroupingQuery()).isFalse();
    assertThat(flow.identifiers().groupingIdentifier()).containsExactly("party_id");
    assertThat(flow.identifiers().primaryIdentifier()).isEmpty();
    assertThat(flow.relatedGraph().nodeMappings().get("AC")).containsExactly(PropertyToFieldMapping.of("account_id", "AN"));
    assertThat(flow.ruleBuilderConfig()).isEqualTo(RuleBuilderConfig.of(Map.of("spark.executor.memory", "4g"), 10, 10_000));
    assertThat(flow.timeWindowUnit()).isEqualTo(EvaluationTimeWindowUnit.MONTH);
    assertThat(flow.alertConf().reclassificationPeriod()).isEqualTo(365);
    assertThat(flow.alertConf().llmSummarization()).isFalse();
  }

  @Test
  void defaults() {
    EvaluationFlow flow = EvaluationFlow.builder("tr_ef").inputDataset("wrangling").addStep(algo().build()).build();
    assertThat(flow.efType()).isEqualTo(EvaluationType.THETARAY_ANALYSIS);
    assertThat(((AlgoEvaluationStep) flow.evaluationSteps().get(0)).patternLength()).isEqualTo(3);
    assertThat(flow.traceQueries()).isEmpty();
    assertThat(flow.parquetIndexes()).isEmpty();
    assertThat(RuleBuilderConfig.of(null, null, null).chunkSize()).isEqualTo(10);
    assertThat(RuleBuilderConfig.of(null, null, null).fetchSize()).isEqualTo(10_000);
    assertThat(flow.kind().key()).isEqualTo("evaluation_flow");
    assertThat(flow.address()).isEqualTo("evaluation_flow[tr_ef]");
    // The guide's tests_thresholds, in log mode, when a flow declares no drift block.
    DriftSettings drift = flow.driftSettings();
    assertThat(flow.drift()).isNull();
    assertThat(List.of(drift.anomalyPercentage(), drift.iqrAlgoScore(), drift.csiFeaturesTest(), drift.maxCsiFeatureChangeTest(),
        drift.triggerFeatures(), drift.csiThreshold(), drift.triggerFeatureZ())).containsExactly(5.0, 0.1, 0.25, 0.5, 0.25, 0.25, 1.96);
    assertThat(drift.mode()).isEqualTo(DriftMode.LOG);
    assertThat(drift.bins()).isEqualTo(10);
    assertThat(drift.sampleSize()).isEqualTo(10_000);
  }

  @Test
  void driftBlockIsReadFromYamlAndChecked() {
    EvaluationFlow flow = Canonical.fromYaml("""
        identifier: tr_ef
        input_dataset: wrangling
        drift:
          mode: block
          csi_threshold: 0.3
        """, EvaluationFlow.class);
    assertThat(flow.driftSettings().mode()).isEqualTo(DriftMode.BLOCK);
    assertThat(flow.driftSettings().csiThreshold()).isEqualTo(0.3);
    assertThat(flow.driftSettings().maxCsiFeatureChangeTest()).isEqualTo(0.5);
    assertThatThrownBy(() -> DriftSettings.builder().csiFeaturesTest(1.5).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build drift settings: csi_features_test must be a share between 0 and 1: 1.5");
    assertThatThrownBy(() -> DriftSettings.builder().bins(1).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("bins must be at least 2: 1");
    assertThatThrownBy(() -> DriftSettings.builder().iqrAlgoScore(-0.1).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("iqr_algo_score must be a positive number: -0.1");
  }

  @Test
  void flowNeedsAWellFormedIdentifierAndAnInputDataset() {
    assertThatThrownBy(() -> EvaluationFlow.builder("tr_ef").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build evaluation flow tr_ef: input_dataset is required");
    assertThatThrownBy(() -> EvaluationFlow.builder("TR-EF").inputDataset("wrangling").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("identifier must match")
        .extracting(e -> ((InvalidValueException) e).code()).isEqualTo(ProblemCode.IDENTIFIER_MALFORMED);
  }

  @Test
  void flowSizesArePositive() {
    assertThatThrownBy(() -> EvaluationFlow.builder("tr_ef").inputDataset("w").maxWorkers(0).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("max_workers must be positive: 0");
    assertThatThrownBy(() -> EvaluationFlow.builder("tr_ef").inputDataset("w").timeWindowSize(-1).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("time_window_size must be positive: -1");
  }

  @Test
  void stepsNeedBothModels() {
    assertThatThrownBy(() -> algo().detectionModel(null).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build evaluation step algo: detection_model is required");
    assertThatThrownBy(() -> classifier().featureExtractionModel(null).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build evaluation step aml_ml: feature_extraction_model is required");
    assertThatThrownBy(() -> ModelReference.of(" ", RELEASE))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("name is required");
  }

  @Test
  void patternLengthIsAtLeastOne() {
    assertThatThrownBy(() -> algo().patternLength(0).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("pattern_length must be positive: 0");
  }

  @Test
  void classifierNeedsALabelSelectorAndLabels() {
    assertThatThrownBy(() -> classifier().labelSelector(null).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build evaluation step aml_ml: label_selector is required")
        .extracting(e -> ((InvalidValueException) e).path()).isEqualTo("label_selector");
    assertThatThrownBy(() -> classifier().labels(Map.of()).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("labels must not be empty");
  }

  @Test
  void identifiersNeedAGroupingIdentifier() {
    assertThatThrownBy(() -> EvaluationFlowIdentifiers.of(List.of(), List.of("account_id"), null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("grouping_identifier is required")
        .extracting(e -> ((InvalidValueException) e).code()).isEqualTo(ProblemCode.MISSING_REQUIRED);
  }

  @Test
  void realtimeNeedsConnectorAndDistributionTarget() {
    assertThatThrownBy(() -> RealtimeEvaluation.of(null, "ext_rt"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("input_connector is required");
    assertThatThrownBy(() -> RealtimeEvaluation.of("rt_transaction", null, "callback_rt"))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("distribution_target_identifier is required");
  }

  @Test
  void traceQueryNeedsDatasetAndSql() {
    assertThatThrownBy(() -> TraceQuery.builder("tq").sql("SELECT 1").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build trace query tq: dataset is required");
    assertThatThrownBy(() -> TraceQuery.builder("tq").dataset("transaction").build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("Cannot build trace query tq: sql is required");
  }

  @Test
  void smallValuesCheckTheirOwnAttributes() {
    assertThatThrownBy(() -> RuleBuilderConfig.of(null, 0, null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("chunk_size must be positive: 0");
    assertThatThrownBy(() -> AlertConfiguration.of(0, false))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("reclassification_period must be positive: 0");
    assertThatThrownBy(() -> RelatedGraph.builder(null).build())
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("identifier is required");
    assertThatThrownBy(() -> PropertyToFieldMapping.of("account_id", null))
        .isInstanceOf(InvalidValueException.class)
        .hasMessageContaining("property is required");
  }

  @Test
  void decodingReportsBuilderFailuresAtTheAttribute() {
    String yaml = """
        identifier: tr_ef
        input_dataset: wrangling
        evaluation_steps:
          - type: classifier
            identifier: aml_ml
            feature_extraction_model: {name: fe}
            detection_model: {name: dm}
            labels: {1: L}
          - type: rules
            identifier: other
        """;
    assertThatThrownBy(() -> Canonical.fromYaml(yaml, EvaluationFlow.class))
        .hasMessageContaining("evaluation_steps[aml_ml].label_selector")
        .hasMessageContaining("unknown type 'rules'");
  }
}
