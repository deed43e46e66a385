package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.runtime.store.EmbeddedStack;
import io.vigil.testing.mlflow.MlflowServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil demo} against a real MLflow tracking server, then the exploration notebook executed
 * by {@code jupyter nbconvert} on the JJava kernel against the demo's data. The demo runs once for
 * the class (about two minutes): its DAG runs must show up in MLflow as one run per task and
 * execution date, with the metrics vigil_meta recorded and counts that add up to the CDD tables.
 */
class DemoWithMlflowAndNotebookTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SOLUTION = "aml_monthly";
  private static final String EXPERIMENT = SOLUTION + ".aml_monthly";
  private static final List<String> TASKS = List.of("upload", "dataprep", "publish", "train", "evaluate", "decide", "distribute");
  private static final List<String> DATES = List.of("1995-02-01", "1995-03-01");
  private static final List<String> CDD_TABLES = List.of("district", "account", "transaction", "account_monthly");
  /** A Postgres password in the environment the demo and the notebook get: it must never come out. */
  private static final String PG_PASSWORD = "pg-canary-" + HexFormat.of().formatHex(new SecureRandom().generateSeed(8));

  private static final String USER = "analyst";

  @TempDir static Path root;
  static Path venv;
  static MlflowServer mlflow;
  static Path home;
  static Cli.Result demo;
  static String s3Secret;
  /** vigil_meta.job_metrics per vigil run id. */
  static final Map<String, Map<String, Double>> recorded = new HashMap<>();
  static final Map<String, Long> cdd = new HashMap<>();
  /** Per risk: alerts raised, suppressed, and marked distributed. */
  static final Map<String, long[]> alerts = new TreeMap<>();
  /** What the real-time part stored: transactions, evaluated records, alerts, records with an unsuppressed alert. */
  static long[] realtime;
  /** The alerted-activity nodes of the accounts graph, and the alerts of the batch flow. */
  static long alertNodes;
  static long batchAlerts;

  @BeforeAll
  static void runTheDemoAgainstMlflow() throws Exception {
    venv = BuildVenv.require();
    long t0 = System.nanoTime();
    mlflow = MlflowServer.start(venv, root.resolve("mlflow"));
    long t1 = System.nanoTime();
    home = root.resolve("demo");
    Map<String, String> env = new HashMap<>();
    env.put("VIGIL_HOME", root.resolve("vigil-home").toString());
    env.put("MLFLOW_TRACKING_URI", mlflow.url().toString());
    env.put("VIGIL_PG_PASSWORD", PG_PASSWORD);
    // The demo's sync provisions the PRIVATE sandbox of this user, who then explores in the notebook.
    env.put("VIGIL_USER", USER);
    demo = Cli.run(env, "demo", "--home", home.toString());
    assertThat(demo.code()).as("vigil demo failed:\n%s\nMLflow server log:\n%s", demo.all(), mlflow.logTail()).isZero();
    long t2 = System.nanoTime();
    s3Secret = Files.readString(home.resolve("stack/secrets/s3-secret-key"), StandardCharsets.UTF_8).strip();
    // The demo stopped its stack: start it again on the same data to read what the runs recorded.
    try (EmbeddedStack stack = EmbeddedStack.start(home.resolve("stack"));
        Connection c = DriverManager.getConnection(stack.pgUrl(), "postgres", "");
        Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery("select r.run_id, m.name, m.value from vigil_meta.job_runs r"
          + " left join vigil_meta.job_metrics m on m.run_id = r.run_id where r.solution = '" + SOLUTION + "'")) {
        while (rs.next()) {
          Map<String, Double> metrics = recorded.computeIfAbsent(rs.getString(1), k -> new TreeMap<>());
          if (rs.getString(2) != null) {
            metrics.put(rs.getString(2), rs.getDouble(3));
          }
        }
      }
      try (ResultSet rs = s.executeQuery("select risk_identifier, count(*) filter (where not suppressed),"
          + " count(*) filter (where suppressed), count(*) filter (where distributed_on is not null) from " + SOLUTION
          + "_public.alerts_account_month group by risk_identifier")) {
        while (rs.next()) {
          alerts.put(rs.getString(1), new long[] {rs.getLong(2), rs.getLong(3), rs.getLong(4)});
        }
      }
      for (String table : CDD_TABLES) {
        // The transactions the demo sent in real time come after the batch runs and the counts it printed for them.
        try (ResultSet rs = s.executeQuery("select count(*) from " + SOLUTION + "_public." + table
            + (table.equals("transaction") ? " where trans_id not like 'rt-%'" : ""))) {
          rs.next();
          cdd.put(table, rs.getLong(1));
        }
      }
      try (ResultSet rs = s.executeQuery("select (select count(*) from " + SOLUTION + "_public.transaction where trans_id like 'rt-%'),"
          + " (select count(*) from " + SOLUTION + "_public.transaction_check),"
          + " (select count(*) from " + SOLUTION + "_public.alerts_transaction_check),"
          + " (select count(distinct tr_id) from " + SOLUTION + "_public.alerts_transaction_check where not suppressed)")) {
        rs.next();
        realtime = new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)};
      }
      try (ResultSet rs = s.executeQuery("select (select count(distinct id) from " + SOLUTION
          + "_public.accounts_nodes where node_type = 'AL'), (select count(*) from " + SOLUTION + "_public.alerts_account_month)")) {
        rs.next();
        alertNodes = rs.getLong(1);
        batchAlerts = rs.getLong(2);
      }
    }
    System.out.printf("mlflow server up in %d s, vigil demo in %d s%n", Duration.ofNanos(t1 - t0).toSeconds(),
        Duration.ofNanos(t2 - t1).toSeconds());
  }

  @AfterAll
  static void stopMlflow() {
    if (mlflow != null) {
      mlflow.close();
    }
  }

  @Test
  void everyTaskRunOfBothExecutionDatesIsAnMlflowRunWithItsParams() throws Exception {
    JsonNode experiment = mlflow.get("experiments/get-by-name", Map.of("experiment_name", EXPERIMENT));
    assertThat(experiment).as("experiment %s", EXPERIMENT).isNotNull();
    assertThat(experiment.at("/experiment/lifecycle_stage").asText()).isEqualTo("active");

    List<JsonNode> runs = mlflow.runs(experiment.at("/experiment/experiment_id").asText());
    assertThat(runs).hasSize(TASKS.size() * DATES.size());
    assertThat(runs.stream().map(r -> params(r).get("task") + "@" + params(r).get("execution_date")).sorted())
        .containsExactlyInAnyOrderElementsOf(TASKS.stream()
            .flatMap(t -> DATES.stream().map(d -> t + "@" + d + "T00:00:00")).toList());
    String bundle = params(runs.get(0)).get("bundle");
    assertThat(bundle).matches("[0-9a-f]{40}");
    for (JsonNode run : runs) {
      Map<String, String> params = params(run);
      String task = params.get("task");
      assertThat(run.at("/info/run_name").asText()).isEqualTo(task);
      assertThat(run.at("/info/status").asText()).as("status of %s", task).isEqualTo("FINISHED");
      assertThat(params).containsEntry("dag", "aml_monthly")
          .containsEntry("job", "aml." + Character.toUpperCase(task.charAt(0)) + task.substring(1))
          .containsEntry("bundle", bundle);
      assertThat(recorded).as("vigil_meta.job_runs").containsKey(tags(run).get("vigil.run_id"));
    }
    assertThat(recorded).hasSize(runs.size());
  }

  @Test
  void metricsAreTheRecordedOnesAndAddUpToTheCdd() throws Exception {
    Map<String, JsonNode> runs = runsByTaskAndDate();
    for (JsonNode run : runs.values()) {
      assertThat(metrics(run)).as("metrics of %s", params(run)).isEqualTo(recorded.get(tags(run).get("vigil.run_id")));
    }
    String feb = DATES.get(0);
    String mar = DATES.get(1);
    for (String date : DATES) {
      Map<String, Double> upload = metrics(runs.get("upload@" + date));
      assertThat(upload).containsEntry("districts-files", 1.0).containsEntry("accounts-files", 1.0)
          .containsEntry("transactions-files", 1.0).containsKeys("district-written_rows", "account-written_rows");
      assertThat(upload.get("transaction-written_rows")).isGreaterThan(1000.0);
      assertThat(metrics(runs.get("dataprep@" + date)).get("account_monthly-written_rows")).isPositive();
      Map<String, Double> publish = metrics(runs.get("publish@" + date));
      assertThat(publish.keySet()).containsExactlyInAnyOrderElementsOf(CDD_TABLES.stream().map(t -> t + "-published_rows").toList());
      // Each month's transactions are published as they were written; account_monthly likewise.
      assertThat(publish.get("transaction-published_rows")).isEqualTo(upload.get("transaction-written_rows"));
      assertThat(publish.get("account_monthly-published_rows"))
          .isEqualTo(metrics(runs.get("dataprep@" + date)).get("account_monthly-written_rows"));
    }
    // APPEND datasets accumulate in the CDD; OVERWRITE ones hold the latest view.
    assertThat(cdd.get("transaction")).isEqualTo(sum(runs, "upload", "transaction-written_rows")).isPositive();
    assertThat(cdd.get("transaction")).isEqualTo(sum(runs, "publish", "transaction-published_rows"));
    assertThat(cdd.get("account_monthly")).isEqualTo(sum(runs, "dataprep", "account_monthly-written_rows"));
    assertThat(cdd.get("account_monthly")).isEqualTo(sum(runs, "publish", "account_monthly-published_rows"));
    assertThat(cdd.get("account")).isEqualTo(metrics(runs.get("publish@" + mar)).get("account-published_rows").longValue());
    assertThat(cdd.get("district")).isEqualTo(metrics(runs.get("publish@" + mar)).get("district-published_rows").longValue());
    assertThat(metrics(runs.get("upload@" + feb)).get("district-written_rows").longValue()).isEqualTo(cdd.get("district"));

    // The demo's summary prints the same counts per run.
    Matcher line = Pattern.compile("run (\\w+)\\s+(\\S+):\\s+(\\d+) written,\\s+(\\d+) rejected,\\s+(\\d+) published").matcher(demo.out());
    int lines = 0;
    while (line.find()) {
      Map<String, Double> m = metrics(runs.get(line.group(1) + "@" + line.group(2)));
      assertThat(Long.parseLong(line.group(3))).as(line.group()).isEqualTo(sumOf(m, "-written_rows"));
      assertThat(Long.parseLong(line.group(4))).as(line.group()).isEqualTo(sumOf(m, "-rejected_rows"));
      assertThat(Long.parseLong(line.group(5))).as(line.group()).isEqualTo(sumOf(m, "-published_rows"));
      lines++;
    }
    assertThat(lines).as(demo.out()).isEqualTo(runs.size());
    for (String table : CDD_TABLES) {
      assertThat(demo.out()).containsPattern("Postgres " + SOLUTION + "_public\\." + table + "\\s+" + cdd.get(table) + " rows");
    }
  }

  @Test
  void theAlertsOfBothMonthsReachTheInvestigationQueueOnceEach() {
    assertThat(alerts).as(demo.out()).isNotEmpty();
    long raised = 0;
    for (Map.Entry<String, long[]> risk : alerts.entrySet()) {
      long[] n = risk.getValue();
      assertThat(n[2]).as("every new alert of %s is distributed, no suppressed one", risk.getKey()).isEqualTo(n[0]);
      assertThat(demo.out()).containsPattern(risk.getKey() + "\\s+" + n[0] + " alerts,\\s+" + n[1] + " suppressed,\\s+" + n[0]
          + " distributed");
      raised += n[0];
    }
    assertThat(demo.out()).containsPattern("Investigation queue \\S+: " + raised + " alerts received in \\d+ requests, 0 duplicates");
  }

  @Test
  void theDemoDrawsAnAlertedAccountAndListsItsMonitoringReports() throws Exception {
    assertThat(alertNodes).as("the decide task puts every alert of the batch flow into the graph").isEqualTo(batchAlerts).isPositive();
    Matcher ego = Pattern.compile("Ego graph of alerted account (\\S+) \\(2 hops, vigil graph show\\): (\\S+)").matcher(demo.out());
    assertThat(ego.find()).as(demo.out()).isTrue();
    Path page = Path.of(ego.group(2));
    assertThat(page).isEqualTo(home.resolve("ego.html"));
    org.w3c.dom.Document doc = javax.xml.parsers.DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(page.toFile());
    org.w3c.dom.NodeList groups = doc.getElementsByTagName("g");
    int nodes = 0;
    for (int i = 0; i < groups.getLength(); i++) {
      if (List.of(((org.w3c.dom.Element) groups.item(i)).getAttribute("class").split(" ")).contains("node")) {
        nodes++;
      }
    }
    assertThat(nodes).as("the account and at least its alert").isGreaterThanOrEqualTo(2);
    assertThat(Files.readString(page)).contains(ego.group(1));
    for (String kind : List.of("data_upload", "alert_volume", "model_update")) {
      assertThat(demo.out()).containsPattern("\\./vigil reports open reports/" + kind + "/\\S+\\.html --out " + kind + "\\.html");
    }
  }

  @Test
  void theRealtimeFlowAnsweredAThousandTransactionsAndStoredThemWithTheirAlerts() {
    assertThat(realtime[0]).as(demo.out()).isEqualTo(1000);
    assertThat(realtime[1]).isEqualTo(1000);
    Matcher answered = Pattern.compile("1000 of 1000 answered, latency p50 ([0-9.]+) ms, p99 ([0-9.]+) ms").matcher(demo.out());
    assertThat(answered.find()).as(demo.out()).isTrue();
    assertThat(Double.parseDouble(answered.group(1))).isPositive().isLessThanOrEqualTo(Double.parseDouble(answered.group(2)));
    assertThat(realtime[2]).as("the cash-heavy Berka accounts raise real-time alerts").isPositive();
    assertThat(demo.out()).contains(realtime[3] + " matches, " + realtime[2] + " alerts (suppressed ones included)")
        .contains("server stopped").contains("docs/realtime.md");
  }

  @Test
  void noCredentialReachesMlflowOrTheDemoOutput() throws Exception {
    JsonNode experiment = mlflow.get("experiments/get-by-name", Map.of("experiment_name", EXPERIMENT));
    List<JsonNode> runs = mlflow.runs(experiment.at("/experiment/experiment_id").asText());
    assertThat(runs).isNotEmpty();
    String everything = experiment + "\n" + runs.stream().map(JsonNode::toString).collect(Collectors.joining("\n"));
    assertThat(s3Secret).hasSizeGreaterThan(20);
    assertThat(everything).doesNotContain(s3Secret).doesNotContain(PG_PASSWORD);
    assertThat(demo.all()).doesNotContain(s3Secret).doesNotContain(PG_PASSWORD);
  }

  @Test
  void explorationNotebookRunsOnTheDemoDataInAPrivateSandbox() throws Exception {
    Path notebooks = Path.of(System.getProperty("vigil.notebooks", "../examples/notebooks"));
    Path source = notebooks.resolve("explore-aml-monthly.ipynb").toAbsolutePath().normalize();
    Path dir = Files.createDirectories(root.resolve("notebook"));
    Path executed = dir.resolve("explore-aml-monthly.ipynb");
    Path log = dir.resolve("nbconvert.log");
    ProcessBuilder pb = new ProcessBuilder(venv.resolve("bin/jupyter").toString(), "nbconvert", "--to", "notebook", "--execute",
        // --allow-errors: a failing cell still fails the test below, with its exception rather than kernel frames.
        "--allow-errors", "--ExecutePreprocessor.kernel_name=java", "--ExecutePreprocessor.timeout=900", "--output", executed.toString(),
        source.toString())
        .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("VIGIL_") || k.startsWith("JJAVA_") || k.startsWith("MLFLOW_"));
    Path javaBin = Path.of(ProcessHandle.current().info().command().orElse("java")).getParent();
    env.put("PATH", (javaBin != null ? javaBin + ":" : "") + venv.resolve("bin") + ":" + env.getOrDefault("PATH", "/usr/bin:/bin"));
    env.put("JUPYTER_RUNTIME_DIR", dir.resolve("runtime").toString());
    env.put("PYTHONDONTWRITEBYTECODE", "1");
    env.put("VIGIL_DEMO", home.toString());
    env.put("VIGIL_USER", USER);
    // Credentials as a user's environment would hold them: none may show up in the outputs.
    env.put("VIGIL_PG_PASSWORD", PG_PASSWORD);
    env.put("VIGIL_S3_SECRET_KEY", s3Secret);
    env.put("JJAVA_CLASSPATH", System.getProperty("java.class.path"));
    env.put("JJAVA_JVM_OPTS", jvmFlags() + " -Xmx2g -Djava.net.preferIPv4Stack=true");
    env.put("JJAVA_TIMEOUT", "600000");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");

    long t0 = System.nanoTime();
    Process nbconvert = pb.start();
    boolean finished = nbconvert.waitFor(20, TimeUnit.MINUTES);
    if (!finished) {
      nbconvert.descendants().forEach(ProcessHandle::destroyForcibly);
      nbconvert.destroyForcibly();
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertThat(finished).as("nbconvert did not finish in 20 minutes:\n%s", output).isTrue();
    assertThat(nbconvert.exitValue()).as("nbconvert failed:\n%s", output).isZero();
    System.out.printf("notebook executed in %d s%n", Duration.ofNanos(System.nanoTime() - t0).toSeconds());

    JsonNode notebook = JSON.readTree(executed.toFile());
    List<String> errors = new ArrayList<>();
    StringBuilder stdout = new StringBuilder();
    StringBuilder stderr = new StringBuilder();
    int codeCells = 0;
    for (JsonNode cell : notebook.path("cells")) {
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      codeCells++;
      assertThat(cell.path("execution_count").isInt()).as("cell %s ran", cell.path("source")).isTrue();
      for (JsonNode out : cell.path("outputs")) {
        switch (out.path("output_type").asText()) {
          case "error" -> errors.add(out.path("ename").asText() + ": " + out.path("evalue").asText() + "\n    in cell:\n"
              + text(cell.path("source")));
          case "stream" -> ("stderr".equals(out.path("name").asText()) ? stderr : stdout).append(text(out.path("text")));
          default -> stdout.append(text(out.path("data").path("text/plain")));
        }
      }
    }
    assertThat(codeCells).isGreaterThanOrEqualTo(5);
    assertThat(errors).as("error outputs").isEmpty();
    assertThat(stderr.toString()).as("stderr of the cells").doesNotContain("Exception").doesNotContain(" ERROR ");

    Map<String, JsonNode> runs = runsByTaskAndDate();
    Map<String, Double> uploadFeb = metrics(runs.get("upload@1995-02-01"));
    Map<String, Double> uploadMar = metrics(runs.get("upload@1995-03-01"));
    long monthly = metrics(runs.get("dataprep@1995-03-01")).get("account_monthly-written_rows").longValue();
    String text = stdout.toString();
    assertThat(text).contains("aml.Dataprep [load, aggregate, write]")
        .contains("February transactions: " + uploadMar.get("transaction-written_rows").longValue())
        .containsPattern("1995-02-01 00:00:00\\|" + uploadFeb.get("transaction-written_rows").longValue() + "\\s*\\|")
        .containsPattern("1995-03-01 00:00:00\\|" + uploadMar.get("transaction-written_rows").longValue() + "\\s*\\|")
        .contains("accounts as of January: ")
        .contains("writing to PRIVATE(analyst)")
        .contains("cells: [load, aggregate, write]")
        .contains("transaction PRIVATE(analyst) 1995-03-01T00:00: " + uploadMar.get("transaction-written_rows").longValue() + " in")
        .contains("name=load", "name=aggregate", "name=write")
        .doesNotContain("error=java", "error=io.", "error=org.")
        // The sandbox holds the notebook's own run; PUBLIC still holds exactly what the DAG wrote.
        .contains("private account_monthly rows: " + monthly + ", public: " + monthly);
    String whole = Files.readString(executed, StandardCharsets.UTF_8);
    assertThat(whole).doesNotContain(s3Secret).doesNotContain(PG_PASSWORD);
  }

  private static String jvmFlags() throws java.io.IOException {
    String flags = System.getProperty("vigil.jvm.flags");
    if (flags != null && !flags.isBlank()) {
      return flags;
    }
    // Outside Maven: the flags the launcher uses, written by the build.
    return Files.readString(Path.of("target/jvm-flags.txt")).strip();
  }

  private static Map<String, JsonNode> runsByTaskAndDate() throws Exception {
    JsonNode experiment = mlflow.get("experiments/get-by-name", Map.of("experiment_name", EXPERIMENT));
    assertThat(experiment).as("experiment %s", EXPERIMENT).isNotNull();
    Map<String, JsonNode> out = new HashMap<>();
    for (JsonNode run : mlflow.runs(experiment.at("/experiment/experiment_id").asText())) {
      Map<String, String> p = params(run);
      assertThat(out.put(p.get("task") + "@" + p.get("execution_date").substring(0, 10), run)).as("duplicate run %s", p).isNull();
    }
    return out;
  }

  private static Map<String, String> params(JsonNode run) {
    return keyValues(run.at("/data/params"));
  }

  private static Map<String, String> tags(JsonNode run) {
    return keyValues(run.at("/data/tags"));
  }

  private static Map<String, Double> metrics(JsonNode run) {
    assertThat(run).as("MLflow run").isNotNull();
    Map<String, Double> out = new TreeMap<>();
    run.at("/data/metrics").forEach(m -> out.put(m.path("key").asText(), m.path("value").asDouble()));
    return out;
  }

  private static Map<String, String> keyValues(JsonNode list) {
    Map<String, String> out = new TreeMap<>();
    list.forEach(kv -> out.put(kv.path("key").asText(), kv.path("value").asText()));
    return out;
  }

  private static long sum(Map<String, JsonNode> runs, String task, String metric) {
    return DATES.stream().mapToLong(d -> metrics(runs.get(task + "@" + d)).getOrDefault(metric, 0.0).longValue()).sum();
  }

  private static long sumOf(Map<String, Double> metrics, String suffix) {
    return metrics.entrySet().stream().filter(e -> e.getKey().endsWith(suffix)).mapToLong(e -> e.getValue().longValue()).sum();
  }

  private static String text(JsonNode node) {
    if (node.isArray()) {
      StringBuilder b = new StringBuilder();
      node.forEach(n -> b.append(n.asText()));
      return b.toString();
    }
    return node.asText("");
  }
}
