package io.vigil.runtime.realtime.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The server's answer to one evaluation.
 *
 * @param status the HTTP status: 200 evaluated and stored; 400 refused with {@code error} and the
 *     body's problems; 503 overloaded, retry after {@code retryAfterSeconds}
 * @param match whether an alert was raised that is not suppressed
 * @param trId the stored record's id
 * @param score the first algo step's score, or null
 * @param alerts the alerts raised, suppressed ones included
 * @param error the reason of a refusal, or null
 * @param body the whole JSON answer, for what the fields above do not carry (steps, problems)
 */
public record RealtimeAnswer(int status, boolean match, String trId, Double score, List<Alert> alerts, String error,
    Integer retryAfterSeconds, JsonNode body) {
  public RealtimeAnswer {
    alerts = List.copyOf(alerts);
  }

  /** One alert of an answer. */
  public record Alert(String alertId, String risk, Integer severity, String displayName, String description, boolean suppressed) {}

  public boolean ok() {
    return status == 200;
  }
}
