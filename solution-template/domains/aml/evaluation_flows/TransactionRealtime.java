package domains.aml.evaluation_flows;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.EvaluationType;
import io.vigil.api.flow.RealtimeEvaluation;
import java.util.List;

/** Decides each transaction while the payment waits; vigil serve answers it, alerts go to the case manager. */
public class TransactionRealtime implements EntityProvider {
  @Override
  public List<? extends Entity> entities() {
    return List.of(EvaluationFlow.builder("transaction_realtime")
        .displayName("Real-time transaction check")
        .inputDataset("transaction")
        .dataPermission("dpv:public")
        .efType(EvaluationType.BUSINESS_RULES)
        .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
        .realtime(RealtimeEvaluation.of("transaction_api", "case_manager"))
        .build());
  }
}
