package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * Makes a flow evaluate single transactions as they arrive: sync creates the endpoint
 * {@code POST /evaluate/v1/<solution>/<flow>} (S1 §10.2). The connector, every dataset it writes and
 * the flow's input dataset must be real-time.
 *
 * @param inputConnector the connector with rest_config enabled that stores each request
 * @param distributionTargetIdentifier the target alerts are distributed to
 * @param callbackTargetIdentifier the real-time callback target told when an alert is closed
 */
public record RealtimeEvaluation(
    String inputConnector, String distributionTargetIdentifier, String callbackTargetIdentifier) {

  public RealtimeEvaluation {
    Checks.required(inputConnector, "realtime evaluation", "input_connector");
    Checks.required(distributionTargetIdentifier, "realtime evaluation", "distribution_target_identifier");
  }

  public static RealtimeEvaluation of(String inputConnector, String distributionTargetIdentifier) {
    return of(inputConnector, distributionTargetIdentifier, null);
  }

  public static RealtimeEvaluation of(
      String inputConnector, String distributionTargetIdentifier, String callbackTargetIdentifier) {
    return BuildSites.mark(
        new RealtimeEvaluation(inputConnector, distributionTargetIdentifier, callbackTargetIdentifier));
  }
}
