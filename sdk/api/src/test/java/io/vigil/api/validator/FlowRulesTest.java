package io.vigil.api.validator;

import static io.vigil.api.validator.Fixtures.paths;
import static io.vigil.api.validator.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.RestConfig;
import io.vigil.api.connector.Source;
import io.vigil.api.connector.Target;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.ParquetIndex;
import io.vigil.api.entity.Entity;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.ClassificationEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.EvaluationType;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.flow.RealtimeEvaluation;
import io.vigil.api.flow.RelatedGraph;
import io.vigil.api.flow.TraceQuery;
import io.vigil.api.graph.CanonicalGraph;
import io.vigil.api.graph.Graph;
import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.RealtimeCallbackTarget;
import io.vigil.api.validation.ProblemCode;
import io.vigil.api.validation.ValidationReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowRulesTest {
  private static final Map<String, String> RELEASE = Map.of("version", "release");

  private static DataSet.Builder wrangling() {
    return DataSet.builder("wrangling")
        .ingestionMode(IngestionMode.APPEND)
        .addField(Field.of("account_id", DataType.STRING))
        .addField(Field.of("party_id", DataType.STRING))
        .addField(Field.of("party_accounts", DataType.STRING))
        .addField(Field.of("date", DataType.TIMESTAMP))
        .occurredOnField("date");
  }

  private static DataSet.Builder transaction() {
    return DataSet.builder("transaction")
        .ingestionMode(IngestionMode.APPEND)
        .addField(Field.of("trans_id", DataType.STRING))
        .addField(Field.of("account_id", DataType.STRING))
        .addField(Field.of("date", DataType.TIMESTAMP))
        .occurredOnField("date")
        .addParquetIndex(ParquetIndex.builder("by_account", "account_id").build());
  }

  private static AlgoEvaluationStep algo(String identifier) {
    return AlgoEvaluationStep.builder(identifier)
        .featureExtractionModel(ModelReference.of("monthly_account_fe", RELEASE))
        .detectionModel(ModelReference.of("monthly_account_ad", RELEASE))
        .build();
  }

  private static ClassificationEvaluationStep.Builder classifier(String identifier) {
    return ClassificationEvaluationStep.builder(identifier)
        .featureExtractionModel(ModelReference.of("aml_fe", RELEASE))
        .detectionModel(ModelReference.of("aml_classifier", RELEASE))
        .label(1, "L").label(2, "H")
        .labelSelector("CASE WHEN aml_ml_h_score > aml_ml_l_score THEN 2 ELSE 1 END");
  }

  private static TraceQuery.Builder traceQuery(String identifier) {
    return TraceQuery.builder(identifier)
        .identifierColumn("trans_id")
        .features("amount")
        .dataset("transaction")
        .sql("SELECT * FROM {dataset_table} WHERE account_id = {activity.account_id}"
            + " AND date >= {activity.date} - ({occurred_before} || ' DAY')::INTERVAL"
            + " AND date <= {activity.date} + ({occurred_after} || ' DAY')::INTERVAL AND ref ~ '^[0-9]{2}$'");
  }

  private static Graph graph() {
    return Graph.builder("public")
        .addNode(CanonicalGraph.accountNode())
        .addNode(CanonicalGraph.partyNode())
        .dataPermission("dpv:public")
        .build();
  }

  private static RelatedGraph.Builder relatedGraph() {
    return RelatedGraph.builder("public").nodeMapping("AC", "account_id", "AN").groupingNodeMapping("PR", "party_id", "PI");
  }

  private static DataSet.Builder rtTransaction(String identifier) {
    return DataSet.builder(identifier)
        .ingestionMode(IngestionMode.APPEND)
        .addField(Field.of("trans_id", DataType.STRING))
        .addField(Field.of("account_id", DataType.STRING))
        .addField(Field.of("date", DataType.TIMESTAMP))
        .occurredOnField("date")
        .realtime(true);
  }

  private static FlatFileConnector.Builder restConnector() {
    return FlatFileConnector.builder("rt_transaction")
        .source(Source.builder("rt_transaction", "rt_transaction").build())
        .defaultTargetDatasetName("rt_transaction")
        .restConfig(RestConfig.builder().enable(true).build());
  }

  private static AlertDistributionTarget alertTarget() {
    return AlertDistributionTarget.builder("ext_rt").url("https://alerts.example.com/api").build();
  }

  private static RealtimeCallbackTarget callbackTarget() {
    return RealtimeCallbackTarget.builder("callback_rt").url("https://callback.example.com/api").build();
  }

  /** A real-time flow with everything it refers to, all valid. */
  private static Entity[] realtimeSolution(EvaluationFlow flow, FlatFileConnector connector, DataSet... datasets) {
    List<Entity> all = new ArrayList<>(List.of(rtTransaction("rt_transaction").build(), alertTarget(), callbackTarget(), connector));
    all.addAll(Arrays.asList(datasets));
    all.add(flow);
    return all.toArray(Entity[]::new);
  }

  private static EvaluationFlow.Builder realtimeFlow() {
    return EvaluationFlow.builder("tr_rt_ef")
        .inputDataset("rt_transaction")
        .addStep(algo("rt_dummy_evaluation"))
        .realtime(RealtimeEvaluation.of("rt_transaction", "ext_rt", "callback_rt"));
  }

  private static EvaluationFlow.Builder flow() {
    return EvaluationFlow.builder("tr_ef").inputDataset("wrangling").addStep(algo("algo"));
  }

  /** Validates the flow together with the datasets it uses. */
  private static ValidationReport check(EvaluationFlow flow, Entity... more) {
    List<Entity> all = new ArrayList<>(List.of(wrangling().build(), transaction().build()));
    all.addAll(Arrays.asList(more));
    all.add(flow);
    return validate(all.toArray(Entity[]::new));
  }

  @Test
  void validFlowsHaveNoProblems() {
    EvaluationFlow party = flow()
        .identifiers(EvaluationFlowIdentifiers.of(List.of("party_id"), List.of("account_id"), "party_accounts"))
        .globalTraceQuery(traceQuery("global_tq").isGroupingQuery(true)
            .sql("SELECT ds.* FROM {dataset_table} ds JOIN {primary_identifiers} p ON ds.account_id = p.account_id")
            .build())
        .addTraceQuery(traceQuery("transactions_tq").parquetIndex("by_account").build())
        .addParquetIndex(ParquetIndex.builder("by_party", "party_id").build())
        .relatedGraph(relatedGraph().build())
        .build();
    EvaluationFlow craMl = EvaluationFlow.builder("tr_cra_ml").inputDataset("wrangling").efType(EvaluationType.CRA_ML)
        .addStep(classifier("aml_ml").exclusionFilter("party_id IS NULL").build())
        .addStep(classifier("scrn_ml").build())
        .build();
    EvaluationFlow cra = EvaluationFlow.builder("tr_cra").inputDataset("wrangling").efType(EvaluationType.CRA).build();
    assertThat(check(party, craMl, cra, graph()).problems()).isEmpty();
    assertThat(validate(realtimeSolution(realtimeFlow().build(), restConnector().build())).problems()).isEmpty();
  }

  @Test
  void inputDatasetMustResolve() {
    ValidationReport r = check(flow().inputDataset("nope").build());
    assertThat(paths(r, ProblemCode.UNRESOLVED_REFERENCE)).containsExactly("evaluation_flow[tr_ef].input_dataset");
  }

  @Test
  void stepIdentifiersAreUnique() {
    ValidationReport r = check(flow().addStep(algo("algo")).build());
    assertThat(paths(r, ProblemCode.IDENTIFIER_DUPLICATE)).containsExactly("evaluation_flow[tr_ef].evaluation_steps[algo]");
  }

  @Test
  void flowTypeDecidesWhichStepsItNeedsAndTakes() {
    ValidationReport classifierWithAlgo = check(flow().efType(EvaluationType.CLASSIFIER).build());
    assertThat(paths(classifierWithAlgo, ProblemCode.INVALID_VALUE)).containsExactly("evaluation_flow[tr_ef].evaluation_steps[algo]");
    assertThat(paths(classifierWithAlgo, ProblemCode.MISSING_REQUIRED)).containsExactly("evaluation_flow[tr_ef].evaluation_steps");

    ValidationReport analysisWithClassifier = check(flow().addStep(classifier("aml_ml").build()).build());
    assertThat(paths(analysisWithClassifier, ProblemCode.INVALID_VALUE))
        .containsExactly("evaluation_flow[tr_ef].evaluation_steps[aml_ml]");
    assertThat(paths(analysisWithClassifier, ProblemCode.MISSING_REQUIRED)).isEmpty();

    ValidationReport craMlWithoutSteps = check(flow().efType(EvaluationType.CRA_ML).evaluationSteps(List.of()).build());
    assertThat(paths(craMlWithoutSteps, ProblemCode.MISSING_REQUIRED)).containsExactly("evaluation_flow[tr_ef].evaluation_steps");

    ValidationReport rulesWithoutSteps = check(flow().efType(EvaluationType.BUSINESS_RULES).evaluationSteps(List.of()).build());
    assertThat(rulesWithoutSteps.problems()).isEmpty();
  }

  @Test
  void classNumberZeroIsReserved() {
    EvaluationFlow f = flow().efType(EvaluationType.CLASSIFIER)
        .evaluationSteps(List.of(classifier("aml_ml").label(0, "U").build()))
        .build();
    assertThat(paths(check(f), ProblemCode.INVALID_VALUE)).containsExactly("evaluation_flow[tr_ef].evaluation_steps[aml_ml].labels.0");
  }

  @Test
  void labelSelectorAndExclusionFilterMustParseAsSparkSql() {
    assumeTrue(SolutionValidator.checksSparkSql(), "Spark SQL is parsed only when the runtime module is on the class path");
    EvaluationFlow f = flow().efType(EvaluationType.CLASSIFIER)
        .evaluationSteps(List.of(classifier("aml_ml").labelSelector("CASE WHEN THEN 1").exclusionFilter("party_id IS").build()))
        .build();
    assertThat(paths(check(f), ProblemCode.SPARK_SQL_INVALID)).containsExactlyInAnyOrder(
        "evaluation_flow[tr_ef].evaluation_steps[aml_ml].label_selector",
        "evaluation_flow[tr_ef].evaluation_steps[aml_ml].exclusion_filter");
  }

  @Test
  void identifiersNameFieldsOfTheInputDataset() {
    EvaluationFlow f = flow()
        .identifiers(EvaluationFlowIdentifiers.of(List.of("party_id", "party_no"), List.of("acct"), "accounts"))
        .build();
    assertThat(paths(check(f), ProblemCode.UNKNOWN_FIELD)).containsExactlyInAnyOrder(
        "evaluation_flow[tr_ef].identifiers.grouping_identifier[1]",
        "evaluation_flow[tr_ef].identifiers.primary_identifier[0]",
        "evaluation_flow[tr_ef].identifiers.primary_entities_list");
  }

  @Test
  void traceQueryDatasetsMustResolve() {
    EvaluationFlow f = flow()
        .globalTraceQuery(traceQuery("global_tq").dataset("nope").build())
        .addTraceQuery(traceQuery("tq").dataset("nope").build())
        .build();
    assertThat(paths(check(f), ProblemCode.UNRESOLVED_REFERENCE)).containsExactlyInAnyOrder(
        "evaluation_flow[tr_ef].global_trace_query.dataset", "evaluation_flow[tr_ef].trace_queries[tq].dataset");
  }

  @Test
  void traceQueryParquetIndexMustBeAnIndexOfItsDataset() {
    EvaluationFlow f = flow().addTraceQuery(traceQuery("tq").parquetIndex("by_party").build()).build();
    assertThat(paths(check(f), ProblemCode.UNRESOLVED_REFERENCE))
        .containsExactly("evaluation_flow[tr_ef].trace_queries[tq].parquet_index");
  }

  @Test
  void traceQuerySqlUsesOnlyKnownPlaceholders() {
    EvaluationFlow f = flow()
        .addTraceQuery(traceQuery("tq").sql("SELECT * FROM {dataset_table} WHERE d >= {occured_before} AND a = {account_id}").build())
        .build();
    ValidationReport r = check(f);
    assertThat(paths(r, ProblemCode.UNDEFINED_TEMPLATE_REFERENCE))
        .containsExactly("evaluation_flow[tr_ef].trace_queries[tq].sql", "evaluation_flow[tr_ef].trace_queries[tq].sql");
    assertThat(r.withCode(ProblemCode.UNDEFINED_TEMPLATE_REFERENCE)).extracting(p -> p.message())
        .anyMatch(m -> m.contains("{occured_before}"))
        .anyMatch(m -> m.contains("{account_id}"));
  }

  @Test
  void groupingTraceQueriesNeedFlowIdentifiers() {
    EvaluationFlow f = flow().addTraceQuery(traceQuery("tq").isGroupingQuery(true).build()).build();
    assertThat(paths(check(f), ProblemCode.INVALID_VALUE)).containsExactly("evaluation_flow[tr_ef].trace_queries[tq].is_grouping_query");
  }

  @Test
  void traceQueryIdentifiersAreUnique() {
    EvaluationFlow f = flow()
        .globalTraceQuery(traceQuery("tq").build())
        .addTraceQuery(traceQuery("tq").build())
        .build();
    assertThat(paths(check(f), ProblemCode.IDENTIFIER_DUPLICATE)).containsExactly("evaluation_flow[tr_ef].trace_queries[tq]");
  }

  @Test
  void parquetIndexIdentifiersAreUnique() {
    EvaluationFlow f = flow()
        .addParquetIndex(ParquetIndex.builder("by_party", "party_id").build())
        .addParquetIndex(ParquetIndex.builder("by_party", "account_id").build())
        .build();
    assertThat(paths(check(f), ProblemCode.IDENTIFIER_DUPLICATE)).containsExactly("evaluation_flow[tr_ef].parquet_indexes[by_party]");
  }

  @Test
  void relatedGraphMustResolve() {
    EvaluationFlow f = flow().relatedGraph(RelatedGraph.builder("private").nodeMapping("AC", "account_id", "AN").build()).build();
    assertThat(paths(check(f, graph()), ProblemCode.UNRESOLVED_REFERENCE)).containsExactly("evaluation_flow[tr_ef].related_graph.identifier");
  }

  @Test
  void relatedGraphNodeTypesAndPropertiesMustExistInTheGraph() {
    EvaluationFlow f = flow()
        .relatedGraph(relatedGraph().nodeMapping("XX", "account_id", "AN").groupingNodeMapping("PR", "party_id", "ZZ").build())
        .build();
    assertThat(paths(check(f, graph()), ProblemCode.UNRESOLVED_REFERENCE)).containsExactlyInAnyOrder(
        "evaluation_flow[tr_ef].related_graph.node_mappings.XX",
        "evaluation_flow[tr_ef].related_graph.grouping_node_mappings.PR[1].property");
  }

  @Test
  void relatedGraphFieldsMustExistInTheInputDataset() {
    EvaluationFlow f = flow().relatedGraph(RelatedGraph.builder("public").nodeMapping("AC", "acct", "AN").build()).build();
    assertThat(paths(check(f, graph()), ProblemCode.UNKNOWN_FIELD)).containsExactly("evaluation_flow[tr_ef].related_graph.node_mappings.AC[0].field");
  }

  @Test
  void realtimeInputConnectorMustResolve() {
    EvaluationFlow f = realtimeFlow().realtime(RealtimeEvaluation.of("nope", "ext_rt", "callback_rt")).build();
    assertThat(paths(validate(realtimeSolution(f, restConnector().build())), ProblemCode.UNRESOLVED_REFERENCE))
        .containsExactly("evaluation_flow[tr_rt_ef].realtime.input_connector");
  }

  @Test
  void realtimeInputConnectorMustHaveRestEnabled() {
    ValidationReport noRest = validate(realtimeSolution(realtimeFlow().build(), restConnector().restConfig(null).build()));
    assertThat(paths(noRest, ProblemCode.REALTIME_CONNECTOR_NOT_REST)).containsExactly("evaluation_flow[tr_rt_ef].realtime.input_connector");
    ValidationReport disabled = validate(realtimeSolution(realtimeFlow().build(),
        restConnector().restConfig(RestConfig.builder().enable(false).build()).build()));
    assertThat(paths(disabled, ProblemCode.REALTIME_CONNECTOR_NOT_REST)).containsExactly("evaluation_flow[tr_rt_ef].realtime.input_connector");
  }

  @Test
  void realtimeTargetsMustResolveToAnAlertTargetAndACallbackTarget() {
    EvaluationFlow missing = realtimeFlow().realtime(RealtimeEvaluation.of("rt_transaction", "nope", "gone")).build();
    assertThat(paths(validate(realtimeSolution(missing, restConnector().build())), ProblemCode.UNRESOLVED_REFERENCE))
        .containsExactlyInAnyOrder("evaluation_flow[tr_rt_ef].realtime.distribution_target_identifier",
            "evaluation_flow[tr_rt_ef].realtime.callback_target_identifier");
    EvaluationFlow swapped = realtimeFlow().realtime(RealtimeEvaluation.of("rt_transaction", "callback_rt", "ext_rt")).build();
    assertThat(paths(validate(realtimeSolution(swapped, restConnector().build())), ProblemCode.INVALID_VALUE))
        .containsExactlyInAnyOrder("evaluation_flow[tr_rt_ef].realtime.distribution_target_identifier",
            "evaluation_flow[tr_rt_ef].realtime.callback_target_identifier");
  }

  @Test
  void everyDatasetOfARealtimeFlowMustBeRealtime() {
    FlatFileConnector connector = restConnector()
        .source(Source.builder("rt_transaction", "rt_schema").build())
        .addTarget(Target.of("rt_es", "country = 'ES'"))
        .build();
    EvaluationFlow f = realtimeFlow().inputDataset("rt_input").build();
    ValidationReport r = validate(realtimeSolution(f, connector, rtTransaction("rt_input").realtime(false).build(),
        rtTransaction("rt_schema").realtime(false).build(), rtTransaction("rt_es").realtime(false).build()));
    assertThat(paths(r, ProblemCode.REALTIME_DATASET_REQUIRED)).containsExactly(
        "evaluation_flow[tr_rt_ef].realtime", "evaluation_flow[tr_rt_ef].realtime", "evaluation_flow[tr_rt_ef].realtime");
    assertThat(r.withCode(ProblemCode.REALTIME_DATASET_REQUIRED)).extracting(p -> p.message())
        .anyMatch(m -> m.endsWith("dataset rt_input"))
        .anyMatch(m -> m.endsWith("dataset rt_schema"))
        .anyMatch(m -> m.endsWith("dataset rt_es"));
  }
}
