package io.vigil.runtime.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A typed client of an MLflow tracking server's REST API (2.0) and its artifact proxy.
 *
 * <p>It covers experiments, runs (params, metrics, tags, batches, search), registered models and
 * model versions, and artifacts. Artifacts go through the proxy of {@code mlflow server
 * --serve-artifacts} (MLflow's default), so the server must give its runs an {@code mlflow-artifacts:}
 * artifact root (no {@code --default-artifact-root} of another scheme); see {@link ArtifactLocation}.
 *
 * <p>Authentication: a bearer token ({@value #TOKEN_VARIABLE}) or HTTP basic auth
 * ({@value #USERNAME_VARIABLE} and {@value #PASSWORD_VARIABLE}, as MLflow's basic-auth app wants).
 * Credentials never appear in messages or in {@link #toString()}.
 *
 * <p>Every failure is a {@link VigilException} reading "Cannot &lt;verb&gt; &lt;object&gt;: …" with
 * MLflow's {@code error_code}: NOT_FOUND for RESOURCE_DOES_NOT_EXIST, CONFLICT for
 * RESOURCE_ALREADY_EXISTS, INVALID_ARGUMENT for INVALID_PARAMETER_VALUE, FORBIDDEN for
 * PERMISSION_DENIED, STORE_FAILURE when the server is unreachable, refuses the credentials or fails.
 *
 * <pre>{@code
 * MlflowRestClient mlflow = MlflowRestClient.fromEnvironment(System.getenv()).orElseThrow();
 * MlflowRun run = mlflow.createRun(mlflow.experimentId("aml.training"), "train", Instant.now(), Map.of());
 * mlflow.logBatch(run.runId(), Map.of("rows", "1000"), List.of(MlflowMetric.of("auc", 0.97)), Map.of());
 * mlflow.uploadArtifacts(run.artifactUri(), "models/monthly_ad", Path.of("target/model"));
 * mlflow.createRegisteredModel("monthly_ad", null, Map.of());
 * mlflow.createModelVersion("monthly_ad", run.artifactUri() + "/models/monthly_ad", run.runId(), Map.of(), null);
 * mlflow.updateRun(run.runId(), MlflowRunStatus.FINISHED, Instant.now());
 * }</pre>
 *
 * <p>Instances are thread-safe.
 */
public final class MlflowRestClient {
  /** The tracking server, e.g. {@code http://mlflow:5000}. */
  public static final String URI_VARIABLE = "MLFLOW_TRACKING_URI";
  /** A bearer token. */
  public static final String TOKEN_VARIABLE = "MLFLOW_TRACKING_TOKEN";
  /** The basic-auth user. */
  public static final String USERNAME_VARIABLE = "MLFLOW_TRACKING_USERNAME";
  /** The basic-auth password. */
  public static final String PASSWORD_VARIABLE = "MLFLOW_TRACKING_PASSWORD";

  /** MLflow's limits for one log-batch call. */
  static final int BATCH_PARAMS = 100;
  static final int BATCH_TAGS = 100;
  static final int BATCH_ENTITIES = 1000;
  private static final int DEFAULT_PAGE = 1000;

  private final MlflowHttp http;
  private final int pageSize;

  MlflowRestClient(URI trackingUri, MlflowCredentials credentials, int pageSize) {
    String text = trackingUri.toString();
    URI base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    String scheme = base.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || base.getHost() == null
        || base.getRawUserInfo() != null || base.getRawQuery() != null) {
      throw RuntimeErrors.mlflowUrlInvalid(text);
    }
    this.http = new MlflowHttp(base, credentials);
    this.pageSize = pageSize;
  }

  /** A client that sends no credentials. */
  public static MlflowRestClient anonymous(URI trackingUri) {
    return new MlflowRestClient(trackingUri, MlflowCredentials.none(), DEFAULT_PAGE);
  }

  /** A client that sends {@code token} as bearer token. */
  public static MlflowRestClient withToken(URI trackingUri, String token) {
    return new MlflowRestClient(trackingUri, MlflowCredentials.token(token), DEFAULT_PAGE);
  }

  /** A client that authenticates with HTTP basic auth. */
  public static MlflowRestClient withPassword(URI trackingUri, String username, String password) {
    return new MlflowRestClient(trackingUri, MlflowCredentials.basic(username, password), DEFAULT_PAGE);
  }

  /**
   * The client configured by {@value #URI_VARIABLE} with {@value #TOKEN_VARIABLE}, or
   * {@value #USERNAME_VARIABLE} and {@value #PASSWORD_VARIABLE}, or no credentials.
   *
   * @return empty when {@value #URI_VARIABLE} is not set
   * @throws VigilException INVALID_ARGUMENT when the URI is malformed, or a username comes without password
   */
  public static Optional<MlflowRestClient> fromEnvironment(Map<String, String> env) {
    String uri = env.get(URI_VARIABLE);
    if (uri == null || uri.isBlank()) {
      return Optional.empty();
    }
    URI parsed;
    try {
      parsed = URI.create(uri.strip());
    } catch (IllegalArgumentException e) {
      throw RuntimeErrors.mlflowUrlInvalid(uri);
    }
    String token = env.get(TOKEN_VARIABLE);
    if (token != null && !token.isBlank()) {
      return Optional.of(withToken(parsed, token.strip()));
    }
    String user = env.get(USERNAME_VARIABLE);
    if (user != null && !user.isBlank()) {
      String password = env.get(PASSWORD_VARIABLE);
      if (password == null) {
        throw RuntimeErrors.mlflowPasswordMissing();
      }
      return Optional.of(withPassword(parsed, user.strip(), password));
    }
    return Optional.of(anonymous(parsed));
  }

  /** The tracking server, without a trailing slash. */
  public URI trackingUri() {
    return http.base();
  }

  // --- experiments ------------------------------------------------------------------------------

  /** The experiment called {@code name}, active or deleted; empty when there is none. */
  public Optional<MlflowExperiment> experimentByName(String name) {
    JsonNode body = http.getIfExists("experiments/get-by-name", Map.of("experiment_name", name), "read experiment " + name);
    return body == null ? Optional.empty() : Optional.of(MlflowJson.experiment(body.path("experiment")));
  }

  /** The experiment with this id; NOT_FOUND when there is none. */
  public MlflowExperiment experiment(String experimentId) {
    return MlflowJson.experiment(http.get("experiments/get", Map.of("experiment_id", experimentId),
        "read experiment " + experimentId).path("experiment"));
  }

  /** Creates an experiment; returns its id. CONFLICT when the name is taken. */
  public String createExperiment(String name) {
    return http.post("experiments/create", MlflowHttp.JSON.createObjectNode().put("name", name),
        "create experiment " + name).path("experiment_id").asText();
  }

  /**
   * The id of the active experiment called {@code name}, created when absent (another client may
   * create it at the same time: that is fine).
   *
   * @throws VigilException CONFLICT when an experiment of that name exists but is deleted
   */
  public String experimentId(String name) {
    Optional<MlflowExperiment> existing = experimentByName(name);
    if (existing.isEmpty()) {
      try {
        return createExperiment(name);
      } catch (VigilException e) {
        existing = experimentByName(name);
        if (existing.isEmpty()) {
          throw e;
        }
      }
    }
    if (!existing.get().active()) {
      throw RuntimeErrors.mlflowExperimentDeleted(name);
    }
    return existing.get().id();
  }

  // --- runs -------------------------------------------------------------------------------------

  /**
   * Starts a run.
   *
   * @param runName its display name; null to let MLflow choose one
   * @param startTime its start; null for now
   * @param tags tags set at creation
   */
  public MlflowRun createRun(String experimentId, String runName, Instant startTime, Map<String, String> tags) {
    ObjectNode body = MlflowHttp.JSON.createObjectNode().put("experiment_id", experimentId)
        .put("start_time", (startTime == null ? Instant.now() : startTime).toEpochMilli());
    if (runName != null) {
      body.put("run_name", runName);
    }
    keyValues(body.putArray("tags"), tags);
    return MlflowJson.run(http.post("runs/create", body, "create a run in experiment " + experimentId).path("run"));
  }

  /** Sets a run's status, and its end time when {@code endTime} is not null; returns the run as updated. */
  public MlflowRun updateRun(String runId, MlflowRunStatus status, Instant endTime) {
    ObjectNode body = MlflowHttp.JSON.createObjectNode().put("run_id", runId).put("status", status.name());
    if (endTime != null) {
      body.put("end_time", endTime.toEpochMilli());
    }
    http.post("runs/update", body, "update run " + runId);
    return run(runId);
  }

  /** Ends a run now with {@code status} (FINISHED, FAILED or KILLED). */
  public MlflowRun terminateRun(String runId, MlflowRunStatus status) {
    if (!status.isTerminal()) {
      throw new IllegalArgumentException("A run ends FINISHED, FAILED or KILLED, not " + status);
    }
    return updateRun(runId, status, Instant.now());
  }

  public void logParam(String runId, String key, String value) {
    http.post("runs/log-parameter", MlflowHttp.JSON.createObjectNode().put("run_id", runId).put("key", key)
        .put("value", value), "log param " + key + " of run " + runId);
  }

  public void logMetric(String runId, String key, double value, Instant timestamp, long step) {
    ObjectNode body = MlflowHttp.JSON.createObjectNode().put("run_id", runId).put("key", key).put("value", value)
        .put("timestamp", timestamp.toEpochMilli()).put("step", step);
    http.post("runs/log-metric", body, "log metric " + key + " of run " + runId);
  }

  public void setTag(String runId, String key, String value) {
    http.post("runs/set-tag", MlflowHttp.JSON.createObjectNode().put("run_id", runId).put("key", key)
        .put("value", value), "set tag " + key + " of run " + runId);
  }

  /**
   * Logs params, metrics and tags in as few log-batch calls as MLflow's limits allow (100 params, 100
   * tags, 1,000 entities per call). A param may be logged again only with the same value.
   */
  public void logBatch(String runId, Map<String, String> params, List<MlflowMetric> metrics, Map<String, String> tags) {
    List<Map.Entry<String, String>> p = new ArrayList<>(params.entrySet());
    List<Map.Entry<String, String>> t = new ArrayList<>(tags.entrySet());
    List<MlflowMetric> m = new ArrayList<>(metrics);
    int pi = 0;
    int ti = 0;
    int mi = 0;
    while (pi < p.size() || ti < t.size() || mi < m.size()) {
      ObjectNode body = MlflowHttp.JSON.createObjectNode().put("run_id", runId);
      ArrayNode ps = body.putArray("params");
      ArrayNode ts = body.putArray("tags");
      ArrayNode ms = body.putArray("metrics");
      int room = BATCH_ENTITIES;
      for (int n = 0; pi < p.size() && n < BATCH_PARAMS && room > 0; n++, pi++, room--) {
        ps.addObject().put("key", p.get(pi).getKey()).put("value", p.get(pi).getValue());
      }
      for (int n = 0; ti < t.size() && n < BATCH_TAGS && room > 0; n++, ti++, room--) {
        ts.addObject().put("key", t.get(ti).getKey()).put("value", t.get(ti).getValue());
      }
      for (; mi < m.size() && room > 0; mi++, room--) {
        MlflowMetric metric = m.get(mi);
        ms.addObject().put("key", metric.key()).put("value", metric.value())
            .put("timestamp", metric.timestamp().toEpochMilli()).put("step", metric.step());
      }
      http.post("runs/log-batch", body, "log params, metrics and tags of run " + runId);
    }
  }

  /** A run with its data; NOT_FOUND when there is none. */
  public MlflowRun run(String runId) {
    return MlflowJson.run(http.get("runs/get", Map.of("run_id", runId), "read run " + runId).path("run"));
  }

  /**
   * The active runs of the experiments matching {@code filter} (MLflow's search syntax, e.g.
   * {@code params.dag = 'aml'}; null for all), every page, newest first.
   */
  public List<MlflowRun> searchRuns(List<String> experimentIds, String filter) {
    List<MlflowRun> out = new ArrayList<>();
    String token = null;
    do {
      ObjectNode body = MlflowHttp.JSON.createObjectNode().put("max_results", pageSize);
      ArrayNode ids = body.putArray("experiment_ids");
      experimentIds.forEach(ids::add);
      if (filter != null && !filter.isBlank()) {
        body.put("filter", filter);
      }
      body.putArray("order_by").add("attributes.start_time DESC");
      if (token != null) {
        body.put("page_token", token);
      }
      JsonNode page = http.post("runs/search", body, "search the runs of experiments " + experimentIds);
      page.path("runs").forEach(r -> out.add(MlflowJson.run(r)));
      token = nextToken(page);
    } while (token != null);
    return out;
  }

  // --- registered models ------------------------------------------------------------------------

  /** Creates a registered model; CONFLICT when the name is taken. */
  public MlflowRegisteredModel createRegisteredModel(String name, String description, Map<String, String> tags) {
    ObjectNode body = MlflowHttp.JSON.createObjectNode().put("name", name);
    if (description != null) {
      body.put("description", description);
    }
    keyValues(body.putArray("tags"), tags);
    return MlflowJson.registeredModel(http.post("registered-models/create", body, "create registered model " + name)
        .path("registered_model"));
  }

  /** The registered model called {@code name}; empty when there is none. */
  public Optional<MlflowRegisteredModel> registeredModel(String name) {
    JsonNode body = http.getIfExists("registered-models/get", Map.of("name", name), "read registered model " + name);
    return body == null ? Optional.empty() : Optional.of(MlflowJson.registeredModel(body.path("registered_model")));
  }

  /** Every registered model matching {@code filter} (e.g. {@code name LIKE 'monthly%'}; null for all), sorted by name. */
  public List<MlflowRegisteredModel> searchRegisteredModels(String filter) {
    List<MlflowRegisteredModel> out = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> query = new HashMap<>(Map.of("max_results", Integer.toString(pageSize), "order_by", "name ASC"));
      if (filter != null && !filter.isBlank()) {
        query.put("filter", filter);
      }
      if (token != null) {
        query.put("page_token", token);
      }
      JsonNode page = http.get("registered-models/search", query, "search the registered models");
      page.path("registered_models").forEach(m -> out.add(MlflowJson.registeredModel(m)));
      token = nextToken(page);
    } while (token != null);
    return out;
  }

  /** Deletes a registered model and all its versions (not the runs or their artifacts); NOT_FOUND when absent. */
  public void deleteRegisteredModel(String name) {
    http.delete("registered-models/delete", MlflowHttp.JSON.createObjectNode().put("name", name),
        "delete registered model " + name);
  }

  // --- model versions ---------------------------------------------------------------------------

  /**
   * Creates the next version of a registered model.
   *
   * @param source where its files are: inside the artifact root of {@code runId}, e.g.
   *     {@code <run artifact uri>/models/monthly_ad}
   * @param runId the run that produced it
   */
  public MlflowModelVersion createModelVersion(String name, String source, String runId, Map<String, String> tags,
      String description) {
    ObjectNode body = MlflowHttp.JSON.createObjectNode().put("name", name).put("source", source);
    if (runId != null) {
      body.put("run_id", runId);
    }
    if (description != null) {
      body.put("description", description);
    }
    keyValues(body.putArray("tags"), tags);
    return MlflowJson.modelVersion(http.post("model-versions/create", body, "create a version of model " + name)
        .path("model_version"));
  }

  /** One version; empty when the model or the version does not exist. */
  public Optional<MlflowModelVersion> modelVersion(String name, int version) {
    JsonNode body = http.getIfExists("model-versions/get", Map.of("name", name, "version", Integer.toString(version)),
        "read version " + version + " of model " + name);
    return body == null ? Optional.empty() : Optional.of(MlflowJson.modelVersion(body.path("model_version")));
  }

  /** Every version of the registered model {@code name}, oldest first; empty when it does not exist. */
  public List<MlflowModelVersion> searchModelVersions(String name) {
    String action = "search the versions of model " + name;
    if (name == null || name.isEmpty() || name.indexOf('\'') >= 0) {
      throw RuntimeErrors.mlflowNameInvalid(action, name);
    }
    List<MlflowModelVersion> out = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> query = new HashMap<>(Map.of("max_results", Integer.toString(pageSize),
          "filter", "name = '" + name + "'"));
      if (token != null) {
        query.put("page_token", token);
      }
      JsonNode page = http.get("model-versions/search", query, action);
      page.path("model_versions").forEach(v -> out.add(MlflowJson.modelVersion(v)));
      token = nextToken(page);
    } while (token != null);
    out.sort(Comparator.comparingInt(MlflowModelVersion::version));
    return out;
  }

  public void setModelVersionTag(String name, int version, String key, String value) {
    ObjectNode body = MlflowHttp.JSON.createObjectNode().put("name", name).put("version", Integer.toString(version))
        .put("key", key).put("value", value);
    http.post("model-versions/set-tag", body, "set tag " + key + " of version " + version + " of model " + name);
  }

  /** Deletes one version (not its run or files); NOT_FOUND when absent. */
  public void deleteModelVersion(String name, int version) {
    http.delete("model-versions/delete", MlflowHttp.JSON.createObjectNode().put("name", name)
        .put("version", Integer.toString(version)), "delete version " + version + " of model " + name);
  }

  // --- artifacts --------------------------------------------------------------------------------

  /**
   * Uploads one file as {@code path} below {@code artifactUri} (a run's artifact root, say).
   *
   * @param path the artifact's relative path including its file name, e.g. {@code reference/reference_dft.csv}
   */
  public void uploadArtifact(String artifactUri, String path, Path file) {
    String action = "upload artifact " + path;
    String relative = ArtifactLocation.checkRelative(path, action);
    if (relative.isEmpty()) {
      throw RuntimeErrors.artifactPathInvalid(action, path);
    }
    http.upload(ArtifactLocation.of(artifactUri, http.base(), action).url(relative), file, action);
  }

  /**
   * Uploads a file, or every file below a directory (keeping their relative paths), to {@code path}
   * below {@code artifactUri}.
   *
   * @param path the target: the file's own path, or the directory the files go under ({@code ""} for the root)
   */
  public void uploadArtifacts(String artifactUri, String path, Path source) {
    String action = "upload artifacts to " + (path.isEmpty() ? "the artifact root" : path);
    String relative = ArtifactLocation.checkRelative(path, action);
    if (Files.isRegularFile(source)) {
      uploadArtifact(artifactUri, relative, source);
      return;
    }
    if (!Files.isDirectory(source)) {
      throw RuntimeErrors.artifactSourceNotAFileOrFolder(action, source);
    }
    ArtifactLocation location = ArtifactLocation.of(artifactUri, http.base(), action);
    try (Stream<Path> walk = Files.walk(source)) {
      for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
        String child = source.relativize(file).toString().replace('\\', '/');
        http.upload(location.url(ArtifactLocation.join(relative, child)), file, action);
      }
    } catch (IOException e) {
      throw RuntimeErrors.artifactFilesFailed(action, e);
    }
  }

  /** The entries directly below {@code path} ({@code ""} for the root) of {@code artifactUri}; empty when none. */
  public List<MlflowArtifact> listArtifacts(String artifactUri, String path) {
    String action = "list artifacts at " + (path.isEmpty() ? "the artifact root" : path);
    String relative = ArtifactLocation.checkRelative(path, action);
    JsonNode body = http.getUrl(ArtifactLocation.of(artifactUri, http.base(), action).listUrl(relative), action);
    List<MlflowArtifact> out = new ArrayList<>();
    for (JsonNode f : body.path("files")) {
      String name = f.path("path").asText();
      // The proxy answers base names; MLflow's older servers answered paths below the listed one.
      String base = name.contains("/") ? name.substring(name.lastIndexOf('/') + 1) : name;
      out.add(new MlflowArtifact(ArtifactLocation.join(relative, base), f.path("is_dir").asBoolean(),
          f.path("file_size").asLong(0)));
    }
    out.sort(Comparator.comparing(MlflowArtifact::path));
    return out;
  }

  /** Downloads one file at {@code path} below {@code artifactUri} to {@code target}. */
  public void downloadArtifact(String artifactUri, String path, Path target) {
    String action = "download artifact " + path;
    String relative = ArtifactLocation.checkRelative(path, action);
    http.download(ArtifactLocation.of(artifactUri, http.base(), action).url(relative), target, action);
  }

  /**
   * Downloads every file below the directory {@code path} ({@code ""} for the root) of
   * {@code artifactUri} into {@code target}, keeping their relative paths; returns their paths.
   *
   * @throws VigilException NOT_FOUND when there is no file below {@code path}
   */
  public List<String> downloadArtifacts(String artifactUri, String path, Path target) {
    String action = "download artifacts at " + (path.isEmpty() ? "the artifact root" : path);
    String relative = ArtifactLocation.checkRelative(path, action);
    ArtifactLocation location = ArtifactLocation.of(artifactUri, http.base(), action);
    List<String> files = new ArrayList<>();
    collect(artifactUri, relative, files);
    if (files.isEmpty()) {
      throw RuntimeErrors.artifactsNotFound(action, path);
    }
    for (String file : files) {
      String below = relative.isEmpty() ? file : file.substring(relative.length() + 1);
      http.download(location.url(file), target.resolve(below), action);
    }
    return files.stream().map(f -> relative.isEmpty() ? f : f.substring(relative.length() + 1)).toList();
  }

  private void collect(String artifactUri, String dir, List<String> files) {
    for (MlflowArtifact a : listArtifacts(artifactUri, dir)) {
      if (a.directory()) {
        collect(artifactUri, a.path(), files);
      } else {
        files.add(a.path());
      }
    }
  }

  @Override
  public String toString() {
    return "MlflowRestClient[" + http.base() + ", " + http.credentials() + "]";
  }

  private static void keyValues(ArrayNode array, Map<String, String> values) {
    new LinkedHashMap<>(values).forEach((k, v) -> array.addObject().put("key", k).put("value", v));
  }

  private static String nextToken(JsonNode page) {
    JsonNode token = page.path("next_page_token");
    return token.isTextual() && !token.asText().isEmpty() ? token.asText() : null;
  }
}
