package io.vigil.orchestration.airflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.api.VigilException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A client for the REST API of Airflow 3 (the api-server's {@code /api/v2}).
 *
 * <p>It authenticates with a bearer token: either one given, or one obtained from
 * {@code POST /auth/token} with a username and password (Airflow's simple auth manager, or any auth
 * manager offering that endpoint), renewed once when Airflow answers 401. Credentials never appear
 * in messages or in {@link #toString()}.
 *
 * <p>Every failure is a {@link VigilException} whose message reads "Cannot &lt;verb&gt; …: …": code
 * NOT_FOUND when Airflow does not know the DAG or run, CONFLICT when a run already exists,
 * INVALID_ARGUMENT when Airflow rejects a value, FORBIDDEN when the user may not act, and
 * STORE_FAILURE when Airflow is unreachable, refuses the credentials or fails.
 *
 * <pre>{@code
 * AirflowClient airflow = AirflowClient.fromEnvironment(System.getenv()).orElseThrow();
 * airflow.unpause("aml_monthly");
 * AirflowDagRun run = airflow.trigger("aml_monthly", Instant.parse("1995-01-01T00:00:00Z"), Map.of());
 * airflow.awaitRun("aml_monthly", run.runId(), Duration.ofMinutes(30), Duration.ofSeconds(5));
 * }</pre>
 *
 * <p>Instances are thread-safe.
 */
public final class AirflowClient {
  /** The Airflow api-server's base URL, e.g. {@code http://airflow:8080}. */
  public static final String URL_VARIABLE = "VIGIL_AIRFLOW_URL";
  /** A bearer token; when set, no username or password is needed. */
  public static final String TOKEN_VARIABLE = "VIGIL_AIRFLOW_TOKEN";
  /** The user that logs in through {@code /auth/token}; default {@code admin}. */
  public static final String USERNAME_VARIABLE = "VIGIL_AIRFLOW_USERNAME";
  /** That user's password. */
  public static final String PASSWORD_VARIABLE = "VIGIL_AIRFLOW_PASSWORD";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final int PAGE = 100;
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final URI base;
  private final String username;
  private final String password;
  private final HttpClient http;
  private volatile String token;

  private AirflowClient(URI base, String username, String password, String token) {
    String text = base.toString();
    this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    String scheme = this.base.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || this.base.getHost() == null
        || this.base.getUserInfo() != null) {
      throw AirflowErrors.badUrl(text);
    }
    this.username = username;
    this.password = password;
    this.token = token;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /**
   * A client that logs in as a user of Airflow's auth manager.
   *
   * @param baseUrl the api-server, e.g. {@code http://airflow:8080}
   */
  public static AirflowClient withPassword(URI baseUrl, String username, String password) {
    return new AirflowClient(baseUrl, username, password, null);
  }

  /** A client that sends {@code token} as bearer token. */
  public static AirflowClient withToken(URI baseUrl, String token) {
    return new AirflowClient(baseUrl, null, null, token);
  }

  /**
   * The client configured by {@value #URL_VARIABLE} with {@value #TOKEN_VARIABLE}, or
   * {@value #USERNAME_VARIABLE} (default {@code admin}) and {@value #PASSWORD_VARIABLE}.
   *
   * @param env the environment, e.g. {@code System.getenv()}
   * @return empty when {@value #URL_VARIABLE} is not set
   * @throws VigilException INVALID_ARGUMENT when the URL is set but malformed or has no credentials
   */
  public static Optional<AirflowClient> fromEnvironment(Map<String, String> env) {
    String url = env.get(URL_VARIABLE);
    if (url == null || url.isBlank()) {
      return Optional.empty();
    }
    URI uri;
    try {
      uri = URI.create(url.strip());
    } catch (IllegalArgumentException e) {
      throw AirflowErrors.badUrl(url);
    }
    String tokenValue = env.get(TOKEN_VARIABLE);
    if (tokenValue != null && !tokenValue.isBlank()) {
      return Optional.of(withToken(uri, tokenValue.strip()));
    }
    String passwordValue = env.get(PASSWORD_VARIABLE);
    if (passwordValue == null || passwordValue.isEmpty()) {
      throw AirflowErrors.noPassword();
    }
    String user = env.getOrDefault(USERNAME_VARIABLE, "admin");
    return Optional.of(withPassword(uri, user == null || user.isBlank() ? "admin" : user.strip(), passwordValue));
  }

  /** The api-server this client talks to, without a trailing slash. */
  public URI baseUrl() {
    return base;
  }

  /**
   * The health of Airflow's components, e.g. {@code metadatabase=healthy, scheduler=healthy}; a
   * component that never reported is absent. Needs no credentials.
   */
  public Map<String, String> health() {
    JsonNode body = send("GET", "/api/v2/monitor/health", null, "read the health of Airflow", false);
    Map<String, String> out = new java.util.TreeMap<>();
    body.fields().forEachRemaining(e -> {
      JsonNode status = e.getValue().path("status");
      if (status.isTextual()) {
        out.put(e.getKey(), status.asText());
      }
    });
    return out;
  }

  /** Every DAG Airflow knows, sorted by id. */
  public List<AirflowDag> listDags() {
    List<AirflowDag> out = new ArrayList<>();
    for (int offset = 0; ; ) {
      JsonNode page = send("GET", "/api/v2/dags?order_by=dag_id&limit=" + PAGE + "&offset=" + offset, null,
          "list the DAGs of Airflow");
      JsonNode dags = page.path("dags");
      dags.forEach(d -> out.add(dag(d)));
      offset += dags.size();
      if (dags.isEmpty() || offset >= page.path("total_entries").asInt(0)) {
        return out;
      }
    }
  }

  /**
   * One DAG.
   *
   * @throws VigilException NOT_FOUND when Airflow has not parsed a DAG with this id
   */
  public AirflowDag dag(String dagId) {
    return dag(send("GET", "/api/v2/dags/" + segment(dagId), null, "read DAG " + dagId));
  }

  /** Lets the scheduler run the DAG; returns the DAG as updated. */
  public AirflowDag unpause(String dagId) {
    return setPaused(dagId, false);
  }

  /** Stops the scheduler from starting runs of the DAG; returns the DAG as updated. */
  public AirflowDag pause(String dagId) {
    return setPaused(dagId, true);
  }

  private AirflowDag setPaused(String dagId, boolean paused) {
    ObjectNode body = JSON.createObjectNode().put("is_paused", paused);
    return dag(send("PATCH", "/api/v2/dags/" + segment(dagId) + "?update_mask=is_paused", body,
        (paused ? "pause" : "unpause") + " DAG " + dagId));
  }

  /**
   * Triggers a run, with a run id chosen by Airflow.
   *
   * @param logicalDate the run's logical date; null for a run without one
   * @param conf the run's conf (JSON-serialisable values); null for none
   * @throws VigilException NOT_FOUND for an unknown DAG, CONFLICT when a run with this logical date exists
   */
  public AirflowDagRun trigger(String dagId, Instant logicalDate, Map<String, ?> conf) {
    return trigger(dagId, null, logicalDate, conf);
  }

  /**
   * Triggers a run.
   *
   * @param runId the run id; null to let Airflow choose one
   * @param logicalDate the run's logical date; null for a run without one
   * @param conf the run's conf (JSON-serialisable values); null for none
   */
  public AirflowDagRun trigger(String dagId, String runId, Instant logicalDate, Map<String, ?> conf) {
    ObjectNode body = JSON.createObjectNode();
    if (runId != null) {
      body.put("dag_run_id", runId);
    }
    if (logicalDate == null) {
      body.putNull("logical_date");
    } else {
      body.put("logical_date", DateTimeFormatter.ISO_INSTANT.format(logicalDate));
    }
    body.set("conf", JSON.valueToTree(conf == null ? Map.of() : conf));
    String what = "trigger DAG " + dagId + (logicalDate == null ? "" : " for " + logicalDate);
    return run(send("POST", "/api/v2/dags/" + segment(dagId) + "/dagRuns", body, what), what);
  }

  /**
   * One run of a DAG.
   *
   * @throws VigilException NOT_FOUND when the DAG or the run does not exist
   */
  public AirflowDagRun dagRun(String dagId, String runId) {
    String what = "read run " + runId + " of DAG " + dagId;
    return run(send("GET", runPath(dagId, runId), null, what), what);
  }

  /**
   * The latest runs of a DAG, the most recent (by run-after time) first.
   *
   * @param limit at most this many, 1 to 100
   */
  public List<AirflowDagRun> dagRuns(String dagId, int limit) {
    if (limit < 1 || limit > PAGE) {
      throw new IllegalArgumentException("limit must be 1 to " + PAGE + ": " + limit);
    }
    String what = "list the runs of DAG " + dagId;
    JsonNode page = send("GET", "/api/v2/dags/" + segment(dagId) + "/dagRuns?order_by=-run_after&limit=" + limit,
        null, what);
    List<AirflowDagRun> out = new ArrayList<>();
    for (JsonNode r : page.path("dag_runs")) {
      out.add(run(r, what));
    }
    return out;
  }

  /** The task instances of a run, sorted by task id. */
  public List<AirflowTaskInstance> taskInstances(String dagId, String runId) {
    String what = "read the tasks of run " + runId + " of DAG " + dagId;
    List<AirflowTaskInstance> out = new ArrayList<>();
    for (int offset = 0; ; ) {
      JsonNode page = send("GET", runPath(dagId, runId) + "/taskInstances?limit=" + PAGE
          + "&offset=" + offset, null, what);
      JsonNode tasks = page.path("task_instances");
      for (JsonNode t : tasks) {
        out.add(taskInstance(t, what));
      }
      offset += tasks.size();
      if (tasks.isEmpty() || offset >= page.path("total_entries").asInt(0)) {
        out.sort(java.util.Comparator.comparing(AirflowTaskInstance::taskId));
        return out;
      }
    }
  }

  /**
   * Clears the failed tasks of a run and the tasks downstream of them, so that Airflow runs them
   * again for the same logical date (S1 §14: "rerun = clear task"); the run goes back to queued.
   *
   * @param taskIds the tasks to clear; empty for every failed task of the run
   * @return the ids of the cleared task instances, sorted
   */
  public List<String> clearFailedTasks(String dagId, String runId, Collection<String> taskIds) {
    return clearTasks(dagId, runId, taskIds, true);
  }

  /**
   * Clears tasks of a run and the tasks downstream of them, so that Airflow runs them again.
   *
   * @param taskIds the tasks to clear; empty for every task of the run (that matches {@code onlyFailed})
   * @param onlyFailed clear only failed and upstream-failed tasks
   * @return the ids of the cleared task instances, sorted
   */
  public List<String> clearTasks(String dagId, String runId, Collection<String> taskIds, boolean onlyFailed) {
    ObjectNode body = JSON.createObjectNode()
        .put("dry_run", false)
        .put("dag_run_id", runId)
        .put("only_failed", onlyFailed)
        .put("reset_dag_runs", true)
        .put("include_downstream", true);
    if (taskIds != null && !taskIds.isEmpty()) {
      ArrayNode ids = body.putArray("task_ids");
      taskIds.stream().sorted().forEach(ids::add);
    }
    String what = "clear the " + (onlyFailed ? "failed " : "") + "tasks of run " + runId + " of DAG " + dagId;
    JsonNode cleared = send("POST", "/api/v2/dags/" + segment(dagId) + "/clearTaskInstances", body, what);
    List<String> out = new ArrayList<>();
    cleared.path("task_instances").forEach(t -> out.add(t.path("task_id").asText()));
    out.sort(null);
    return out;
  }

  /**
   * Polls a run until it succeeds or fails.
   *
   * @param timeout how long to wait at most
   * @param poll the pause between two reads
   * @return the finished run; its state tells success from failure
   * @throws VigilException STORE_FAILURE when the run is still unfinished after {@code timeout}
   */
  public AirflowDagRun awaitRun(String dagId, String runId, Duration timeout, Duration poll) {
    Instant deadline = Instant.now().plus(timeout);
    String what = "wait for run " + runId + " of DAG " + dagId;
    while (true) {
      AirflowDagRun run = dagRun(dagId, runId);
      if (run.state().isFinished()) {
        return run;
      }
      if (Instant.now().isAfter(deadline)) {
        throw AirflowErrors.timedOut(what, run.state().apiName(), timeout.toSeconds());
      }
      try {
        Thread.sleep(poll.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw AirflowErrors.timedOut(what + " (interrupted)", run.state().apiName(),
            Duration.between(deadline.minus(timeout), Instant.now()).toSeconds());
      }
    }
  }

  @Override
  public String toString() {
    return "AirflowClient[" + base + (username != null ? ", user " + username : ", token") + "]";
  }

  // --- HTTP -------------------------------------------------------------------------------------

  private JsonNode send(String method, String path, JsonNode body, String action) {
    return send(method, path, body, action, true);
  }

  private JsonNode send(String method, String path, JsonNode body, String action, boolean authenticated) {
    HttpResponse<String> response = exchange(method, path, body, action, authenticated);
    if (response.statusCode() == 401 && authenticated && password != null) {
      token = null; // expired: log in again, once
      response = exchange(method, path, body, action, true);
    }
    if (response.statusCode() / 100 != 2) {
      throw AirflowErrors.answered(action, base, response.statusCode(), detail(response.body()));
    }
    try {
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (JsonProcessingException e) {
      throw AirflowErrors.unreadable(action, base, e);
    }
  }

  private HttpResponse<String> exchange(String method, String path, JsonNode body, String action,
      boolean authenticated) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .timeout(REQUEST_TIMEOUT)
        .header("Accept", "application/json");
    if (authenticated) {
      request.header("Authorization", "Bearer " + token(action));
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw AirflowErrors.unreachable(action, base, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw AirflowErrors.unreachable(action, base, e);
    }
  }

  private synchronized String token(String action) {
    if (token == null) {
      ObjectNode credentials = JSON.createObjectNode().put("username", username).put("password", password);
      HttpResponse<String> response = exchange("POST", "/auth/token", credentials, action, false);
      if (response.statusCode() / 100 != 2) {
        throw AirflowErrors.answered(action, base, response.statusCode(),
            response.statusCode() == 401 ? "" : detail(response.body()));
      }
      try {
        JsonNode accessToken = JSON.readTree(response.body()).path("access_token");
        if (!accessToken.isTextual()) {
          throw new IOException("no access_token in the answer of /auth/token");
        }
        token = accessToken.asText();
      } catch (IOException e) {
        throw AirflowErrors.unreadable(action, base, e);
      }
    }
    return token;
  }

  /** Airflow's error detail: a string, or FastAPI's list of validation errors. */
  private static String detail(String body) {
    try {
      JsonNode detail = JSON.readTree(body).path("detail");
      if (detail.isTextual()) {
        return detail.asText();
      }
      if (detail.isArray()) {
        List<String> messages = new ArrayList<>();
        detail.forEach(d -> messages.add(d.path("loc").toString() + " " + d.path("msg").asText()));
        return String.join("; ", messages);
      }
      return detail.isMissingNode() ? body : detail.toString();
    } catch (JsonProcessingException e) {
      return body;
    }
  }

  private static String runPath(String dagId, String runId) {
    return "/api/v2/dags/" + segment(dagId) + "/dagRuns/" + segment(runId);
  }

  private static String segment(String value) {
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("A DAG or run id must not be empty");
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  // --- JSON to records --------------------------------------------------------------------------

  private static AirflowDag dag(JsonNode d) {
    List<String> tags = new ArrayList<>();
    d.path("tags").forEach(t -> tags.add(t.isTextual() ? t.asText() : t.path("name").asText()));
    tags.sort(null);
    return new AirflowDag(d.path("dag_id").asText(), d.path("is_paused").asBoolean(), d.path("is_stale").asBoolean(),
        d.path("has_import_errors").asBoolean(), d.path("fileloc").asText(null), tags);
  }

  private AirflowDagRun run(JsonNode r, String action) {
    try {
      Map<String, Object> conf = r.path("conf").isObject() ? JSON.convertValue(r.path("conf"), MAP) : Map.of();
      return new AirflowDagRun(r.path("dag_id").asText(), r.path("dag_run_id").asText(), instant(r, "logical_date"),
          instant(r, "data_interval_start"), instant(r, "data_interval_end"),
          DagRunState.of(r.path("state").asText()), r.path("run_type").asText(null), instant(r, "start_date"),
          instant(r, "end_date"), conf);
    } catch (RuntimeException e) {
      throw AirflowErrors.unreadable(action, base, e);
    }
  }

  private AirflowTaskInstance taskInstance(JsonNode t, String action) {
    try {
      JsonNode state = t.path("state");
      return new AirflowTaskInstance(t.path("task_id").asText(),
          state.isTextual() ? state.asText() : AirflowTaskInstance.NONE, t.path("try_number").asInt(0),
          t.path("max_tries").asInt(0), instant(t, "start_date"), instant(t, "end_date"));
    } catch (RuntimeException e) {
      throw AirflowErrors.unreadable(action, base, e);
    }
  }

  private static Instant instant(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() ? OffsetDateTime.parse(value.asText()).toInstant() : null;
  }
}
