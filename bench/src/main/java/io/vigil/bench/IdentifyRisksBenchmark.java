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
 * identify_risks against the usual alternative (issue 10, §9): Vigil's {@code identifyRisks} over
 * {@code --rows} evaluated activities (1,000,000) of the solution template's flow with its two risks
 * plus eight generated ones, and the same ten rules hand-written as one SQL statement per risk, in
 * the same JVM on the same embedded Postgres ({@link IdentifyRisksProbe}). Goal: Vigil at most 1.3x
 * the hand-written time.
 *
 * <p>Arguments: {@code --rows N}, {@code --runs R} (3 measured runs of each, alternating),
 * {@code --warmup W} (1), {@code --heap SIZE} (3g), {@code --template DIR} (solution-template of
 * the working tree), {@code --out DIR} (bench/target/identify-risks). Writes {@code DIR/results.json}
 * and {@code DIR/results.md}.
 */
public final class IdentifyRisksBenchmark {
  static final double GOAL = 1.3;
  private static final List<String> PHASES = List.of("connect", "clear", "decide", "read", "render", "stage", "suppress", "count", "commit");

  private IdentifyRisksBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = 1_000_000;
    int runs = 3;
    int warmup = 1;
    String heap = "3g";
    Path template = null;
    Path out = Path.of("bench/target/identify-risks");
    for (int i = 0; i < args.length; i++) {
      switch (args[i].strip()) {
        case "" -> { }
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--heap" -> heap = args[++i];
        case "--template" -> template = Path.of(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("Cannot run the identify_risks benchmark: unknown argument " + args[i]);
      }
    }
    out = out.toAbsolutePath();
    template = (template != null ? template : tree().resolve("solution-template")).toAbsolutePath();
    Files.createDirectories(out);
    String before = ProbeProcess.loadAverage();
    System.out.println("identify_risks benchmark: " + rows + " rows, " + runs + " runs after " + warmup + " warm-up; machine: "
        + ValidateBenchmark.machine() + "; load average " + before);
    Path work = out.resolve("work");
    SyncSolutions.deleteRecursively(work);
    Map<String, List<Double>> v = ProbeProcess.run(ProbeProcess.command(out, heap, IdentifyRisksProbe.class, List.of(Long.toString(rows),
        Integer.toString(runs), Integer.toString(warmup), work.toString(), template.toString())), out.resolve("probe.log"));
    SyncSolutions.deleteRecursively(work);

    ObjectNode result = new ObjectMapper().createObjectNode();
    result.put("measured_at", Instant.now().toString()).put("machine", ValidateBenchmark.machine()).put("rows", rows)
        .put("runs", runs).put("warmup", warmup).put("load_average_before", before)
        .put("load_average_after", ProbeProcess.loadAverage());
    double vigil = ProbeProcess.median(v.get("vigil_s"));
    double hand = ProbeProcess.median(v.get("hand_s"));
    // On a shared machine the load changes from run to run: each Vigil run is compared with the hand-written run right after it.
    List<Double> ratios = new java.util.ArrayList<>();
    for (int i = 0; i < v.get("vigil_s").size(); i++) {
      ratios.add(v.get("vigil_s").get(i) / v.get("hand_s").get(i));
    }
    double ratio = ProbeProcess.median(ratios);
    result.put("vigil_s", vigil).put("hand_s", hand).put("ratio_of_medians", vigil / hand).put("ratio", ratio).put("goal", GOAL)
        .put("met", ratio <= GOAL);
    result.putPOJO("ratio_runs", ratios);
    result.putPOJO("vigil_runs_s", v.get("vigil_s"));
    result.putPOJO("hand_runs_s", v.get("hand_s"));
    ObjectNode phases = result.putObject("vigil_phases_s");
    for (String p : PHASES) {
      List<Double> values = v.get("vigil_phase_" + p + "_s");
      if (values != null) {
        phases.put(p, ProbeProcess.median(values));
      }
    }
    ObjectNode alerts = result.putObject("alerts_per_risk");
    v.forEach((k, values) -> {
      if (k.startsWith("alerts.")) {
        alerts.put(k.substring("alerts.".length()), values.get(0).longValue());
      }
    });
    result.put("context_stores_s", ProbeProcess.median(v.get("context_stores_s")));
    result.put("alerts_total", v.get("alerts_total").get(0).longValue()).put("load_s", v.get("load_s").get(0))
        .put("peak_rss_mib", v.get("peak_rss_mib").get(0));
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(), result);
    String md = markdown(result);
    Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
    System.out.println("\n" + md + "(written to " + out.resolve("results.json") + ")");
  }

  private static String markdown(ObjectNode r) {
    StringBuilder t = new StringBuilder("# identify_risks benchmark\n\n").append(r.get("machine").asText()).append(", ")
        .append(r.get("measured_at").asText()).append(String.format(Locale.ROOT,
            ". %,d evaluated activities, 10 risks; median of %d runs after %d warm-up; load average %s before, %s after.%n%n",
            r.get("rows").asLong(), r.get("runs").asInt(), r.get("warmup").asInt(), r.get("load_average_before").asText(),
            r.get("load_average_after").asText()))
        .append("| | time |\n|---|---:|\n")
        .append(String.format(Locale.ROOT, "| Vigil identifyRisks | %.2f s |%n", r.get("vigil_s").asDouble()))
        .append(String.format(Locale.ROOT, "| hand-written SQL, one statement per risk | %.2f s |%n", r.get("hand_s").asDouble()))
        .append(String.format(Locale.ROOT, "| ratio of the medians | %.2fx |%n", r.get("ratio_of_medians").asDouble()))
        .append(String.format(Locale.ROOT, "| median ratio of a Vigil run to the hand-written run after it (goal <= %.1f) | **%.2fx** (%s) |%n%n",
            GOAL, r.get("ratio").asDouble(), r.get("met").asBoolean() ? "met" : "NOT met"))
        .append("| Vigil phase | time |\n|---|---:|\n");
    t.append(String.format(Locale.ROOT, "| (before the call, not counted: the job context opening its stores) | %.2f s |%n",
        r.get("context_stores_s").asDouble()));
    r.get("vigil_phases_s").fields().forEachRemaining(e -> t.append(String.format(Locale.ROOT, "| %s | %.2f s |%n", e.getKey(),
        e.getValue().asDouble())));
    t.append("\n| risk | alerts |\n|---|---:|\n");
    r.get("alerts_per_risk").fields().forEachRemaining(e -> t.append(String.format(Locale.ROOT, "| %s | %,d |%n", e.getKey(),
        e.getValue().asLong())));
    t.append(String.format(Locale.ROOT, "| total | %,d |%n", r.get("alerts_total").asLong()));
    return t.toString();
  }

  static Path tree() {
    Path tree = Path.of("").toAbsolutePath();
    while (tree.getParent() != null && !Files.isRegularFile(tree.resolve("bench").resolve("pom.xml"))) {
      tree = tree.getParent();
    }
    return tree;
  }
}
