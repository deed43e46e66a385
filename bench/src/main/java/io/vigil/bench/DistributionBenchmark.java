package io.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Distribution against the usual alternative (issue 10, §9): {@code --alerts} alerts (10,000) to a
 * local receiver that answers 503 to every fifth request and takes 20 ms per stored request, by
 * Vigil's {@code distributeAlertedActivities} and by a plain sequential {@code java.net.http} loop
 * ({@link DistributionProbe}). Reports throughput, requests, retries, what the receiver saw after
 * its dedupe, and that a second Vigil run sends nothing.
 *
 * <p>Arguments: {@code --alerts N}, {@code --batch-size B} (4, the guide's default),
 * {@code --parallelism P} (4), {@code --attempts A} (10), {@code --heap SIZE} (2g),
 * {@code --template DIR}, {@code --out DIR} (bench/target/distribution). Writes
 * {@code DIR/results.json} and {@code DIR/results.md}.
 */
public final class DistributionBenchmark {
  private static final List<String> ROWS = List.of("s", "alerts_per_s", "sent", "batches", "requests", "retries", "received", "distinct",
      "duplicates");

  private DistributionBenchmark() {}

  public static void main(String[] args) throws Exception {
    int alerts = 10_000;
    int batchSize = 4;
    int parallelism = 4;
    int attempts = 10;
    String heap = "2g";
    Path template = null;
    Path out = Path.of("bench/target/distribution");
    for (int i = 0; i < args.length; i++) {
      switch (args[i].strip()) {
        case "" -> { }
        case "--alerts" -> alerts = Integer.parseInt(args[++i]);
        case "--batch-size" -> batchSize = Integer.parseInt(args[++i]);
        case "--parallelism" -> parallelism = Integer.parseInt(args[++i]);
        case "--attempts" -> attempts = Integer.parseInt(args[++i]);
        case "--heap" -> heap = args[++i];
        case "--template" -> template = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("Cannot run the distribution benchmark: unknown argument " + args[i]);
      }
    }
    out = out.toAbsolutePath();
    template = (template != null ? template : IdentifyRisksBenchmark.tree().resolve("solution-template")).toAbsolutePath();
    Files.createDirectories(out);
    String before = ProbeProcess.loadAverage();
    System.out.println("distribution benchmark: " + alerts + " alerts, batches of " + batchSize + ", parallelism " + parallelism
        + ", " + attempts + " attempts; machine: " + ValidateBenchmark.machine() + "; load average " + before);
    Path work = out.resolve("work");
    SyncSolutions.deleteRecursively(work);
    Map<String, List<Double>> v = ProbeProcess.run(ProbeProcess.command(out, heap, DistributionProbe.class, List.of(
        Integer.toString(alerts), Integer.toString(batchSize), Integer.toString(parallelism), Integer.toString(attempts),
        work.toString(), template.toString())), out.resolve("probe.log"));
    SyncSolutions.deleteRecursively(work);

    ObjectNode result = new ObjectMapper().createObjectNode();
    result.put("measured_at", Instant.now().toString()).put("machine", ValidateBenchmark.machine()).put("alerts", alerts)
        .put("batch_size", batchSize).put("parallelism", parallelism).put("max_attempts", attempts)
        .put("latency_ms", DistributionProbe.LATENCY.toMillis()).put("fail_fraction", DistributionProbe.FAIL_FRACTION)
        .put("load_average_before", before).put("load_average_after", ProbeProcess.loadAverage());
    for (String side : List.of("vigil", "plain")) {
      ObjectNode n = result.putObject(side);
      for (String row : ROWS) {
        n.put(row, v.get(side + "_" + row).get(0));
      }
    }
    result.with("vigil").put("marked", v.get("vigil_marked").get(0));
    result.putObject("second_run").put("pending", v.get("second_run_pending").get(0)).put("sent", v.get("second_run_sent").get(0))
        .put("requests", v.get("second_run_requests").get(0));
    result.put("speedup", result.get("vigil").get("alerts_per_s").asDouble() / result.get("plain").get("alerts_per_s").asDouble());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(), result);
    String md = markdown(result);
    Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
    System.out.println("\n" + md + "(written to " + out.resolve("results.json") + ")");
  }

  private static String markdown(ObjectNode r) {
    StringBuilder t = new StringBuilder("# Distribution benchmark\n\n").append(r.get("machine").asText()).append(", ")
        .append(r.get("measured_at").asText()).append(String.format(Locale.ROOT,
            ". %,d alerts, batches of %d, Vigil parallelism %d, %d attempts; receiver: 503 to every %.0fth request, %d ms per stored"
                + " request; load average %s before, %s after.%n%n", r.get("alerts").asInt(), r.get("batch_size").asInt(),
            r.get("parallelism").asInt(), r.get("max_attempts").asInt(), 1 / r.get("fail_fraction").asDouble(),
            r.get("latency_ms").asInt(), r.get("load_average_before").asText(), r.get("load_average_after").asText()))
        .append("| | Vigil | plain loop |\n|---|---:|---:|\n");
    Map<String, String> names = Map.of("s", "time (s)", "alerts_per_s", "throughput (alerts/s)", "sent", "alerts sent", "batches",
        "batches delivered", "requests", "requests the receiver saw", "retries", "retries (requests - batches)", "received",
        "alerts received, duplicates included", "distinct", "distinct alerts after dedupe", "duplicates", "duplicates");
    for (String row : ROWS) {
      double a = r.get("vigil").get(row).asDouble();
      double b = r.get("plain").get(row).asDouble();
      t.append(String.format(Locale.ROOT, row.equals("s") || row.equals("alerts_per_s") ? "| %s | %.1f | %.1f |%n" : "| %s | %,.0f | %,.0f |%n",
          names.get(row), a, b));
    }
    t.append(String.format(Locale.ROOT, "%nVigil is %.2fx the plain loop's throughput. Marked distributed in Postgres: %,d. A second run:"
        + " %,d pending, %,d sent, %,d requests.%n", r.get("speedup").asDouble(), r.get("vigil").get("marked").asLong(),
        r.get("second_run").get("pending").asLong(), r.get("second_run").get("sent").asLong(), r.get("second_run").get("requests").asLong()));
    return t.toString();
  }
}
