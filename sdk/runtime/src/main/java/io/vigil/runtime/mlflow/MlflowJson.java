package io.vigil.runtime.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** MLflow's JSON (protobuf field names, int64 as numbers or strings) to this package's records. */
final class MlflowJson {
  private MlflowJson() {}

  static MlflowExperiment experiment(JsonNode e) {
    return new MlflowExperiment(e.path("experiment_id").asText(), e.path("name").asText(),
        text(e, "artifact_location"), text(e, "lifecycle_stage"), keyValues(e.path("tags")));
  }

  static MlflowRun run(JsonNode r) {
    JsonNode info = r.path("info");
    JsonNode data = r.path("data");
    Map<String, Double> metrics = new LinkedHashMap<>();
    data.path("metrics").forEach(m -> metrics.put(m.path("key").asText(), m.path("value").asDouble()));
    String status = text(info, "status");
    return new MlflowRun(info.path("run_id").asText(), info.path("experiment_id").asText(), text(info, "run_name"),
        status == null ? MlflowRunStatus.RUNNING : MlflowRunStatus.valueOf(status), instant(info, "start_time"),
        instant(info, "end_time"), text(info, "artifact_uri"), text(info, "lifecycle_stage"),
        keyValues(data.path("params")), metrics, keyValues(data.path("tags")));
  }

  static MlflowRegisteredModel registeredModel(JsonNode m) {
    return new MlflowRegisteredModel(m.path("name").asText(), text(m, "description"), keyValues(m.path("tags")),
        instant(m, "creation_timestamp"), instant(m, "last_updated_timestamp"));
  }

  static MlflowModelVersion modelVersion(JsonNode v) {
    return new MlflowModelVersion(v.path("name").asText(), v.path("version").asInt(), text(v, "source"),
        text(v, "run_id"), keyValues(v.path("tags")), text(v, "description"), text(v, "status"),
        instant(v, "creation_timestamp"));
  }

  private static Map<String, String> keyValues(JsonNode array) {
    Map<String, String> out = new LinkedHashMap<>();
    array.forEach(t -> out.put(t.path("key").asText(), t.path("value").asText("")));
    return out;
  }

  /** A text field; null when absent, null or empty (MLflow sends "" for unset strings). */
  private static String text(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isValueNode() && !v.isNull() && !v.asText().isEmpty() ? v.asText() : null;
  }

  private static Instant instant(JsonNode node, String field) {
    JsonNode v = node.path(field);
    return v.isNumber() || (v.isTextual() && !v.asText().isEmpty()) ? Instant.ofEpochMilli(v.asLong()) : null;
  }
}
