package io.vigil.runtime.realtime;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.RestConfig;
import io.vigil.api.connector.Source;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.flow.EvaluationType;
import io.vigil.api.flow.RealtimeEvaluation;
import io.vigil.api.risk.AnalysisMethod;
import io.vigil.api.risk.Condition;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.Variable;
import io.vigil.api.risk.VariableType;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.realtime.client.RealtimeAnswer;
import io.vigil.runtime.realtime.client.RealtimeClient;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.Secret;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of the real-time server in the middle of a load, in its own JVM on the embedded stack,
 * then a restart on the same stores: every request that was answered 200 is in the input dataset, the
 * evaluated activities and the activity table; the restarted server serves; and the alerts the killed
 * server stored but had not sent yet reach the case manager, each once after its dedupe.
 */
class RealtimeDurabilityTest {
  static final String SECRET = "durability-secret-3187";
  static final DataSet PAY_TX = DataSet.builder("pay_tx").ingestionMode(IngestionMode.APPEND).realtime(true).publish(true)
      .addField(Field.of("trans_id", DataType.STRING)).addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("amount", DataType.DOUBLE)).addField(Field.of("paid_at", DataType.TIMESTAMP))
      .occurredOnField("paid_at").build();
  static final FlatFileConnector PAY_API = FlatFileConnector.builder("pay_api")
      .source(Source.builder("pay_api", "pay_tx").build()).defaultTargetDatasetName("pay_tx")
      .restConfig(RestConfig.builder().enable(true).build()).build();
  static final EvaluationFlow FLOW = EvaluationFlow.builder("pay_rt").inputDataset("pay_tx").efType(EvaluationType.BUSINESS_RULES)
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null))
      .realtime(RealtimeEvaluation.of("pay_api", "case_manager")).build();
  static final Risk BIG = Risk.builder("big_payment").displayName("Big payment").severity(40).evaluationFlows("pay_rt")
      .analysisMethod(AnalysisMethod.RT_RULE).suppressionPeriodSize(-1)
      .addVariable(Variable.builder("big").datatype(VariableType.BOOLEAN).expression("activity.amount > 100").build())
      .addCondition(Condition.isTrue("big")).build();

  @TempDir static Path home;
  static Stores stores;
  static LocalReceiver caseManager;
  static String schema;

  @BeforeAll
  static void start() {
    stores = Stores.open(StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops")));
    caseManager = LocalReceiver.builder().start();
    schema = new Layout("dur", stores.settings().warehouseRoot()).cddSchema(Environment.PUBLIC);
    List<Risk> risks = List.of(BIG);
    stores.postgres().withConnection(c -> {
      c.createStatement().execute("create schema " + CddTable.quote(schema));
      for (CddTable t : List.of(CddTables.dataset(schema, PAY_TX), CddTables.evaluatedActivities(schema, FLOW, PAY_TX, risks),
          CddTables.activity(schema, FLOW, risks), CddTables.overrides(schema, FLOW), CddTables.alerts(schema, FLOW))) {
        for (String sql : t.createStatements()) {
          c.createStatement().execute(sql);
        }
      }
      return null;
    });
  }

  @AfterAll
  static void stop() {
    caseManager.close();
    stores.close();
  }

  static SolutionCatalog catalog(String caseManagerUrl) {
    AlertDistributionTarget target = AlertDistributionTarget.builder("case_manager").url(caseManagerUrl)
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(5)).build()).build();
    return Catalogs.of("dur", PAY_TX, PAY_API, FLOW, BIG, target);
  }

  @Test
  void everyAnsweredRequestSurvivesAKillAndTheRestartedServerSendsWhatWasLeft() throws Exception {
    // The first server never gets to send its alerts, so all of them wait in the outbox when it dies.
    Server first = Server.start(home.resolve("first.log"), Duration.ofHours(1));
    Set<String> answered = ConcurrentHashMap.newKeySet();
    AtomicLong unanswered = new AtomicLong();
    AtomicBoolean running = new AtomicBoolean(true);
    CountDownLatch enough = new CountDownLatch(300);
    ExecutorService callers = Executors.newFixedThreadPool(8);
    RealtimeClient client = RealtimeClient.builder(first.uri, "dur", SECRET).timeout(Duration.ofSeconds(5)).build();
    for (int t = 0; t < 8; t++) {
      int caller = t;
      callers.submit(() -> {
        for (int i = 0; running.get(); i++) {
          String id = "c" + caller + "-" + i;
          try {
            RealtimeAnswer a = client.evaluate("pay_rt", payment(id, "acc" + (i % 20), i % 3 == 0 ? 500 : 20));
            if (a.status() == 200) {
              answered.add(id);
              enough.countDown();
            }
          } catch (RuntimeException e) {
            unanswered.incrementAndGet();
          }
        }
      });
    }
    assertThat(enough.await(120, TimeUnit.SECONDS)).as("300 answers before the kill").isTrue();
    // SIGKILL while the callers keep sending: no shutdown hook, no drain, requests cut off mid-flight.
    first.process.destroyForcibly();
    assertThat(first.process.waitFor(30, TimeUnit.SECONDS)).isTrue();
    running.set(false);
    callers.shutdown();
    assertThat(callers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
    assertThat(first.process.exitValue()).as("killed by SIGKILL").isEqualTo(137);

    Set<String> answeredIds = new HashSet<>(answered);
    assertThat(ids("select trans_id from " + schema + ".pay_tx")).as("the input dataset holds every answered request")
        .containsAll(answeredIds);
    assertThat(ids("select trans_id from " + schema + ".pay_rt")).as("so do the evaluated activities").containsAll(answeredIds);
    assertThat(ids("select e.trans_id from " + schema + ".pay_rt e join " + schema + ".activity_pay_rt a using (tr_id)"))
        .as("and every answered request has its decision").containsAll(answeredIds);
    long expectedAlerts = ids("select trans_id from " + schema + ".pay_rt e join " + schema
        + ".activity_pay_rt a using (tr_id) where a.rf_big_payment").size();
    assertThat(count("alerts_pay_rt")).isEqualTo(expectedAlerts).isPositive();

    assertThat(caseManager.stats().requests()).isZero();
    assertThat(ids("select alert_id from " + schema + ".alerts_pay_rt where distributed_on is null")).hasSize((int) expectedAlerts);

    Server second = Server.start(home.resolve("second.log"), Duration.ofMillis(200));
    try {
      RealtimeClient again = RealtimeClient.builder(second.uri, "dur", SECRET).build();
      RealtimeAnswer after = again.evaluate("pay_rt", payment("after-restart", "acc-r", 900));
      assertThat(after.status()).isEqualTo(200);
      assertThat(after.match()).isTrue();
      long alerts = count("alerts_pay_rt");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (caseManager.stats().distinctItems() < alerts && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(caseManager.stats().distinctItems()).as("every stored alert reached the case manager once after its dedupe")
          .isEqualTo((int) alerts);
      assertThat(ids("select alert_id from " + schema + ".alerts_pay_rt where distributed_on is null")).isEmpty();
    } finally {
      second.process.destroy();
      assertThat(second.process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    System.out.printf("durability: %d answered before kill -9, %d calls cut off, %d stored, %d alerts sent once each"
        + " (%d duplicate deliveries deduped)%n", answeredIds.size(), unanswered.get(), count("pay_tx"), count("alerts_pay_rt"),
        caseManager.stats().duplicates());
  }

  static Map<String, Object> payment(String id, String account, double amount) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("trans_id", id);
    m.put("account_id", account);
    m.put("amount", amount);
    m.put("paid_at", "2026-12-01T10:00:00");
    return m;
  }

  static Set<String> ids(String sql) {
    return stores.postgres().withConnection(c -> {
      Set<String> out = new HashSet<>();
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
      return out;
    });
  }

  static long count(String table) {
    return stores.postgres().withConnection(c -> {
      try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + schema + "." + table)) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  /** A server JVM ({@link ServeMain}) attached to this class's stack. */
  record Server(Process process, URI uri) {
    static Server start(Path log, Duration distributeEvery) throws Exception {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(List.of("-Xmx512m", "-cp", System.getProperty("java.class.path"), ServeMain.class.getName(),
          caseManager.url().toString(), distributeEvery.toString()));
      ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
      pb.environment().putAll(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops"));
      Process p = pb.start();
      BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      List<String> seen = new ArrayList<>();
      for (String line; (line = out.readLine()) != null; ) {
        seen.add(line);
        if (line.startsWith("READY ")) {
          Thread drain = new Thread(() -> {
            try (out) {
              for (String l; (l = out.readLine()) != null; ) {
                Files.writeString(log, l + "\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
              }
            } catch (java.io.IOException ignored) {
              // The process was killed; its output ends here.
            }
          });
          drain.setDaemon(true);
          drain.start();
          return new Server(p, URI.create(line.substring(6).trim()));
        }
      }
      throw new IllegalStateException("the server exited before it was ready: " + String.join("\n", seen));
    }
  }

  /**
   * The server process: {@link RealtimeServer} on the stack under VIGIL_HOME, as {@code vigil serve} starts it.
   * Arguments: the case manager's URL and how often to send waiting alerts.
   */
  public static final class ServeMain {
    public static void main(String[] args) throws Exception {
      CountDownLatch stopped = new CountDownLatch(1);
      Stores stores = Stores.open(StoreSettings.fromEnvironment(System.getenv()));
      JobContext context = JobContext.builder(catalog(args[0])).settings(stores.settings()).environment(Environment.PUBLIC)
          .executionDate(LocalDateTime.now()).writer("vigil-serve").open();
      RealtimeServer server = RealtimeServer.start(context, RealtimeOptions.builder().port(0).workers(4).queueCapacity(64)
          .distributeEvery(Duration.parse(args[1])).build(), Secret.of(SECRET), flow -> RecordScorers.of(context, flow));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        context.close();
        stores.close();
        stopped.countDown();
      }));
      System.out.println("READY " + server.uri());
      System.out.flush();
      stopped.await();
    }
  }
}
