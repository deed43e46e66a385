package io.vigil.api.flow;

import io.vigil.api.dataset.IlmSetting;
import io.vigil.api.dataset.ParquetIndex;
import io.vigil.api.dataset.RetentionPolicy;
import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import java.util.ArrayList;
import java.util.List;

/**
 * An evaluation flow: how the records of one input dataset are scored, and how its alerts are traced,
 * grouped and shown (S1 §6.1, §10.2, §11.2, §12.3, §13.2, §15.2.8, §19.2). Its evaluated activities are
 * stored in a table named after the flow.
 *
 * <pre>{@code
 * EvaluationFlow flow = EvaluationFlow.builder("tr_ef")
 *     .displayName("Account monthly analysis")
 *     .inputDataset("wrangling")
 *     .dataPermission("dpv:public")
 *     .addStep(AlgoEvaluationStep.builder("algo")
 *         .featureExtractionModel(ModelReference.of("monthly_account_fe", Map.of("version", "release")))
 *         .detectionModel(ModelReference.of("monthly_account_ad", Map.of("version", "release")))
 *         .build())
 *     .maxWorkers(8)
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable; names the evaluated-activities tables
 * @param displayName title in the Investigation Center (the guide writes displayName)
 * @param description free text
 * @param inputDataset the dataset whose records are evaluated
 * @param dataPermission the user group allowed to see the results, e.g. {@code dpv:public}
 * @param efType what the flow does, and so which steps it needs (default THETARAY_ANALYSIS)
 * @param evaluationSteps the steps, applied in order
 * @param maxWorkers parallel workers used by evaluation
 * @param traceQueries queries showing the records behind each feature of an alert
 * @param globalTraceQuery a query showing the records behind an alert as a whole
 * @param parquetIndexes Parquet copies of the evaluated activities for fast lookups
 * @param ilmSetting data tiering of the evaluated activities
 * @param retentionPolicy purge policy of the evaluated activities, by occurred-on month as for APPEND data
 * @param realtime evaluate single transactions through a REST endpoint
 * @param ruleBuilderConfig settings of Rule Builder simulations
 * @param timeWindowSize length of the analysis period, in time_window_unit
 * @param timeWindowUnit unit of the analysis period
 * @param identifiers fields that identify the alerted entity and its grouping entity
 * @param relatedGraph the graph alerts are investigated in
 * @param alertConf how the flow's alerts behave in the Investigation Center
 * @param drift how the flow's drift check runs: thresholds and mode (absent: the guide's defaults, log mode)
 */
public record EvaluationFlow(
    String identifier,
    String displayName,
    String description,
    String inputDataset,
    String dataPermission,
    EvaluationType efType,
    List<EvaluationStep> evaluationSteps,
    Integer maxWorkers,
    List<TraceQuery> traceQueries,
    TraceQuery globalTraceQuery,
    List<ParquetIndex> parquetIndexes,
    IlmSetting ilmSetting,
    RetentionPolicy retentionPolicy,
    RealtimeEvaluation realtime,
    RuleBuilderConfig ruleBuilderConfig,
    Integer timeWindowSize,
    EvaluationTimeWindowUnit timeWindowUnit,
    EvaluationFlowIdentifiers identifiers,
    RelatedGraph relatedGraph,
    AlertConfiguration alertConf,
    DriftSettings drift)
    implements Entity {

  public EvaluationFlow {
    Checks.entityIdentifier(identifier, "evaluation flow");
    String what = "evaluation flow " + identifier;
    Checks.required(inputDataset, what, "input_dataset");
    efType = Checks.orDefault(efType, EvaluationType.THETARAY_ANALYSIS);
    evaluationSteps = Checks.list(evaluationSteps);
    Checks.positive(maxWorkers, what, "max_workers");
    traceQueries = Checks.list(traceQueries);
    parquetIndexes = Checks.list(parquetIndexes);
    Checks.positive(timeWindowSize, what, "time_window_size");
  }

  @Override
  public EntityKind kind() {
    return EntityKind.EVALUATION_FLOW;
  }

  /** The flow's drift settings, or the guide's defaults when it declares none. */
  public DriftSettings driftSettings() {
    return drift != null ? drift : DriftSettings.defaults();
  }

  /** The step with this identifier, or null. */
  public EvaluationStep findStep(String stepIdentifier) {
    for (EvaluationStep step : evaluationSteps) {
      if (step.identifier().equals(stepIdentifier)) {
        return step;
      }
    }
    return null;
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier);
    b.displayName = displayName;
    b.description = description;
    b.inputDataset = inputDataset;
    b.dataPermission = dataPermission;
    b.efType = efType;
    b.evaluationSteps.addAll(evaluationSteps);
    b.maxWorkers = maxWorkers;
    b.traceQueries.addAll(traceQueries);
    b.globalTraceQuery = globalTraceQuery;
    b.parquetIndexes.addAll(parquetIndexes);
    b.ilmSetting = ilmSetting;
    b.retentionPolicy = retentionPolicy;
    b.realtime = realtime;
    b.ruleBuilderConfig = ruleBuilderConfig;
    b.timeWindowSize = timeWindowSize;
    b.timeWindowUnit = timeWindowUnit;
    b.identifiers = identifiers;
    b.relatedGraph = relatedGraph;
    b.alertConf = alertConf;
    b.drift = drift;
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String displayName;
    private String description;
    private String inputDataset;
    private String dataPermission;
    private EvaluationType efType;
    private final List<EvaluationStep> evaluationSteps = new ArrayList<>();
    private Integer maxWorkers;
    private final List<TraceQuery> traceQueries = new ArrayList<>();
    private TraceQuery globalTraceQuery;
    private final List<ParquetIndex> parquetIndexes = new ArrayList<>();
    private IlmSetting ilmSetting;
    private RetentionPolicy retentionPolicy;
    private RealtimeEvaluation realtime;
    private RuleBuilderConfig ruleBuilderConfig;
    private Integer timeWindowSize;
    private EvaluationTimeWindowUnit timeWindowUnit;
    private EvaluationFlowIdentifiers identifiers;
    private RelatedGraph relatedGraph;
    private AlertConfiguration alertConf;
    private DriftSettings drift;

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder inputDataset(String inputDataset) {
      this.inputDataset = inputDataset;
      return this;
    }

    public Builder dataPermission(String dataPermission) {
      this.dataPermission = dataPermission;
      return this;
    }

    public Builder efType(EvaluationType efType) {
      this.efType = efType;
      return this;
    }

    public Builder addStep(EvaluationStep step) {
      this.evaluationSteps.add(step);
      return this;
    }

    /** Replaces the steps. */
    public Builder evaluationSteps(List<EvaluationStep> steps) {
      this.evaluationSteps.clear();
      this.evaluationSteps.addAll(steps);
      return this;
    }

    public Builder maxWorkers(Integer maxWorkers) {
      this.maxWorkers = maxWorkers;
      return this;
    }

    public Builder addTraceQuery(TraceQuery traceQuery) {
      this.traceQueries.add(traceQuery);
      return this;
    }

    public Builder globalTraceQuery(TraceQuery globalTraceQuery) {
      this.globalTraceQuery = globalTraceQuery;
      return this;
    }

    public Builder addParquetIndex(ParquetIndex index) {
      this.parquetIndexes.add(index);
      return this;
    }

    public Builder ilmSetting(IlmSetting ilmSetting) {
      this.ilmSetting = ilmSetting;
      return this;
    }

    public Builder retentionPolicy(RetentionPolicy retentionPolicy) {
      this.retentionPolicy = retentionPolicy;
      return this;
    }

    public Builder realtime(RealtimeEvaluation realtime) {
      this.realtime = realtime;
      return this;
    }

    public Builder ruleBuilderConfig(RuleBuilderConfig ruleBuilderConfig) {
      this.ruleBuilderConfig = ruleBuilderConfig;
      return this;
    }

    public Builder timeWindowSize(Integer timeWindowSize) {
      this.timeWindowSize = timeWindowSize;
      return this;
    }

    public Builder timeWindowUnit(EvaluationTimeWindowUnit timeWindowUnit) {
      this.timeWindowUnit = timeWindowUnit;
      return this;
    }

    public Builder identifiers(EvaluationFlowIdentifiers identifiers) {
      this.identifiers = identifiers;
      return this;
    }

    public Builder relatedGraph(RelatedGraph relatedGraph) {
      this.relatedGraph = relatedGraph;
      return this;
    }

    public Builder alertConf(AlertConfiguration alertConf) {
      this.alertConf = alertConf;
      return this;
    }

    public Builder drift(DriftSettings drift) {
      this.drift = drift;
      return this;
    }

    public EvaluationFlow build() {
      return BuildSites.mark(new EvaluationFlow(identifier, displayName, description, inputDataset, dataPermission,
          efType, evaluationSteps, maxWorkers, traceQueries, globalTraceQuery, parquetIndexes, ilmSetting,
          retentionPolicy, realtime, ruleBuilderConfig, timeWindowSize, timeWindowUnit, identifiers, relatedGraph,
          alertConf, drift));
    }
  }
}
