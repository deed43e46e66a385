package domains.aml.evaluation_flows;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityProvider;
import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.EvaluationType;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.flow.RealtimeEvaluation;
import java.util.List;
import java.util.Map;

/** Card payments scored in real time by one algo step; the test changes the models' tags below. */
public class CardPayments implements EntityProvider {
  static final Map<String, String> TAGS = Map.of("version", "v1");

  @Override
  public List<? extends Entity> entities() {
    return List.of(
        EvaluationFlow.builder("card_rt").inputDataset("card_tx").efType(EvaluationType.THETARAY_ANALYSIS)
            .addStep(AlgoEvaluationStep.builder("tx").featureExtractionModel(ModelReference.of("card_fe", TAGS))
                .detectionModel(ModelReference.of("card_ad", TAGS)).patternLength(2).build())
            .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
            .realtime(RealtimeEvaluation.of("card_api", "case_manager")).build());
  }
}
