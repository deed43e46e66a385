package io.vigil.bench;

import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.risk.Risk;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.decisioning.Decisioning;
import io.vigil.runtime.decisioning.Distribution;
import io.vigil.runtime.decisioning.DistributionResult;
import io.vigil.runtime.decisioning.IdentifyResult;
import io.vigil.runtime.delivery.HttpDelivery;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.delivery.ReceiverStats;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;

/**
 * One distribution measurement in its own JVM (started by {@link DistributionBenchmark}): an
 * embedded Postgres, the solution template with its case-manager target, {@code alerts} records
 * of one date that each raise one alert through identify_risks, then Vigil's distribution to a
 * {@link LocalReceiver} on other threads of this JVM that answers 503 to every fifth request and
 * takes 20 ms for each request it stores, a second distribution that must send nothing, and the
 * usual alternative: a plain sequential loop POSTing the same batches with {@code java.net.http},
 * marking each delivered batch on one connection, to a fresh receiver that fails the same way.
 * Prints {@code RESULT <key> <value>}.
 *
 * <p>Arguments: alerts, batch size, parallelism, max attempts, work directory, template directory.
 */
public final class DistributionProbe {
  static final LocalDateTime DATE = LocalDateTime.of(2024, 1, 31, 0, 0);
  static final Duration LATENCY = Duration.ofMillis(20);
  static final double FAIL_FRACTION = 0.2;
  /** The first retry waits this long, doubling up to {@link #MAX_DELAY}: a case manager that sheds load recovers fast. */
  static final Duration INITIAL_DELAY = Duration.ofMillis(20);
  static final Duration MAX_DELAY = Duration.ofMillis(500);
  private static final String USER = "cm-user";
  private static final String PASSWORD = "cm-bench-5521";

  private DistributionProbe() {}

  public static void main(String[] args) throws Exception {
    int alerts = Integer.parseInt(args[0]);
    int batchSize = Integer.parseInt(args[1]);
    int parallelism = Integer.parseInt(args[2]);
    int attempts = Integer.parseInt(args[3]);
    Path work = Path.of(args[4]);
    Solution solution = SolutionLoader.load(Path.of(args[5]));
    if (!solution.isComplete() || !solution.loadProblems().isEmpty()) {
      throw new IllegalStateException("Cannot load the solution template " + args[5] + ": " + solution.loadProblems());
    }
    List<SolutionCatalog.Entry> entries = new ArrayList<>();
    for (var e : solution.entities()) {
      if (e.entity() instanceof AlertDistributionTarget t && t.identifier().equals("case_manager")) {
        // The template's target as it is, but with the benchmark's attempts and delays (the template waits 2 s first).
        RetryPolicy retry = t.retryPolicy().toBuilder().maxAttempts(attempts).initialDelay(INITIAL_DELAY).maxDelay(MAX_DELAY).build();
        entries.add(new SolutionCatalog.Entry(t.toBuilder().retryPolicy(retry).build(), e.domain()));
      } else {
        entries.add(new SolutionCatalog.Entry(e.entity(), e.domain()));
      }
    }
    SolutionCatalog catalog = new SolutionCatalog(solution.manifest(), entries, solution.jobs());
    List<Risk> risks = catalog.all(EntityKind.RISK, Risk.class);
    EvaluationFlow flow = catalog.evaluationFlow(DecisioningRisks.FLOW);

    StoreSettings settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", work.toString(), "VIGIL_USER", "ops",
        "VIGIL_ROLES", "manager"));
    Stores stores = Stores.open(settings);
    try {
      StoreSettings live = stores.settings();
      String schema = new Layout(catalog.solution(), live.warehouseRoot()).cddSchema(Environment.PUBLIC);
      CddTable evaluated = CddTables.evaluatedActivities(schema, flow, catalog.dataset(flow.inputDataset()), risks);
      CddTable alertsTable = CddTables.alerts(schema, flow);
      stores.postgres().withConnection(c -> {
        create(c, schema, evaluated, CddTables.activity(schema, flow, risks), CddTables.overrides(schema, flow), alertsTable);
        load(c, evaluated, alerts);
        return null;
      });
      try (JobContext context = context(catalog, live, "http://127.0.0.1:9/unused")) {
        IdentifyResult decided = Decisioning.identifyRisks(context, DecisioningRisks.FLOW);
        long raised = decided.risks().stream().mapToLong(r -> r.alerted()).sum();
        if (raised != alerts) {
          throw new IllegalStateException("identify_risks raised " + raised + " alerts, not " + alerts);
        }
      }

      try (LocalReceiver receiver = receiver()) {
        DistributionResult result;
        long t = System.nanoTime();
        try (JobContext context = context(catalog, live, receiver.url().toString())) {
          result = Distribution.distributeAlertedActivities(context, DecisioningRisks.FLOW, "case_manager", null, null, false, batchSize,
              parallelism);
        }
        double seconds = seconds(t);
        ReceiverStats stats = receiver.stats();
        report("vigil_s", seconds);
        report("vigil_alerts_per_s", result.sent() / seconds);
        report("vigil_sent", result.sent());
        report("vigil_batches", result.batches());
        report("vigil_requests", stats.requests());
        report("vigil_retries", stats.requests() - result.batches());
        report("vigil_received", stats.itemsReceived());
        report("vigil_distinct", stats.distinctItems());
        report("vigil_duplicates", stats.duplicates());
        report("vigil_marked", count(stores, "select count(*) from " + alertsTable.qualifiedName() + " where distributed_on is not null"));

        try (JobContext context = context(catalog, live, receiver.url().toString())) {
          DistributionResult again = Distribution.distributeAlertedActivities(context, DecisioningRisks.FLOW, "case_manager", null, null,
              false, batchSize, parallelism);
          report("second_run_pending", again.pending());
          report("second_run_sent", again.sent());
        }
        report("second_run_requests", receiver.stats().requests() - stats.requests());
      }

      try (LocalReceiver receiver = receiver()) {
        long t = System.nanoTime();
        long[] counts = plainLoop(stores, alertsTable, receiver.url(), batchSize, attempts);
        double seconds = seconds(t);
        ReceiverStats stats = receiver.stats();
        report("plain_s", seconds);
        report("plain_alerts_per_s", counts[0] / seconds);
        report("plain_sent", counts[0]);
        report("plain_batches", counts[1]);
        report("plain_requests", stats.requests());
        report("plain_retries", stats.requests() - counts[1]);
        report("plain_received", stats.itemsReceived());
        report("plain_distinct", stats.distinctItems());
        report("plain_duplicates", stats.duplicates());
      }
    } finally {
      stores.close();
    }
  }

  private static LocalReceiver receiver() {
    // Enough handler threads that the receiver is never what limits four parallel requests.
    return LocalReceiver.builder().expectBasic(USER, PASSWORD).latency(LATENCY).failFraction(FAIL_FRACTION).threads(16).start();
  }

  private static JobContext context(SolutionCatalog catalog, StoreSettings settings, String url) {
    return JobContext.builder(catalog).settings(settings).executionDate(DATE).environment(Environment.PUBLIC).writer("aml.Decide")
        .secrets(new SecretResolver(Map.of("CASE_MANAGER_URL", url, "CASE_MANAGER_USER", USER, "CASE_MANAGER_PASSWORD", PASSWORD)))
        .open();
  }

  private static void create(Connection c, String schema, CddTable... tables) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + CddTable.quote(schema) + " cascade");
      s.execute("create schema " + CddTable.quote(schema));
      for (CddTable table : tables) {
        for (String sql : table.createStatements()) {
          s.execute(sql);
        }
      }
    }
  }

  /** {@code n} records of distinct accounts that each raise the template's high_volume alert, and nothing else. */
  private static void load(Connection c, CddTable evaluated, int n) throws SQLException {
    StringBuilder csv = new StringBuilder();
    String date = Timestamp.valueOf(DATE).toString();
    for (int i = 0; i < n; i++) {
      csv.append("ac").append(String.format("%07d", i)).append(",2024-01-01 00:00:00,").append(20 + i % 50).append(',')
          .append(60_000 + i).append(",5000,").append(i % 5).append(',').append(i).append(',').append(date).append(',').append(date)
          .append(",0.9\n");
    }
    try {
      c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + evaluated.qualifiedName() + " (account_id, month, tx_count,"
          + " sum_amount, max_amount, cash_withdrawals, tr_id, tr_timestamp, tr_job_ts, algo_score) from stdin with (format csv)",
          new StringReader(csv.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The usual alternative: read the alerts' payloads, POST them in batches one after the other,
   * retrying a failed batch after the same doubling delay, and mark each delivered batch on one
   * connection. Returns the alerts sent and the batches.
   */
  private static long[] plainLoop(Stores stores, CddTable alerts, URI url, int batchSize, int attempts) throws Exception {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    String authorization = "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    try (Connection c = stores.postgres().connect()) {
      List<String> ids = new ArrayList<>();
      List<String> payloads = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("select alert_id, payload::text from " + alerts.qualifiedName()
          + " where not suppressed order by tr_job_ts, alert_id");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getString(1));
          payloads.add(rs.getString(2));
        }
      }
      long sent = 0;
      long batches = 0;
      try (PreparedStatement mark = c.prepareStatement("update " + alerts.qualifiedName()
          + " set distributed_on = now(), distribution_target = 'case_manager' where alert_id = any(?)")) {
        for (int from = 0; from < payloads.size(); from += batchSize) {
          int to = Math.min(payloads.size(), from + batchSize);
          String body = "[" + String.join(",", payloads.subList(from, to)) + "]";
          HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json")
              .header("Authorization", authorization).header(HttpDelivery.IDEMPOTENCY_KEY, ids.get(from))
              .POST(HttpRequest.BodyPublishers.ofString(body)).build();
          long delay = INITIAL_DELAY.toMillis();
          for (int attempt = 1; ; attempt++) {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            if (status / 100 == 2) {
              break;
            }
            if (attempt >= attempts) {
              throw new IllegalStateException("Cannot deliver a batch in the plain loop: status " + status + " after " + attempt
                  + " attempts");
            }
            Thread.sleep(delay);
            delay = Math.min(MAX_DELAY.toMillis(), delay * 2);
          }
          mark.setArray(1, c.createArrayOf("text", ids.subList(from, to).toArray()));
          mark.executeUpdate();
          sent += to - from;
          batches++;
        }
      }
      return new long[] {sent, batches};
    }
  }

  private static long count(Stores stores, String sql) {
    return stores.postgres().withConnection(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  private static void report(String key, double value) {
    IdentifyRisksProbe.report(key, value);
  }
}
