package io.vigil.runtime.model;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;

/**
 * The model registry on a real MLflow tracking server (used when {@code MLFLOW_TRACKING_URI} is
 * set): each version is an MLflow model version whose files are the artifacts ({@code model/}) of
 * the run that registered them. Registration, tags and search use MLflow's REST API; artifacts go
 * through the MLflow client.
 */
public final class MlflowModelRegistry implements ModelRegistry {
  /** The experiment that holds the runs of models registered without a run of their own. */
  static final String EXPERIMENT = "vigil-model-registry";
  private static final String ARTIFACT_PATH = "model";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String trackingUri;
  private final MlflowClient client;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final Path downloads;

  public MlflowModelRegistry(String trackingUri, Path downloads) {
    this.trackingUri = trackingUri.endsWith("/") ? trackingUri.substring(0, trackingUri.length() - 1) : trackingUri;
    this.client = new MlflowClient(this.trackingUri);
    this.downloads = downloads;
  }

  @Override
  public ModelVersion register(String name, Path artifacts, Map<String, String> tags, String runId, String description) {
    if (!Files.isDirectory(artifacts)) {
      throw RuntimeErrors.modelArtifactsMissing(name, artifacts);
    }
    try {
      String run = runId;
      if (run == null) {
        String experiment = client.getExperimentByName(EXPERIMENT).map(Experiment::getExperimentId)
            .orElseGet(() -> client.createExperiment(EXPERIMENT));
        run = client.createRun(CreateRun.newBuilder().setExperimentId(experiment).setRunName("register " + name).build()).getRunId();
      }
      client.logArtifacts(run, artifacts.toFile(), ARTIFACT_PATH);
      if (runId == null) {
        client.setTerminated(run);
      }
      if (!exists(name)) {
        post("registered-models/create", body("name", name));
      }
      ObjectNode create = body("name", name);
      create.put("source", client.getRun(run).getInfo().getArtifactUri() + "/" + ARTIFACT_PATH);
      create.put("run_id", run);
      if (description != null) {
        create.put("description", description);
      }
      ArrayNode tagList = create.putArray("tags");
      tags.forEach((k, v) -> tagList.addObject().put("key", k).put("value", v));
      return version(post("model-versions/create", create).get("model_version"));
    } catch (MlflowClientException e) {
      throw failure("register model " + name, e);
    }
  }

  @Override
  public List<String> names() {
    TreeSet<String> names = new TreeSet<>();
    String token = null;
    do {
      JsonNode page = get("registered-models/search?max_results=1000" + (token == null ? "" : "&page_token=" + encode(token)));
      page.path("registered_models").forEach(m -> names.add(m.get("name").asText()));
      token = page.hasNonNull("next_page_token") ? page.get("next_page_token").asText() : null;
    } while (token != null && !token.isEmpty());
    return List.copyOf(names);
  }

  @Override
  public List<ModelVersion> versions(String name) {
    List<ModelVersion> out = new ArrayList<>();
    String token = null;
    do {
      JsonNode page = get("model-versions/search?max_results=1000&filter=" + encode("name='" + name.replace("'", "\\'") + "'")
          + (token == null ? "" : "&page_token=" + encode(token)));
      page.path("model_versions").forEach(v -> out.add(version(v)));
      token = page.hasNonNull("next_page_token") ? page.get("next_page_token").asText() : null;
    } while (token != null && !token.isEmpty());
    out.sort(Comparator.comparingInt(ModelVersion::version));
    return List.copyOf(out);
  }

  @Override
  public ModelVersion setTag(String name, int version, String key, String value) {
    ObjectNode tag = body("name", name);
    tag.put("version", Integer.toString(version));
    tag.put("key", key);
    tag.put("value", value);
    post("model-versions/set-tag", tag);
    return version(get("model-versions/get?name=" + encode(name) + "&version=" + version).get("model_version"));
  }

  @Override
  public Path artifacts(ModelVersion version) {
    Path target = downloads.resolve(version.name()).resolve(Integer.toString(version.version()));
    if (Files.isDirectory(target)) {
      return target;
    }
    try {
      File file = client.downloadArtifacts(version.runId(), ARTIFACT_PATH);
      Files.createDirectories(target.getParent());
      Files.move(file.toPath(), target);
      return target;
    } catch (MlflowClientException | IOException e) {
      throw failure("download model " + version.name() + " version " + version.version(), e);
    }
  }

  @Override
  public boolean delete(String name) {
    if (!exists(name)) {
      return false;
    }
    send(HttpRequest.newBuilder(uri("registered-models/delete")).header("Content-Type", "application/json")
        .method("DELETE", HttpRequest.BodyPublishers.ofString(body("name", name).toString())).build(), "delete model " + name);
    return true;
  }

  private boolean exists(String name) {
    HttpResponse<String> r = raw(HttpRequest.newBuilder(uri("registered-models/get?name=" + encode(name))).GET().build(),
        "read model " + name);
    return r.statusCode() == 200;
  }

  private static ModelVersion version(JsonNode v) {
    Map<String, String> tags = new LinkedHashMap<>();
    v.path("tags").forEach(t -> tags.put(t.get("key").asText(), t.path("value").asText("")));
    return new ModelVersion(v.get("name").asText(), v.get("version").asInt(), tags, v.path("run_id").asText(null),
        v.hasNonNull("description") ? v.get("description").asText() : null,
        Instant.ofEpochMilli(v.path("creation_timestamp").asLong(0)));
  }

  private JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET().build(), "query the model registry");
  }

  private JsonNode post(String path, ObjectNode body) {
    return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), "update the model registry");
  }

  private JsonNode send(HttpRequest request, String what) {
    HttpResponse<String> r = raw(request, what);
    try {
      if (r.statusCode() / 100 != 2) {
        JsonNode error = r.body().isBlank() ? null : JSON.readTree(r.body());
        String message = error != null && error.hasNonNull("message") ? error.get("message").asText() : "HTTP " + r.statusCode();
        throw RuntimeErrors.mlflowAnswered(what, trackingUri, r.statusCode(), message);
      }
      return r.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(r.body());
    } catch (IOException e) {
      throw RuntimeErrors.mlflowUnreadable(what, trackingUri, e);
    }
  }

  private HttpResponse<String> raw(HttpRequest request, String what) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw RuntimeErrors.mlflowUnreachable(what, trackingUri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RuntimeErrors.interrupted(what, e);
    }
  }

  private URI uri(String path) {
    return URI.create(trackingUri + "/api/2.0/mlflow/" + path);
  }

  private static ObjectNode body(String key, String value) {
    ObjectNode node = JSON.createObjectNode();
    node.put(key, value);
    return node;
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private VigilException failure(String what, Exception e) {
    return RuntimeErrors.mlflowUnreachable(what, trackingUri, e);
  }
}
