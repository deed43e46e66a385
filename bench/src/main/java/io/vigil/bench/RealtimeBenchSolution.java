package io.vigil.bench;

import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.RestConfig;
import io.vigil.api.connector.Source;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.api.entity.Entity;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.EvaluationType;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.flow.RealtimeEvaluation;
import io.vigil.api.risk.AnalysisMethod;
import io.vigil.api.risk.Condition;
import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.EnrichmentOutput;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.ParameterType;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariableType;
import io.vigil.api.solution.SolutionManifest;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.Postgres;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The real-time benchmark's solution, the same in the driver and in the server's JVM: card payments
 * served by flow {@code card_payment}, one algo step (feature extractor and detector over amount,
 * transaction count, account age and channel), an enrichment over a country table in the CDD, and
 * three RT_RULE risks, one of them on the model's score. No risk suppresses, so that the decisions of a
 * record do not depend on the order in which concurrent requests were answered.
 */
final class RealtimeBenchSolution {
  static final String SOLUTION = "rtbench";
  static final String FLOW_ID = "card_payment";
  static final String STEP = "tx";
  static final Map<String, String> TAGS = Map.of("version", "bench");
  static final List<String> RISK_IDS = List.of("large_amount", "risky_country", "anomalous_payment");
  static final String[] CHANNELS = {"POS", "POS", "POS", "ECOM", "ECOM", "ATM"};
  static final DateTimeFormatter SECONDS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
  static final String[] COUNTRIES = {"DE", "DE", "DE", "FR", "NL", "GB", "IR", "KP"};

  static final DataSet CARD_TX = DataSet.builder("card_tx").ingestionMode(IngestionMode.APPEND).realtime(true).publish(true)
      .addField(Field.of("trans_id", DataType.STRING)).addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("amount", DataType.DOUBLE)).addField(Field.of("tx_count", DataType.LONG))
      .addField(Field.of("age_days", DataType.INT)).addField(Field.of("country", DataType.STRING))
      .addField(Field.of("channel", DataType.STRING)).addField(Field.of("paid_at", DataType.TIMESTAMP))
      .occurredOnField("paid_at").build();
  static final FlatFileConnector CARD_API = FlatFileConnector.builder("card_api")
      .source(Source.builder("card_api", "card_tx").build()).defaultTargetDatasetName("card_tx")
      .restConfig(RestConfig.builder().enable(true).build()).build();
  static final EvaluationFlow FLOW = EvaluationFlow.builder(FLOW_ID).inputDataset("card_tx")
      .efType(EvaluationType.THETARAY_ANALYSIS)
      .addStep(AlgoEvaluationStep.builder(STEP).featureExtractionModel(ModelReference.of("tx_fe", TAGS))
          .detectionModel(ModelReference.of("tx_ad", TAGS)).patternLength(2).build())
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .realtime(RealtimeEvaluation.of("card_api", "case_manager")).build();
  static final Risk LARGE = Risk.builder("large_amount").displayName("Large payment").severity(50).evaluationFlows(FLOW_ID)
      .analysisMethod(AnalysisMethod.RT_RULE).suppressionPeriodSize(-1)
      .addParameter(Parameter.of("limit", ParameterType.DOUBLE, "2000"))
      .addVariable(Variable.builder("large").datatype(VariableType.BOOLEAN).expression("activity.amount > {parameters.limit}").build())
      .addCondition(Condition.isTrue("large"))
      .dynamicDisplayName("Payment of {{ activity.amount | prettify_number }} on {{ activity.account_id }}").build();
  static final Risk RISKY_COUNTRY = Risk.builder("risky_country").displayName("High-risk country").severity(70)
      .evaluationFlows(FLOW_ID).analysisMethod(AnalysisMethod.RT_RULE).suppressionPeriodSize(-1)
      .addEnrichment(Enrichment.of("country", "select r.level from country_risk r where r.country = activity.country",
          EnrichmentOutput.builder("level", VariableType.STRING).distribute(true).build()))
      .addVariable(Variable.builder("risky").datatype(VariableType.BOOLEAN).expression("{enrichments.level} = 'HIGH'").build())
      .addCondition(Condition.isTrue("risky"))
      .dynamicDescription("{{ enrichments.level }} risk country {{ activity.country }}").build();
  static final Risk ANOMALOUS = Risk.builder("anomalous_payment").displayName("Anomalous payment").severity(80)
      .evaluationFlows(FLOW_ID).analysisMethod(AnalysisMethod.RT_RULE).suppressionPeriodSize(-1)
      .addParameter(Parameter.of("threshold", ParameterType.DOUBLE, "0.5"))
      .addVariable(Variable.builder("anomalous").datatype(VariableType.BOOLEAN)
          .expression("activity.tx_score >= {parameters.threshold}").build())
      .addCondition(Condition.isTrue("anomalous")).build();
  static final List<Risk> RISKS = List.of(LARGE, RISKY_COUNTRY, ANOMALOUS);

  private RealtimeBenchSolution() {}

  /** The catalog, with the alert target at {@code caseManagerUrl}. */
  static SolutionCatalog catalog(String caseManagerUrl) {
    AlertDistributionTarget target = AlertDistributionTarget.builder("case_manager").url(caseManagerUrl)
        .retryPolicy(RetryPolicy.builder().maxAttempts(5).initialDelay(Duration.ofMillis(50)).build()).build();
    List<Entity> entities = List.of(CARD_TX, CARD_API, FLOW, LARGE, RISKY_COUNTRY, ANOMALOUS, target);
    return new SolutionCatalog(SolutionManifest.builder(SOLUTION).build(),
        entities.stream().map(e -> new SolutionCatalog.Entry(e, "aml")).toList(), List.of());
  }

  /** The CDD tables sync would create for the flow, and the country table the enrichment reads. */
  static void createTables(Postgres postgres, String schema) {
    postgres.withConnection(c -> {
      String s = CddTable.quote(schema);
      c.createStatement().execute("drop schema if exists " + s + " cascade");
      c.createStatement().execute("create schema " + s);
      for (CddTable t : List.of(CddTables.dataset(schema, CARD_TX), CddTables.evaluatedActivities(schema, FLOW, CARD_TX, RISKS),
          CddTables.activity(schema, FLOW, RISKS), CddTables.overrides(schema, FLOW), CddTables.alerts(schema, FLOW))) {
        for (String sql : t.createStatements()) {
          c.createStatement().execute(sql);
        }
      }
      c.createStatement().execute("create table " + s + ".country_risk (country text primary key, level text)");
      c.createStatement().execute("insert into " + s + ".country_risk values ('IR', 'HIGH'), ('KP', 'HIGH'), ('DE', 'LOW'),"
          + " ('FR', 'LOW'), ('NL', 'LOW'), ('GB', 'MEDIUM')");
      return null;
    });
  }

  /**
   * Payment {@code i} of a seeded stream: log-normal amounts with one in 97 planted outliers (large, many
   * transactions, a new account, cash at an ATM), so that each risk fires on some records and not others.
   */
  static Map<String, Object> payment(long i, Random random, LocalDateTime day) {
    boolean planted = i % 97 == 5;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trans_id", "t" + i);
    m.put("account_id", "acc" + (i % 5_000));
    m.put("amount", planted ? 40_000 + Math.floor(random.nextDouble() * 2_000_000) / 100 : Math.round(Math.exp(4 + random.nextGaussian()) * 100) / 100.0);
    m.put("tx_count", planted ? 300L + random.nextInt(50) : 5L + random.nextInt(20));
    m.put("age_days", planted ? 1 : 30 + random.nextInt(2_000));
    m.put("country", COUNTRIES[random.nextInt(COUNTRIES.length)]);
    m.put("channel", planted ? "ATM" : CHANNELS[random.nextInt(CHANNELS.length)]);
    m.put("paid_at", SECONDS.format(day.plusSeconds(i % 86_400)));
    return m;
  }

  static List<Map<String, Object>> payments(long from, int n, long seed, LocalDateTime day) {
    Random random = new Random(seed);
    List<Map<String, Object>> out = new ArrayList<>(n);
    for (long i = from; i < from + n; i++) {
      out.add(payment(i, random, day));
    }
    return out;
  }
}
