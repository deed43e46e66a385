package io.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The load generator of the real-time benchmark, meant to run in its own JVM beside a running
 * {@code vigil serve}: open-loop phases at each rate against {@code POST /evaluate/v1/SOLUTION/FLOW}, the
 * records taken in turn from a JSON-lines file, a warm-up phase first whose figures are discarded, and the
 * server's CPU over each phase read from /proc. The client secret comes from the environment variable
 * VIGIL_REALTIME_SECRET so it never appears in a process list or a log.
 *
 * <pre>RealtimeLoadProbe --url http://127.0.0.1:8490 --solution aml --flow tx --records records.jsonl
 *     --server-pid 1234 [--rates 200,500,1000] [--duration 60] [--warmup 10] [--overload 5000]
 *     [--overload-duration 10] [--out results.json]</pre>
 */
public final class RealtimeLoadProbe {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RealtimeLoadProbe() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = options(args);
    URI base = URI.create(required(opt, "url"));
    String solution = required(opt, "solution");
    String flow = required(opt, "flow");
    long serverPid = Long.parseLong(required(opt, "server-pid"));
    List<String> records = Files.readAllLines(Path.of(required(opt, "records"))).stream()
        .filter(l -> !l.isBlank()).toList();
    int[] rates = Arrays.stream(opt.getOrDefault("rates", "200,500,1000").split(","))
        .mapToInt(r -> Integer.parseInt(r.trim())).toArray();
    int duration = Integer.parseInt(opt.getOrDefault("duration", "60"));
    int warmup = Integer.parseInt(opt.getOrDefault("warmup", "10"));
    Path out = Path.of(opt.getOrDefault("out", "bench/target/realtime-load/results.json"));
    String secret = System.getenv("VIGIL_REALTIME_SECRET");
    if (records.isEmpty() || secret == null) {
      throw new IllegalArgumentException("Cannot run the load: need a non-empty --records file and VIGIL_REALTIME_SECRET");
    }

    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    OpenLoopLoad load = new OpenLoopLoad(client, Duration.ofSeconds(10));
    URI evaluate = base.resolve("/evaluate/v1/" + URLEncoder.encode(solution, StandardCharsets.UTF_8) + "/"
        + URLEncoder.encode(flow, StandardCharsets.UTF_8));
    int overload = Integer.parseInt(opt.getOrDefault("overload", "0"));
    int overloadSeconds = Integer.parseInt(opt.getOrDefault("overload-duration", "10"));
    // Warm-up, the measured rates, then (with --overload) a burst far past what the server sustains
    // and a recovery at the first rate, which must be served as before.
    List<String> kinds = new ArrayList<>(List.of("warm-up"));
    List<int[]> plan = new ArrayList<>(List.of(new int[] {rates[0], warmup}));
    for (int rate : rates) {
      kinds.add("phase");
      plan.add(new int[] {rate, duration});
    }
    if (overload > 0) {
      kinds.add("overload");
      plan.add(new int[] {overload, overloadSeconds});
      kinds.add("recovery");
      plan.add(new int[] {rates[0], overloadSeconds});
    }
    ObjectNode result = JSON.createObjectNode().put("durationSeconds", duration).put("warmupSeconds", warmup)
        .put("records", records.size());
    ArrayNode phases = result.putArray("phases");
    // Each request sends the next record of the file, across phases, so no record is sent twice.
    long[] offset = {0};
    for (int i = 0; i < plan.size(); i++) {
      int rate = plan.get(i)[0];
      // A fresh token per phase, so a phase never outlives its token's lifetime.
      String token = token(client, base, solution, secret);
      double cpuBefore = ProcessCpu.seconds(serverPid);
      OpenLoopLoad.Result r = load.run(new OpenLoopSchedule(rate, plan.get(i)[1]),
          n -> HttpRequest.newBuilder(evaluate).timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
              .POST(HttpRequest.BodyPublishers.ofString(records.get((int) ((offset[0] + n) % records.size())))).build());
      offset[0] += r.sent();
      double cpu = ProcessCpu.seconds(serverPid) - cpuBefore;
      System.out.printf("%s %d/s: sent %d, ok %d, 503 %d, other %d, failed %d, p50 %.2f ms, p99 %.2f ms,"
              + " p99.9 %.2f ms, max %.2f ms, server CPU %.0f %% of one core%n", kinds.get(i),
          rate, r.sent(), r.ok(), r.status503(), r.otherErrors(), r.failures(), r.p50Millis(), r.p99Millis(),
          r.p999Millis(), r.maxMillis(), ProcessCpu.percentOfOneCore(cpu, r.wallSeconds()));
      ObjectNode phase = phase(r, cpu);
      switch (kinds.get(i)) {
        case "phase" -> phases.add(phase);
        default -> result.set(kinds.get(i).replace("-", ""), phase);
      }
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    JSON.writeValue(out.toFile(), result);
  }

  private static ObjectNode phase(OpenLoopLoad.Result r, double cpuSeconds) {
    return JSON.createObjectNode().put("rate", r.ratePerSecond()).put("sent", r.sent())
        .put("answered", r.answered()).put("ok", r.ok()).put("status503", r.status503())
        .put("otherErrors", r.otherErrors()).put("failures", r.failures()).put("errorRate", r.errorRate())
        .put("rate503", r.rate503()).put("p50Ms", r.p50Millis()).put("p99Ms", r.p99Millis())
        .put("p999Ms", r.p999Millis()).put("maxMs", r.maxMillis()).put("wallSeconds", r.wallSeconds())
        .put("serverCpuSeconds", cpuSeconds)
        .put("serverCpuPercentOfOneCore", ProcessCpu.percentOfOneCore(cpuSeconds, r.wallSeconds()));
  }

  private static String token(HttpClient client, URI base, String solution, String secret) throws Exception {
    String body = JSON.writeValueAsString(Map.of("clientId", "platform-ingestion-" + solution, "clientSecret", secret));
    HttpResponse<String> r = client.send(HttpRequest.newBuilder(base.resolve("/auth"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Cannot authenticate to " + base + ": the server answered " + r.statusCode());
    }
    return JSON.readTree(r.body()).path("result").path("token").asText();
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> opt = new HashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("Cannot read the options: expected --name value, got " + args[i]);
      }
      opt.put(args[i].substring(2), args[i + 1]);
    }
    if (args.length % 2 != 0) {
      throw new IllegalArgumentException("Cannot read the options: " + args[args.length - 1] + " has no value");
    }
    return opt;
  }

  private static String required(Map<String, String> opt, String name) {
    String v = opt.get(name);
    if (v == null) {
      throw new IllegalArgumentException("Cannot run the load: --" + name + " is required");
    }
    return v;
  }
}
