package io.vigil.testing.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code mlflow server} from the build venv on a free loopback port, with a SQLite backend
 * and its artifact proxy ({@code --serve-artifacts}, MLflow's default) storing files under
 * {@code dir/artifacts}, so runs get {@code mlflow-artifacts:/} artifact roots. A small reader of
 * its REST API (2.0) checks what clients wrote.
 * {@link #close()} stops it and its children.
 */
public final class MlflowServer implements AutoCloseable {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final Path log;
  private final URI url;
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1) // uvicorn rejects the h2c upgrade Java offers on POSTs
      .connectTimeout(Duration.ofSeconds(5)).build();

  private MlflowServer(Process process, Path log, URI url) {
    this.process = process;
    this.log = log;
    this.url = url;
  }

  /**
   * The venv named by the system property {@code vigil.venv} (default {@code ../.venv}); fails, never
   * skips, when it has no {@code bin/mlflow}.
   */
  public static Path requireVenv() {
    String configured = System.getProperty("vigil.venv");
    Path venv = Path.of(configured != null ? configured : "../.venv").toAbsolutePath().normalize();
    if (!Files.isExecutable(venv.resolve("bin/mlflow"))) {
      throw new IllegalStateException("Cannot run the tests against a real MLflow: the build-local venv " + venv
          + " has no bin/mlflow. The dags module creates it (dags/build/venv.sh, run by 'mvn -pl dags"
          + " generate-test-resources' or any build with -am); or point -Dvigil.venv=<dir> at an existing one.");
    }
    return venv;
  }

  /**
   * Starts the server (no authentication: MLflow's basic-auth app needs Flask-WTF, which the venv
   * does not hold) and returns once {@code /health} answers.
   */
  public static MlflowServer start(Path venv, Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir.resolve("artifacts"));
    int port = freePort();
    Path log = dir.resolve("mlflow-server.log");
    List<String> command = List.of(venv.resolve("bin/mlflow").toString(), "server",
        "--backend-store-uri", "sqlite:///" + dir.resolve("mlflow.db"),
        "--artifacts-destination", dir.resolve("artifacts").toString(),
        "--host", "127.0.0.1", "--port", Integer.toString(port), "--workers", "1");
    ProcessBuilder pb = new ProcessBuilder(command)
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("MLFLOW_"));
    env.put("PATH", venv.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    MlflowServer server = new MlflowServer(pb.start(), log, URI.create("http://127.0.0.1:" + port));
    try {
      server.awaitHealthy(Duration.ofMinutes(3));
    } catch (RuntimeException | InterruptedException e) {
      server.close();
      throw e;
    }
    return server;
  }

  public URI url() {
    return url;
  }

  private void awaitHealthy(Duration timeout) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (!process.isAlive()) {
        throw new IllegalStateException("mlflow server exited with " + process.exitValue() + ":\n" + logTail());
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url.resolve("/health")).timeout(Duration.ofSeconds(5)).build(),
            HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("mlflow server not healthy after " + timeout.toSeconds() + " s:\n" + logTail());
      }
      Thread.sleep(500);
    }
  }

  /** GET {@code /api/2.0/mlflow/<path>?<query>}; null on 404. */
  public JsonNode get(String path, Map<String, String> query) throws IOException, InterruptedException {
    StringBuilder q = new StringBuilder();
    query.forEach((k, v) -> q.append(q.length() == 0 ? "?" : "&").append(k).append('=')
        .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
    return send(HttpRequest.newBuilder(url.resolve("/api/2.0/mlflow/" + path + q)).GET());
  }

  /** POST {@code /api/2.0/mlflow/<path>} with a JSON body. */
  public JsonNode post(String path, Object body) throws IOException, InterruptedException {
    return send(HttpRequest.newBuilder(url.resolve("/api/2.0/mlflow/" + path)).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
  }

  private JsonNode send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() == 404) {
      return null;
    }
    if (r.statusCode() != 200) {
      throw new IllegalStateException("MLflow answered " + r.statusCode() + " to " + r.request().uri() + ": " + r.body());
    }
    return JSON.readTree(r.body());
  }

  /** Every run of an experiment (one page is plenty here). */
  public List<JsonNode> runs(String experimentId) throws IOException, InterruptedException {
    JsonNode page = post("runs/search", Map.of("experiment_ids", List.of(experimentId), "max_results", 1000));
    List<JsonNode> out = new ArrayList<>();
    page.path("runs").forEach(out::add);
    return out;
  }

  public String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
    all.add(process.toHandle());
    process.destroy();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
