package io.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * {@code ./vigil validate} of a generated solution through the real launcher, with the launcher's
 * class-data-sharing archive and without it ({@code VIGIL_CDS=off}), alternating, one fresh process
 * per run, each on a quiet machine. The wall time covers everything a user waits for: bash, JVM
 * start, load, validate and report. Writes {@code DIR/results.json} ({name, vigil, counterpart,
 * ratio, goal, met}, where vigil is with the archive and the counterpart without) and
 * {@code DIR/results.md}.
 *
 * <p>Arguments: {@code --root DIR} (the checkout with {@code ./vigil}; the working directory),
 * {@code --entities N} (200), {@code --runs R} (5), {@code --out DIR} (bench/target/launcher-start).
 */
public final class LauncherStartBenchmark {
  /** The goal for validate of 200 entities. */
  private static final double GOAL_SECONDS = 1.5;

  private LauncherStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path root = Path.of("").toAbsolutePath();
    int entities = 200;
    int runs = 5;
    Path out = Path.of("bench/target/launcher-start");
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--root" -> root = Path.of(args[++i]).toAbsolutePath();
        case "--entities" -> entities = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("Cannot read argument " + args[i] + ": unknown");
      }
    }
    Path launcher = root.resolve("vigil");
    Path solution = out.toAbsolutePath().resolve("solution-" + entities);
    SyncSolutions.deleteRecursively(solution);
    System.out.println("launcher start benchmark: " + SolutionGenerator.generate(solution, entities).describe());
    System.out.println("machine: " + ValidateBenchmark.machine());
    // The first start builds the CLI and its archive when they are stale; neither is measured.
    time(launcher, solution, true);
    time(launcher, solution, false);

    List<Double> with = new ArrayList<>();
    List<Double> without = new ArrayList<>();
    for (int r = 0; r < runs; r++) {
      // Alternate which side runs first, so a drift of the machine's state hits both alike.
      boolean cdsFirst = r % 2 == 0;
      double a = quietTime(launcher, solution, cdsFirst);
      double b = quietTime(launcher, solution, !cdsFirst);
      (cdsFirst ? with : without).add(a);
      (cdsFirst ? without : with).add(b);
      System.out.printf(Locale.ROOT, "  run %d: with the archive %.2f s, without %.2f s%n", r + 1,
          with.get(with.size() - 1), without.get(without.size() - 1));
    }
    double withMedian = median(with);
    double withoutMedian = median(without);
    ArrayNode results = new ObjectMapper().createArrayNode();
    results.addObject().put("name", "vigil validate, " + entities + " entities, wall time of ./vigil (s)")
        .put("vigil", withMedian).put("counterpart", withoutMedian).put("ratio", withMedian / withoutMedian)
        .put("goal", "<= " + GOAL_SECONDS + " s").put("met", withMedian <= GOAL_SECONDS);
    Files.createDirectories(out);
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(), results);
    String md = String.format(Locale.ROOT, "# Launcher start%n%n%s, %s. %d runs each, median (min–max).%n%n"
            + "| measurement | with the CDS archive | without (VIGIL_CDS=off) | ratio | goal | met |%n|---|---:|---:|---:|---|---|%n"
            + "| vigil validate, %d entities, wall time | %.2f s (%.2f–%.2f) | %.2f s (%.2f–%.2f) | %.2f | <= %.1f s | %s |%n",
        ValidateBenchmark.machine(), Instant.now(), runs, entities, withMedian, Collections.min(with), Collections.max(with),
        withoutMedian, Collections.min(without), Collections.max(without), withMedian / withoutMedian, GOAL_SECONDS,
        withMedian <= GOAL_SECONDS ? "yes" : "NO");
    Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
    System.out.println("\n" + md + "(written to " + out.resolve("results.json") + ")");
  }

  private static double quietTime(Path launcher, Path solution, boolean cds) throws IOException, InterruptedException {
    ValidateBenchmark.waitForQuiet();
    return time(launcher, solution, cds);
  }

  /** Seconds from starting {@code ./vigil validate} to its exit; a failed validation fails the benchmark. */
  private static double time(Path launcher, Path solution, boolean cds) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "validate", "--solution", solution.toString())
        .redirectErrorStream(true);
    pb.environment().put("VIGIL_CDS", cds ? "on" : "off");
    long start = System.nanoTime();
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int code = p.waitFor();
    double seconds = (System.nanoTime() - start) / 1e9;
    if (code != 0 || !output.contains("Solution is valid.")) {
      throw new IllegalStateException("Cannot measure vigil validate: exit " + code + "\n" + output);
    }
    return seconds;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
