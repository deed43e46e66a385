package io.vigil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Benchmarks of the data runtime on the real embedded stack, each in a fresh JVM started the way the
 * launcher starts jobs (Spark flags, {@code -Xmx2g}), running {@link DataProbe}:
 *
 * <ol>
 *   <li>{@code append}: APPEND write of N rows through Vigil's dataset writer vs a plain partitioned Delta append;
 *   <li>{@code overwrite}: OVERWRITE of an N-row snapshot with 1 % changed rows vs one plain Delta MERGE;
 *   <li>{@code publish}: Vigil's publish vs Spark JDBC (batched) vs one raw COPY stream;
 *   <li>{@code upload}: upload of an N-row landing CSV, then publish, in a 2 GB heap.
 * </ol>
 *
 * <p>Arguments: scenarios (default all four), {@code --rows N} (1,000,000), {@code --runs R} measured
 * rounds (3), {@code --warmup W} discarded rounds first (1), {@code --upload-runs U} (1),
 * {@code --heap SIZE} ({@code 2g}), {@code --out DIR}. Results go to stdout and
 * {@code DIR/data-results.md}; the children's logs to {@code DIR/<scenario>.log}.
 */
public final class DataBenchmark {
  private DataBenchmark() {}

  public static void main(String[] args) throws Exception {
    List<String> scenarios = new ArrayList<>();
    long rows = 1_000_000;
    int runs = 3;
    int warmup = 1;
    int uploadRuns = 1;
    String heap = "2g";
    Path out = Path.of(System.getProperty("vigil.bench.out", "bench/target/data-bench"));
    for (int i = 0; i < args.length; i++) {
      switch (args[i].strip()) {
        case "" -> { } // an empty -Dbench.args
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--upload-runs" -> uploadRuns = Integer.parseInt(args[++i]);
        case "--heap" -> heap = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        default -> scenarios.add(args[i]);
      }
    }
    if (scenarios.isEmpty()) {
      scenarios = List.of("append", "overwrite", "publish", "upload");
    }
    out = out.toAbsolutePath();
    Files.createDirectories(out);
    String classpath = ValidateBenchmark.snapshot(ValidateBenchmark.childClasspath(), out.resolve("classpath"));
    System.out.println("data benchmark: " + scenarios + ", " + rows + " rows, " + runs + " rounds after " + warmup
        + " warm-up round(s); machine: " + ValidateBenchmark.machine());

    Map<String, Map<String, List<Double>>> results = new LinkedHashMap<>();
    for (String scenario : scenarios) {
      Path home = out.resolve("home-" + scenario);
      SyncSolutions.deleteRecursively(home);
      Files.createDirectories(home);
      int r = scenario.equals("upload") ? uploadRuns : runs;
      results.put(scenario, child(classpath, heap, out.resolve(scenario + ".log"),
          List.of(scenario, Long.toString(rows), Integer.toString(r), Integer.toString(warmup), home.toString())));
      SyncSolutions.deleteRecursively(home); // a few GB of Delta files and Postgres data per scenario
    }
    String report = report(results, rows, runs, warmup, heap);
    Files.writeString(out.resolve("data-results.md"), report, StandardCharsets.UTF_8);
    System.out.println("\n" + report + "(written to " + out.resolve("data-results.md") + ")");
  }

  /** Runs one probe JVM, echoes its progress and returns its measurements by key, one value per run. */
  private static Map<String, List<Double>> child(String classpath, String heap, Path log, List<String> args)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(ValidateBenchmark.childCommand(classpath));
    command.set(command.indexOf("-Xmx2g"), "-Xmx" + heap);
    command.set(command.size() - 1, DataProbe.class.getName());
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Map<String, List<Double>> values = new TreeMap<>();
    long start = System.nanoTime();
    Process p = builder.start();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
        if (line.startsWith(DataProbe.PREFIX)) {
          String[] f = line.substring(DataProbe.PREFIX.length()).split(" ");
          values.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[2]));
        } else if (line.matches("^(append|overwrite|publish|upload) .*")) {
          System.out.println("  " + line);
        }
      }
    }
    int exit = p.waitFor();
    Files.write(log, lines, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new IllegalStateException("Benchmark " + args.get(0) + " failed (exit " + exit + "); see " + log);
    }
    values.computeIfAbsent("wall_s", k -> new ArrayList<>()).add((System.nanoTime() - start) / 1e9);
    return values;
  }

  static String report(Map<String, Map<String, List<Double>>> results, long rows, int runs, int warmup, String heap) {
    StringBuilder t = new StringBuilder("# Data-runtime benchmark\n\n")
        .append(ValidateBenchmark.machine()).append(", ").append(Instant.now()).append(". ")
        .append(String.format(Locale.ROOT, "%,d rows; %d measured rounds after %d warm-up round(s), each benchmark in"
            + " a fresh JVM with -Xmx%s; median, then min–max.%n%n", rows, runs, warmup, heap))
        .append("| benchmark | measurement | median (min–max) | n |\n|---|---|---:|---:|\n");
    results.forEach((scenario, values) -> values.forEach((key, list) -> t.append("| ").append(scenario).append(" | ")
        .append(key).append(" | ").append(cell(list)).append(" | ").append(list.size()).append(" |\n")));
    t.append('\n');
    goal(t, results, "append", "append.vigil_s", "append.plain_s", 1.2, "Vigil APPEND / plain Delta append");
    goal(t, results, "overwrite", "overwrite.vigil_s", "overwrite.plain_s", 1.5, "Vigil OVERWRITE / plain Delta MERGE");
    Map<String, List<Double>> pub = results.get("publish");
    if (pub != null) {
      double vigil = median(pub.get("publish.vigil_s"));
      double jdbc = median(pub.get("publish.spark_jdbc_s"));
      double copy = median(pub.get("publish.raw_copy_s"));
      t.append(String.format(Locale.ROOT, "- publish: %.1f× faster than Spark JDBC (goal ≥ 5×: %s); %.2f× the speed of"
          + " raw COPY (goal ≥ 0.7×: %s)%n", jdbc / vigil, jdbc / vigil >= 5 ? "met" : "NOT met", copy / vigil,
          copy / vigil >= 0.7 ? "met" : "NOT met"));
    }
    Map<String, List<Double>> up = results.get("upload");
    if (up != null) {
      t.append(String.format(Locale.ROOT, "- upload + publish of %,d rows completed with -Xmx%s; peak RSS of the JVM %.0f MiB%n",
          rows, heap, median(up.get("peak_rss_mb"))));
    }
    return t.toString();
  }

  private static void goal(StringBuilder t, Map<String, Map<String, List<Double>>> results, String scenario,
      String vigilKey, String plainKey, double goal, String label) {
    Map<String, List<Double>> v = results.get(scenario);
    if (v == null) {
      return;
    }
    double ratio = median(v.get(vigilKey)) / median(v.get(plainKey));
    t.append(String.format(Locale.ROOT, "- %s: %.2f× (ratio of medians; per-round ratios %s); goal ≤ %.1f×: %s%n", label,
        ratio, cell(v.get(scenario + ".ratio")), goal, ratio <= goal ? "met" : "NOT met"));
  }

  private static String cell(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    String fmt = sorted.get(sorted.size() - 1) >= 100 ? "%,.0f" : "%.2f";
    if (sorted.size() == 1) {
      return String.format(Locale.ROOT, fmt, sorted.get(0));
    }
    return String.format(Locale.ROOT, fmt + " (" + fmt + "–" + fmt + ")", median(sorted), sorted.get(0), sorted.get(sorted.size() - 1));
  }

  static double median(List<Double> values) {
    if (values == null || values.isEmpty()) {
      return Double.NaN;
    }
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
