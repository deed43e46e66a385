package io.vigil.runtime.realtime;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.api.connector.Connector;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.decisioning.RecordDecision;
import io.vigil.runtime.decisioning.StoredAlert;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.histogram.FeatureContext;
import io.vigil.runtime.histogram.FeatureHistogram;
import io.vigil.runtime.rest.RecordSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * One real-time flow, prepared once: the input connector's record schema, the models' scorer, and
 * the compiled decision. {@link #evaluate} takes one request from validation to a stored decision.
 */
final class RealtimeFlow {
  /** Problems listed in a 400 answer. */
  static final int MAX_PROBLEMS = 50;

  /** A request's outcome: the answer's HTTP status and body. */
  record Answer(int status, Map<String, Object> body, boolean match, int alerts) {}

  private final EvaluationFlow flow;
  private final RecordSchema schema;
  private final DataSet input;
  private final RecordScorer scorer;
  private final RecordDecision decision;
  private final List<String> algoSteps = new ArrayList<>();
  private final Map<String, Map<String, FeatureHistogram>> histograms;

  private RealtimeFlow(EvaluationFlow flow, RecordSchema schema, DataSet input, RecordScorer scorer, RecordDecision decision,
      Map<String, Map<String, FeatureHistogram>> histograms) {
    this.flow = flow;
    this.histograms = Map.copyOf(histograms);
    this.schema = schema;
    this.input = input;
    this.scorer = scorer;
    this.decision = decision;
    for (EvaluationStep s : flow.evaluationSteps()) {
      if (s instanceof AlgoEvaluationStep) {
        algoSteps.add(s.identifier());
      }
    }
  }

  /**
   * The flow as the server runs it.
   *
   * @param histograms the training histograms sync published for the flow, by step and feature
   *     ({@link io.vigil.runtime.histogram.PublishedHistograms}); the answers' top features carry
   *     their context when their step has them
   * @throws io.vigil.api.VigilException INVALID_METADATA when the flow's input connector does not
   *     take REST records, or its records lack a field of the flow's input dataset
   */
  static RealtimeFlow of(SolutionCatalog catalog, String cddSchema, EvaluationFlow flow, RecordScorer scorer,
      Map<String, Map<String, FeatureHistogram>> histograms) {
    String connectorId = flow.realtime().inputConnector();
    Connector connector = catalog.require(EntityKind.CONNECTOR, connectorId, Connector.class);
    if (!(connector instanceof FlatFileConnector f) || f.restConfig() == null || !f.restConfig().enable()) {
      throw RuntimeErrors.realtimeConnectorNotRest(flow.identifier(), connectorId);
    }
    DataSet schemaDataset = catalog.dataset(f.schemaDatasetName());
    DataSet input = catalog.dataset(flow.inputDataset());
    for (Field field : input.fieldList()) {
      if (schemaDataset.findField(field.identifier()) == null) {
        throw RuntimeErrors.realtimeFieldMissing(flow.identifier(), connectorId, field.identifier());
      }
    }
    RecordSchema schema;
    try {
      schema = new RecordSchema(f, schemaDataset);
    } catch (IllegalArgumentException e) {
      throw RuntimeErrors.realtimeConnectorNotRest(flow.identifier(), connectorId + " (" + e.getMessage() + ")");
    }
    return new RealtimeFlow(flow, schema, input, scorer, RecordDecision.of(catalog, cddSchema, flow.identifier()), histograms);
  }

  String id() {
    return flow.identifier();
  }

  EvaluationFlow flow() {
    return flow;
  }

  RecordDecision decision() {
    return decision;
  }

  /**
   * Validates, scores, decides and stores one record. The transaction commits before this returns,
   * so an answer of 200 means the request, its evaluated activity and its alerts are stored.
   */
  Answer evaluate(DataSource pool, JsonNode body, LocalDateTime jobTs) throws SQLException {
    RecordSchema.Problems problems = new RecordSchema.Problems(MAX_PROBLEMS);
    Map<String, Object> typed = schema.typed(body, 0, problems);
    if (typed == null) {
      Map<String, Object> answer = new LinkedHashMap<>();
      answer.put("error", "invalid record; nothing was stored");
      answer.put("problem_count", problems.total());
      List<Map<String, Object>> listed = new ArrayList<>();
      for (RecordSchema.Problem p : problems.kept()) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("field", p.field());
        item.put("reason", p.reason());
        listed.add(item);
      }
      answer.put("problems", listed);
      return new Answer(400, answer, false, 0);
    }
    Map<String, Object> record = new LinkedHashMap<>();
    for (Field f : input.fieldList()) {
      record.put(f.identifier(), typed.get(f.identifier()));
    }
    record.put(TechnicalColumns.TR_ID, UUID.randomUUID().toString());
    Object occurred = input.occurredOnField() == null ? null : record.get(input.occurredOnField());
    record.put(TechnicalColumns.TR_TIMESTAMP, occurred instanceof LocalDateTime t ? t : jobTs);
    RecordDecision.Outcome outcome;
    try (Connection c = pool.getConnection()) {
      try {
        Map<String, Object> pre = decision.preEvaluate(c, record, jobTs);
        Map<String, Object> evaluated = scorer.score(pre);
        outcome = decision.decideAndStore(c, evaluated, jobTs);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    }
    return new Answer(200, answer(outcome), outcome.match(), outcome.alerts().size());
  }

  private Map<String, Object> answer(RecordDecision.Outcome outcome) {
    Map<String, Object> row = outcome.activity();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("tr_id", outcome.trId());
    out.put("execution_date", outcome.jobTs().toString());
    out.put("match", outcome.match());
    out.put("score", algoSteps.isEmpty() ? null : row.get(algoSteps.get(0) + "_score"));
    List<Map<String, Object>> alerts = new ArrayList<>();
    for (StoredAlert a : outcome.alerts()) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("alert_id", a.alertId());
      item.put("risk", a.risk());
      item.put("severity", a.severity());
      item.put("display_name", a.displayName());
      item.put("description", a.description());
      item.put("category", a.category());
      item.put("suppressed", a.suppressed());
      item.put("suppressed_by", a.suppressedBy());
      alerts.add(item);
    }
    out.put("alerts", alerts);
    Map<String, Object> steps = new LinkedHashMap<>();
    for (String step : algoSteps) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("score", row.get(step + "_score"));
      s.put("pattern", row.get(step + "_pattern"));
      List<Map<String, Object>> top = decision.topFeatures(step, row);
      Map<String, FeatureHistogram> trained = histograms.getOrDefault(step, Map.of());
      for (Map<String, Object> feature : top) {
        FeatureHistogram h = trained.get((String) feature.get("feature"));
        Map<String, Object> context = h == null ? null : FeatureContext.of(h, row.get((String) feature.get("feature")));
        if (context != null) {
          feature.put("training", context);
        }
      }
      s.put("top_features", top);
      steps.put(step, s);
    }
    out.put("steps", steps);
    return out;
  }
}
