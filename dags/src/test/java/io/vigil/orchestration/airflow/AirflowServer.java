package io.vigil.orchestration.airflow;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

/**
 * A real Airflow 3 from the build-local venv, on a free loopback port, with its home, SQLite
 * database and DAGs folder in a temporary directory: {@code airflow db migrate}, then the
 * api-server, the scheduler (LocalExecutor) and the DAG processor. {@link #close()} stops them and
 * their children and deletes the directory.
 */
public final class AirflowServer implements AutoCloseable {
  public static final String USER = "vigil";

  private final Path venv;
  private final Path root;
  private final Path dags;
  private final int port;
  private final String password;
  private final Map<String, String> env = new HashMap<>();
  private final List<Process> processes = new ArrayList<>();

  private AirflowServer(Path venv, Path root) throws IOException {
    this.venv = venv;
    this.root = root;
    this.dags = Files.createDirectories(root.resolve("dags"));
    this.port = freePort();
    byte[] random = new byte[16];
    new SecureRandom().nextBytes(random);
    this.password = HexFormat.of().formatHex(random);
  }

  /** The venv the build made (system property {@code vigil.venv}), or null when it is missing. */
  public static Path venv() {
    String configured = System.getProperty("vigil.venv");
    Path venv = configured != null ? Path.of(configured) : Path.of("..", ".venv");
    return Files.isExecutable(venv.resolve("bin/airflow")) ? venv.toAbsolutePath().normalize() : null;
  }

  /** Prepares a home; DAG files go to {@link #dagsFolder()} before {@link #start(Map)}. */
  public static AirflowServer prepare(Path venv) throws IOException {
    return new AirflowServer(venv, Files.createTempDirectory("vigil-airflow-it-"));
  }

  public Path root() {
    return root;
  }

  public Path dagsFolder() {
    return dags;
  }

  public URI url() {
    return URI.create("http://127.0.0.1:" + port);
  }

  public String password() {
    return password;
  }

  /** Starts Airflow with {@code extraEnv} added to every component's environment; returns when it is healthy. */
  public void start(Map<String, String> extraEnv) throws IOException, InterruptedException {
    Path home = Files.createDirectories(root.resolve("home"));
    Path passwords = root.resolve("passwords.json");
    Files.writeString(passwords, "{\"" + USER + "\": \"" + password + "\"}\n");
    byte[] secret = new byte[32];
    new SecureRandom().nextBytes(secret);
    System.getenv().forEach((k, v) -> {
      if (!k.startsWith("AIRFLOW")) {
        env.put(k, v);
      }
    });
    env.put("PATH", venv.resolve("bin") + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("AIRFLOW_HOME", home.toString());
    env.put("AIRFLOW__CORE__DAGS_FOLDER", dags.toString());
    env.put("AIRFLOW__CORE__LOAD_EXAMPLES", "False");
    env.put("AIRFLOW__CORE__EXECUTOR", "LocalExecutor");
    env.put("AIRFLOW__CORE__PARALLELISM", "2");
    env.put("AIRFLOW__DATABASE__SQL_ALCHEMY_CONN", "sqlite:///" + home.resolve("airflow.db"));
    env.put("AIRFLOW__API__HOST", "127.0.0.1");
    env.put("AIRFLOW__API__PORT", Integer.toString(port));
    env.put("AIRFLOW__API__BASE_URL", url().toString());
    env.put("AIRFLOW__API__WORKERS", "1");
    env.put("AIRFLOW__API_AUTH__JWT_SECRET", HexFormat.of().formatHex(secret));
    env.put("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_USERS", USER + ":admin");
    env.put("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE", passwords.toString());
    env.put("AIRFLOW__SCHEDULER__ENABLE_HEALTH_CHECK", "False");
    // The scheduler serves task logs on a port too: a free one, so that several Airflows can run at once.
    env.put("AIRFLOW__LOGGING__WORKER_LOG_SERVER_PORT", Integer.toString(freePort()));
    env.put("AIRFLOW__LOGGING__LOGGING_LEVEL", "INFO");
    env.putAll(extraEnv);

    Process migrate = launch("migrate", "db", "migrate");
    if (!migrate.waitFor(5, TimeUnit.MINUTES) || migrate.exitValue() != 0) {
      throw new IllegalStateException("airflow db migrate failed:\n" + logs());
    }
    processes.remove(migrate);
    launch("api-server", "api-server");
    launch("scheduler", "scheduler");
    launch("dag-processor", "dag-processor");
    AirflowClient probe = AirflowClient.withPassword(url(), USER, password);
    await("Airflow healthy", Duration.ofMinutes(2), () -> {
      try {
        Map<String, String> health = probe.health();
        return "healthy".equals(health.get("metadatabase")) && "healthy".equals(health.get("scheduler"))
            && "healthy".equals(health.get("dag_processor"));
      } catch (RuntimeException e) {
        return false;
      }
    });
  }

  /** What an {@code airflow} CLI command printed, and how it exited. */
  public record CliRun(int exitCode, String output) {}

  /**
   * Runs an {@code airflow} CLI command (e.g. {@code dags test}) with the components' environment,
   * after {@link #start(Map)}; its output also goes to {@code <name>.log} in {@link #root()}.
   */
  public CliRun cli(String name, Duration timeout, String... args) throws IOException, InterruptedException {
    Process process = launch(name, args);
    try {
      if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw new IllegalStateException("airflow " + String.join(" ", args) + " did not finish in " + timeout.toSeconds()
            + " s:\n" + logs());
      }
      return new CliRun(process.exitValue(), Files.readString(root.resolve(name + ".log"), StandardCharsets.UTF_8));
    } finally {
      processes.remove(process);
    }
  }

  /** Polls {@code condition} every half second until it holds, or fails with the components' logs. */
  public void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plus(timeout);
    while (!condition.getAsBoolean()) {
      for (Process p : processes) {
        if (!p.isAlive()) {
          throw new IllegalStateException("An Airflow component exited while waiting for " + what + ":\n" + logs());
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new IllegalStateException("Timed out after " + timeout.toSeconds() + " s waiting for " + what + ":\n"
            + logs());
      }
      Thread.sleep(500);
    }
  }

  /** The last lines of every component's output, for failure messages. */
  public String logs() {
    StringBuilder out = new StringBuilder();
    try (Stream<Path> files = Files.list(root)) {
      for (Path log : files.filter(f -> f.toString().endsWith(".log")).sorted().toList()) {
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        out.append("--- ").append(log.getFileName()).append('\n');
        lines.subList(Math.max(0, lines.size() - 40), lines.size()).forEach(l -> out.append(l).append('\n'));
      }
    } catch (IOException e) {
      out.append("(logs unreadable: ").append(e.getMessage()).append(")");
    }
    return out.toString();
  }

  private Process launch(String name, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(venv.resolve("bin/airflow").toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).directory(root.toFile()).redirectErrorStream(true)
        .redirectOutput(root.resolve(name + ".log").toFile());
    builder.environment().clear();
    builder.environment().putAll(env);
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  @Override
  public void close() {
    List<ProcessHandle> all = new ArrayList<>();
    for (Process p : processes) {
      all.addAll(p.descendants().toList());
      all.add(p.toHandle());
    }
    processes.forEach(Process::destroy);
    for (Process p : processes) {
      try {
        p.waitFor(20, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    processes.clear();
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException | UncheckedIOException e) {
      // best effort: a temp directory left behind is harmless
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
