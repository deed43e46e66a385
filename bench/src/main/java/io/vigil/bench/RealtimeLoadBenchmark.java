package io.vigil.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.analytics.detect.Detector;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.detect.DetectorSettings;
import io.vigil.runtime.analytics.features.CategoricFeaturesTransformer;
import io.vigil.runtime.analytics.features.FeaturesExtractor;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.analytics.features.ImputationStrategy;
import io.vigil.runtime.analytics.features.NumericFeaturesTransformer;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.decisioning.Decisioning;
import io.vigil.runtime.decisioning.IdentifyResult;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.evaluation.Evaluations;
import io.vigil.runtime.evaluation.Models;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * {@code vigil serve} under open-loop load: the driver starts the embedded stack, creates the flow's CDD
 * tables, trains and registers the flow's model on Spark, then starts the server
 * ({@link RealtimeServeProbe}) and the load generator ({@link RealtimeLoadProbe}) as two more JVMs on
 * the same machine. Each rate runs for the given duration after a warm-up; the figures come from the
 * load generator (latency from each request's scheduled send time) and /proc (the server's CPU). Then
 * the server is stopped with SIGTERM and the driver checks what it stored against the batch path over
 * the same records: every 2xx is persisted, batch evaluation on Spark gives the same scores, and batch
 * identify_risks gives the same decisions per record.
 *
 * <p>Arguments: {@code --rates 200,500,1000}, {@code --duration S} (60), {@code --warmup S} (10),
 * {@code --workers N} (8, the command's default), {@code --train N} (20000), {@code --overload R} (5000; 0 for none)
 * and {@code --overload-duration S} (10): a burst at R requests/s and then a recovery at the first rate, {@code --out DIR}
 * (bench/target/realtime-load), {@code --jfr FILE} (a flight recording of the server). Writes {@code DIR/results.json} and {@code DIR/results.md}.
 */
public final class RealtimeLoadBenchmark {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final LocalDateTime DAY = LocalDateTime.of(2026, 12, 1, 0, 0);
  /** The goal of the real-time issue: p99 at 500 requests/s, with no error. */
  private static final int GOAL_RATE = 500;
  private static final double GOAL_P99_MS = 25;

  private RealtimeLoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = RealtimeLoadProbe.options(args);
    String rates = opt.getOrDefault("rates", "200,500,1000");
    int duration = Integer.parseInt(opt.getOrDefault("duration", "60"));
    int warmup = Integer.parseInt(opt.getOrDefault("warmup", "10"));
    int workers = Integer.parseInt(opt.getOrDefault("workers", "8"));
    int training = Integer.parseInt(opt.getOrDefault("train", "20000"));
    int overload = Integer.parseInt(opt.getOrDefault("overload", "5000"));
    int overloadSeconds = Integer.parseInt(opt.getOrDefault("overload-duration", "10"));
    Path out = Path.of(opt.getOrDefault("out", "bench/target/realtime-load")).toAbsolutePath();
    SyncSolutions.deleteRecursively(out);
    Files.createDirectories(out);
    Path home = out.resolve("home");
    System.out.println("real-time benchmark: rates " + rates + " for " + duration + " s each after " + warmup + " s of warm-up, "
        + workers + " workers; machine: " + ValidateBenchmark.machine() + "; load average "
        + Files.readString(Path.of("/proc/loadavg")).trim());

    StoreSettings requested = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "bench",
        "VIGIL_ROLES", "manager"));
    String secret = UUID.randomUUID().toString();
    try (Stores stores = Stores.open(requested); LocalReceiver caseManager = LocalReceiver.builder().start()) {
      StoreSettings settings = stores.settings();
      String schema = new Layout(RealtimeBenchSolution.SOLUTION, settings.warehouseRoot()).cddSchema(Environment.PUBLIC);
      RealtimeBenchSolution.createTables(stores.postgres(), schema);
      SolutionCatalog catalog = RealtimeBenchSolution.catalog(caseManager.url().toString());
      SparkSession spark = SparkSessions.getOrCreate(SparkSessions.merge(SparkSessions.defaults("local[2]"),
          Map.of("spark.sql.shuffle.partitions", "2", "spark.default.parallelism", "2", "spark.ui.enabled", "false")));
      double trainSeconds;
      try (JobContext context = context(catalog, settings, spark, "bench.Train")) {
        long t0 = System.nanoTime();
        train(context, spark, training);
        trainSeconds = (System.nanoTime() - t0) / 1e9;
      }
      long requests = (long) warmup * Integer.parseInt(rates.split(",")[0].trim());
      for (String r : rates.split(",")) {
        requests += (long) duration * Integer.parseInt(r.trim());
      }
      requests += (long) overloadSeconds * (overload + Integer.parseInt(rates.split(",")[0].trim()));
      Path records = out.resolve("records.jsonl");
      writeRecords(records, requests);

      String classpath = ValidateBenchmark.snapshot(ValidateBenchmark.childClasspath(), out.resolve("classpath"));
      List<String> serve = new ArrayList<>(ValidateBenchmark.childCommand(classpath));
      serve.set(serve.size() - 1, RealtimeServeProbe.class.getName());
      if (opt.containsKey("jfr")) {
        // A flight recording of the server over the whole load, to see where a request's time goes.
        serve.add(serve.size() - 1, "-XX:StartFlightRecording=settings=profile,filename=" + Path.of(opt.get("jfr")).toAbsolutePath());
      }
      serve.addAll(List.of(caseManager.url().toString(), Integer.toString(workers)));
      Map<String, String> env = Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "bench", "VIGIL_ROLES", "manager",
          "VIGIL_REALTIME_CLIENT_SECRET", secret, "SPARK_LOCAL_IP", "127.0.0.1");
      Process server = start(serve, env);
      JsonNode load;
      try {
        int port = awaitReady(server, out.resolve("server.log"));
        List<String> probe = new ArrayList<>(ValidateBenchmark.childCommand(classpath));
        probe.set(probe.indexOf("-Xmx2g"), "-Xmx1g");
        probe.set(probe.size() - 1, RealtimeLoadProbe.class.getName());
        probe.addAll(List.of("--url", "http://127.0.0.1:" + port, "--solution", RealtimeBenchSolution.SOLUTION,
            "--flow", RealtimeBenchSolution.FLOW_ID, "--records", records.toString(), "--server-pid", Long.toString(server.pid()),
            "--rates", rates, "--duration", Integer.toString(duration), "--warmup", Integer.toString(warmup),
            "--overload", Integer.toString(overload), "--overload-duration", Integer.toString(overloadSeconds),
            "--out", out.resolve("load.json").toString()));
        Process generator = start(probe, Map.of("VIGIL_REALTIME_SECRET", secret));
        echo(generator, out.resolve("load.log"), "  load ");
        if (generator.waitFor() != 0) {
          throw new IllegalStateException("Cannot finish the real-time benchmark: the load generator failed; see " + out.resolve("load.log"));
        }
        load = JSON.readTree(out.resolve("load.json").toFile());
      } finally {
        server.destroy();
        if (!server.waitFor(60, TimeUnit.SECONDS)) {
          server.destroyForcibly();
        }
      }
      System.out.println("  server stopped with exit " + server.exitValue());

      ObjectNode result = JSON.createObjectNode().put("machine", ValidateBenchmark.machine()).put("at", Instant.now().toString())
          .put("workers", workers).put("trainingRows", training).put("trainSeconds", trainSeconds);
      result.set("load", load);
      try (JobContext context = context(catalog, settings, spark, "bench.Decide")) {
        result.set("agreement", agreement(context, stores, schema, spark, load));
      }
      JSON.writeValue(out.resolve("results.json").toFile(), result);
      String md = markdown(result);
      Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
      System.out.println("\n" + md + "(written to " + out.resolve("results.json") + ")");
      spark.stop();
    }
  }

  private static JobContext context(SolutionCatalog catalog, StoreSettings settings, SparkSession spark, String writer) {
    return JobContext.builder(catalog).settings(settings).executionDate(DAY).environment(Environment.PUBLIC).spark(spark)
        .models(LocalModelRegistry.under(settings.home())).writer(writer).open();
  }

  /** The flow's extractor and detector, fitted on a seeded stream of payments and registered as a job would. */
  private static void train(JobContext context, SparkSession spark, int n) {
    List<Row> rows = new ArrayList<>(n);
    for (Map<String, Object> p : RealtimeBenchSolution.payments(0, n, 1, DAY)) {
      rows.add(RowFactory.create(p.get("amount"), p.get("tx_count"), p.get("age_days"), p.get("channel")));
    }
    Dataset<Row> df = spark.createDataFrame(rows, new StructType().add("amount", DataTypes.DoubleType)
        .add("tx_count", DataTypes.LongType).add("age_days", DataTypes.IntegerType).add("channel", DataTypes.StringType));
    FeaturesExtractorModel fe = FeaturesExtractor.of(
        NumericFeaturesTransformer.of(ImputationStrategy.MEDIAN, "amount", "tx_count", "age_days"),
        CategoricFeaturesTransformer.of(ImputationStrategy.MOST_FREQUENT, "channel")).fit(df);
    DetectorModel detector = Detector.of(DetectorSettings.builder().ratingPercentile(0).trees(100).threads(2).build())
        .fit(fe.transform(df), fe.featureNames());
    Models.save(context, "tx_fe", fe, RealtimeBenchSolution.TAGS);
    Models.save(context, "tx_ad", detector, RealtimeBenchSolution.TAGS);
  }

  /** Records with ids after the training stream's, one JSON object per line, one per request. */
  private static void writeRecords(Path file, long n) throws IOException {
    try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      int chunk = 100_000;
      for (long from = 0; from < n; from += chunk) {
        for (Map<String, Object> p : RealtimeBenchSolution.payments(1_000_000 + from, (int) Math.min(chunk, n - from), 2 + from, DAY)) {
          w.write(JSON.writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(p));
          w.newLine();
        }
      }
    }
  }

  private static Process start(List<String> command, Map<String, String> env) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Waits for the server's READY line, then keeps copying its output to {@code log} in the background. */
  private static int awaitReady(Process server, Path log) throws IOException {
    BufferedReader in = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
    PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true);
    for (String line; (line = in.readLine()) != null; ) {
      file.println(line);
      if (line.startsWith("READY ")) {
        Thread copy = new Thread(() -> {
          try (in; file) {
            for (String l; (l = in.readLine()) != null; ) {
              file.println(l);
            }
          } catch (IOException e) {
            file.println("(server output ended: " + e.getMessage() + ")");
          }
        }, "server-log");
        copy.setDaemon(true);
        copy.start();
        System.out.println("  server ready on port " + line.substring(6) + " (pid " + server.pid() + ")");
        return Integer.parseInt(line.substring(6).trim());
      }
    }
    file.close();
    throw new IllegalStateException("Cannot start the real-time server: it exited before it was ready; see " + log);
  }

  private static void echo(Process p, Path log, String prefix) throws IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter file = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        file.println(line);
        System.out.println(prefix + line);
      }
    }
  }

  /**
   * What the server stored against the batch path: stored rows against the 2xx answers, batch evaluation
   * of the stored records on Spark against the stored scores, and batch identify_risks over them against
   * the decisions the server answered with.
   */
  private static ObjectNode agreement(JobContext context, Stores stores, String schema, SparkSession spark, JsonNode load) {
    String s = CddTable.quote(schema);
    long answered2xx = 0;
    for (JsonNode phase : load.path("phases")) {
      answered2xx += phase.path("ok").asLong();
    }
    for (String extra : List.of("warmup", "overload", "recovery")) {
      answered2xx += load.path(extra).path("ok").asLong();
    }
    List<String> fields = List.of("trans_id", "account_id", "amount", "tx_count", "age_days", "country", "channel", "paid_at");
    List<Row> inputs = new ArrayList<>();
    Map<String, Double> storedScores = new HashMap<>();
    long[] stored = new long[3];
    LocalDateTime[] range = new LocalDateTime[2];
    stores.postgres().withConnection(c -> {
      try (ResultSet r = c.createStatement().executeQuery("select (select count(*) from " + s + ".card_tx),"
          + " (select count(*) from " + s + ".card_payment), (select count(*) from " + s + ".activity_card_payment),"
          + " (select min(tr_job_ts) from " + s + ".card_payment), (select max(tr_job_ts) from " + s + ".card_payment)")) {
        r.next();
        stored[0] = r.getLong(1);
        stored[1] = r.getLong(2);
        stored[2] = r.getLong(3);
        range[0] = r.getTimestamp(4).toLocalDateTime();
        range[1] = r.getTimestamp(5).toLocalDateTime();
      }
      try (ResultSet r = c.createStatement().executeQuery("select tr_id, " + String.join(", ", fields) + ", "
          + RealtimeBenchSolution.STEP + "_score from " + s + ".card_payment")) {
        while (r.next()) {
          String trId = r.getString(1);
          inputs.add(RowFactory.create(trId, r.getString(2), r.getString(3), r.getDouble(4), r.getLong(5), r.getInt(6),
              r.getString(7), r.getString(8), r.getTimestamp(9)));
          storedScores.put(trId, r.getDouble(10));
        }
      }
      return null;
    });
    StructType type = new StructType().add("tr_id", DataTypes.StringType).add("trans_id", DataTypes.StringType)
        .add("account_id", DataTypes.StringType).add("amount", DataTypes.DoubleType).add("tx_count", DataTypes.LongType)
        .add("age_days", DataTypes.IntegerType).add("country", DataTypes.StringType).add("channel", DataTypes.StringType)
        .add("paid_at", DataTypes.TimestampType);
    long t0 = System.nanoTime();
    List<Row> scored = Evaluations.evaluate(context, RealtimeBenchSolution.FLOW_ID, spark.createDataFrame(inputs, type))
        .select("tr_id", RealtimeBenchSolution.STEP + "_score").collectAsList();
    double evaluateSeconds = (System.nanoTime() - t0) / 1e9;
    long scoreMismatches = 0;
    double maxScoreDifference = 0;
    for (Row r : scored) {
      Double want = storedScores.get(r.getString(0));
      double got = r.getDouble(1);
      double difference = want == null ? Double.POSITIVE_INFINITY : Math.abs(want - got);
      maxScoreDifference = Math.max(maxScoreDifference, difference);
      scoreMismatches += difference > 1e-9 ? 1 : 0;
    }

    Map<String, String> realtime = decisions(stores, s);
    Map<String, Long> realtimeAlerts = alertsPerRisk(stores, s);
    t0 = System.nanoTime();
    IdentifyResult identified = Decisioning.identifyRisks(context, RealtimeBenchSolution.FLOW_ID, range[0], range[1], false);
    double identifySeconds = (System.nanoTime() - t0) / 1e9;
    Map<String, String> batch = decisions(stores, s);
    Map<String, Long> batchAlerts = alertsPerRisk(stores, s);
    List<String> mismatched = new ArrayList<>();
    for (Map.Entry<String, String> e : realtime.entrySet()) {
      if (!Objects.equals(e.getValue(), batch.get(e.getKey()))) {
        mismatched.add(e.getKey() + " real-time " + e.getValue() + " batch " + batch.get(e.getKey()));
      }
    }
    long matchedRecords = realtime.values().stream().filter(v -> v.contains("t")).count();
    ObjectNode a = JSON.createObjectNode().put("answered2xx", answered2xx).put("storedRequests", stored[0])
        .put("storedEvaluated", stored[1]).put("storedDecisions", stored[2]).put("batchRecords", scored.size())
        .put("batchEvaluateSeconds", evaluateSeconds).put("scoreMismatches", scoreMismatches)
        .put("maxScoreDifference", maxScoreDifference).put("batchIdentifySeconds", identifySeconds)
        .put("batchIdentifiedActivities", identified.activities()).put("matchedRecords", matchedRecords)
        .put("decisionMismatches", mismatched.size() + Math.abs(realtime.size() - batch.size()));
    a.putPOJO("realtimeAlertsPerRisk", realtimeAlerts);
    a.putPOJO("batchAlertsPerRisk", batchAlerts);
    a.putPOJO("firstMismatches", mismatched.subList(0, Math.min(10, mismatched.size())));
    System.out.printf(Locale.ROOT, "  agreement: %d 2xx answers, %d requests and %d decisions stored; batch evaluate of %d records"
            + " in %.1f s, %d score mismatches (max difference %.2e); batch identify_risks in %.1f s, %d decision mismatches;"
            + " alerts per risk real-time %s, batch %s%n", answered2xx, stored[0], stored[2], scored.size(), evaluateSeconds,
        scoreMismatches, maxScoreDifference, identifySeconds, a.get("decisionMismatches").asLong(), realtimeAlerts, batchAlerts);
    return a;
  }

  /** Per record, its flags for each risk in the flow's order, e.g. {@code t,f,f}. */
  private static Map<String, String> decisions(Stores stores, String s) {
    Map<String, String> out = new HashMap<>();
    String flags = String.join(" || ',' || ", RealtimeBenchSolution.RISK_IDS.stream()
        .map(r -> "coalesce(rf_" + r + "::text, 'null')").toList());
    stores.postgres().withConnection(c -> {
      try (ResultSet r = c.createStatement().executeQuery("select tr_id, " + flags + " from " + s + ".activity_card_payment")) {
        while (r.next()) {
          out.put(r.getString(1), r.getString(2).replace("true", "t").replace("false", "f"));
        }
      }
      return null;
    });
    return out;
  }

  private static Map<String, Long> alertsPerRisk(Stores stores, String s) {
    Map<String, Long> out = new LinkedHashMap<>();
    stores.postgres().withConnection(c -> {
      try (ResultSet r = c.createStatement().executeQuery("select risk_identifier, count(*) from " + s
          + ".alerts_card_payment group by 1 order by 1")) {
        while (r.next()) {
          out.put(r.getString(1), r.getLong(2));
        }
      }
      return null;
    });
    return out;
  }

  private static String markdown(JsonNode result) {
    StringBuilder t = new StringBuilder("# Real-time load benchmark\n\n").append(result.get("machine").asText()).append(", ")
        .append(result.get("at").asText()).append(String.format(Locale.ROOT, ". Server: %d workers; load generator, server and"
            + " Postgres share the cores. Each rate for %d s after a %d s warm-up.%n%n", result.get("workers").asInt(),
            result.path("load").path("durationSeconds").asInt(), result.path("load").path("warmupSeconds").asInt()))
        .append("| rate (req/s) | sent | 2xx | 503 | other errors | p50 ms | p99 ms | p99.9 ms | max ms | server CPU (% of one core) |\n")
        .append("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (JsonNode p : result.path("load").path("phases")) {
      t.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %.2f | %.2f | %.2f | %.2f | %.0f |%n", p.get("rate").asInt(),
          p.get("sent").asLong(), p.get("ok").asLong(), p.get("status503").asLong(),
          p.get("otherErrors").asLong() + p.get("failures").asLong(), p.get("p50Ms").asDouble(), p.get("p99Ms").asDouble(),
          p.get("p999Ms").asDouble(), p.get("maxMs").asDouble(), p.get("serverCpuPercentOfOneCore").asDouble()));
    }
    for (String extra : List.of("overload", "recovery")) {
      JsonNode p = result.path("load").path(extra);
      if (!p.isMissingNode() && !p.isNull()) {
        t.append(String.format(Locale.ROOT, "| %s %d | %d | %d | %d | %d | %.2f | %.2f | %.2f | %.2f | %.0f |%n", extra,
            p.get("rate").asInt(), p.get("sent").asLong(), p.get("ok").asLong(), p.get("status503").asLong(),
            p.get("otherErrors").asLong() + p.get("failures").asLong(), p.get("p50Ms").asDouble(), p.get("p99Ms").asDouble(),
            p.get("p999Ms").asDouble(), p.get("maxMs").asDouble(), p.get("serverCpuPercentOfOneCore").asDouble()));
      }
    }
    for (JsonNode p : result.path("load").path("phases")) {
      if (p.get("rate").asInt() == GOAL_RATE) {
        boolean met = p.get("p99Ms").asDouble() <= GOAL_P99_MS && p.get("ok").asLong() == p.get("sent").asLong();
        t.append(String.format(Locale.ROOT, "%nGoal: p99 <= %.0f ms at %d req/s with 0 errors: %s (p99 %.2f ms, %d not 2xx).%n",
            GOAL_P99_MS, GOAL_RATE, met ? "met" : "NOT met", p.get("p99Ms").asDouble(), p.get("sent").asLong() - p.get("ok").asLong()));
      }
    }
    JsonNode a = result.get("agreement");
    t.append(String.format(Locale.ROOT, "%nAgreement: %d answers with 2xx, %d requests, %d evaluated activities and %d decisions"
            + " stored. Batch evaluation of the %d stored records on Spark: %.1f s, %d scores differ (largest difference %.1e)."
            + " Batch identify_risks over them: %.1f s, %d records decided differently; %d records matched."
            + " Alerts per risk, real-time %s, batch %s.%n", a.get("answered2xx").asLong(), a.get("storedRequests").asLong(),
        a.get("storedEvaluated").asLong(), a.get("storedDecisions").asLong(), a.get("batchRecords").asLong(),
        a.get("batchEvaluateSeconds").asDouble(), a.get("scoreMismatches").asLong(), a.get("maxScoreDifference").asDouble(),
        a.get("batchIdentifySeconds").asDouble(), a.get("decisionMismatches").asLong(), a.get("matchedRecords").asLong(),
        a.get("realtimeAlertsPerRisk"), a.get("batchAlertsPerRisk")));
    return t.toString();
  }
}
