package domains.aml.evaluation_flows;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.DriftMode;
import io.vigil.api.flow.DriftSettings;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.flow.RelatedGraph;
import java.util.List;
import java.util.Map;

/** Scores each account's month with the anomaly-detection models; risks turn scores into alerts. */
public class MonthlyAccount implements EntityProvider {
  private static final Map<String, String> RELEASE = Map.of("version", "release");

  @Override
  public List<? extends Entity> entities() {
    return List.of(EvaluationFlow.builder("monthly_account")
        .displayName("Monthly account analysis")
        .inputDataset("account_monthly")
        .dataPermission("dpv:public")
        .addStep(AlgoEvaluationStep.builder("algo")
            .name("Anomaly detection")
            .featureExtractionModel(ModelReference.of("monthly_account_fe", RELEASE))
            .detectionModel(ModelReference.of("monthly_account_ad", RELEASE))
            .patternLength(3)
            .build())
        .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
        .relatedGraph(RelatedGraph.builder("public").nodeMapping("AC", "account_id", "AN").build())
        // The guide's thresholds; LOG records drift without stopping the DAG, BLOCK stops it before evaluation.
        .drift(DriftSettings.builder().mode(DriftMode.LOG).build())
        .build());
  }
}
