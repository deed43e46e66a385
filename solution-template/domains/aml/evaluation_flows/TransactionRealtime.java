package domains.aml.evaluation_flows;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.flow.RealtimeEvaluation;
import java.util.List;
import java.util.Map;

/**
 * Decides each transaction while the payment waits: vigil serve scores it with the transaction models the
 * monthly train task fits (the release-tagged versions, as a batch evaluation resolves them), decides the
 * flow's RT_RULE risks, stores it, and sends the alerts to the case manager.
 */
public class TransactionRealtime implements EntityProvider {
  private static final Map<String, String> RELEASE = Map.of("version", "release");

  @Override
  public List<? extends Entity> entities() {
    return List.of(EvaluationFlow.builder("transaction_realtime")
        .displayName("Real-time transaction check")
        .inputDataset("transaction")
        .dataPermission("dpv:public")
        .addStep(AlgoEvaluationStep.builder("algo")
            .name("Transaction anomaly detection")
            .featureExtractionModel(ModelReference.of("transaction_fe", RELEASE))
            .detectionModel(ModelReference.of("transaction_ad", RELEASE))
            .build())
        .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
        .realtime(RealtimeEvaluation.of("transaction_api", "case_manager"))
        .build());
  }
}
