package io.vigil.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedOutputStream;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Vigil's detector against scikit-learn's {@code IsolationForest} (100 trees, 256 samples) on the same
 * records ({@link PlantedData}, 1,000,000 × 10 by default, 1 % planted anomalies) and the same cores,
 * each in its own process, one after the other: training time, scoring throughput, peak RSS and AUC
 * on the planted labels.
 *
 * <p>Arguments: {@code --rows N}, {@code --threads T} (2; Spark local[T] and sklearn's n_jobs),
 * {@code --heap SIZE} (4g, the Vigil JVM), {@code --out DIR} (bench/target/detector). The Python is
 * {@code <venv>/bin/python} with {@code -Dvigil.venv=DIR} (default {@code .venv} of the working tree).
 * Writes {@code DIR/results.json} ({name, vigil, counterpart, ratio, goal, met}) and {@code DIR/results.md}.
 */
public final class DetectorBenchmark {
  private DetectorBenchmark() {}

  public static void main(String[] args) throws Exception {
    long rows = 1_000_000;
    int threads = 2;
    String heap = "4g";
    Path out = Path.of("bench/target/detector");
    for (int i = 0; i < args.length; i++) {
      switch (args[i].strip()) {
        case "" -> { }
        case "--rows" -> rows = Long.parseLong(args[++i]);
        case "--threads" -> threads = Integer.parseInt(args[++i]);
        case "--heap" -> heap = args[++i];
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("Cannot run the detector benchmark: unknown argument " + args[i]);
      }
    }
    out = out.toAbsolutePath();
    Files.createDirectories(out);
    Path python = venv().resolve("bin/python");
    if (!Files.isExecutable(python)) {
      throw new IllegalStateException("Cannot run the detector benchmark: no Python at " + python
          + "; build the venv (dags module) or pass -Dvigil.venv=DIR");
    }
    System.out.println("detector benchmark: " + rows + " rows x " + PlantedData.FEATURES + " features, " + threads
        + " threads; machine: " + ValidateBenchmark.machine() + "; load average " + Files.readString(Path.of("/proc/loadavg")).trim());
    Path features = out.resolve("features.f64");
    Path labels = out.resolve("labels.u8");
    write(rows, features, labels);

    Path script = out.resolve("sklearn_iforest.py");
    try (InputStream in = DetectorBenchmark.class.getResourceAsStream("sklearn_iforest.py")) {
      Files.copy(in, script, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    Map<String, Double> sklearn = run(List.of(python.toString(), script.toString(), features.toString(), labels.toString(),
        Integer.toString(PlantedData.FEATURES), Integer.toString(threads)), out.resolve("sklearn.log"), Map.of(
            "OMP_NUM_THREADS", Integer.toString(threads), "OPENBLAS_NUM_THREADS", Integer.toString(threads)));
    Files.delete(features);
    Files.delete(labels);

    String classpath = ValidateBenchmark.snapshot(ValidateBenchmark.childClasspath(), out.resolve("classpath"));
    List<String> command = new ArrayList<>(ValidateBenchmark.childCommand(classpath));
    command.set(command.indexOf("-Xmx2g"), "-Xmx" + heap);
    command.set(command.size() - 1, DetectorProbe.class.getName());
    command.add(Long.toString(rows));
    command.add(out.resolve("vigil-work").toString());
    SyncSolutions.deleteRecursively(out.resolve("vigil-work"));
    Map<String, Double> vigil = run(command, out.resolve("vigil.log"), Map.of("SPARK_LOCAL_IP", "127.0.0.1"));

    ArrayNode results = new ObjectMapper().createArrayNode();
    add(results, "training time (s)", vigil.get("train_s"), sklearn.get("train_s"), "reported, no goal", null);
    double vt = vigil.get("score_rows_per_s");
    double st = sklearn.get("score_rows_per_s");
    add(results, "scoring throughput (rows/s)", vt, st, ">= counterpart", vt >= st);
    add(results, "AUC on planted labels (fused score)", vigil.get("auc"), sklearn.get("auc"), ">= counterpart",
        vigil.get("auc") >= sklearn.get("auc"));
    add(results, "AUC on planted labels (Vigil's isolation forest alone)", vigil.get("auc_iforest"), sklearn.get("auc"),
        "reported, no goal", null);
    add(results, "peak RSS (MiB)", vigil.get("peak_rss_mib"), sklearn.get("peak_rss_mib"), "reported, no goal", null);
    add(results, "records at or above the threshold (Vigil 0.5 fused; sklearn predict -1)", vigil.get("anomalies"),
        sklearn.get("anomalies"), "reported, no goal (1 % are planted)", null);
    add(results, "plain-Java scorer, one record at a time (rows/s, " + threads + " threads)", vigil.get("plain_rows_per_s"), st,
        "reported, no goal", null);
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    json.writeValue(out.resolve("results.json").toFile(), results);
    String md = markdown(results, rows, threads, heap);
    Files.writeString(out.resolve("results.md"), md, StandardCharsets.UTF_8);
    System.out.println("\n" + md + "(written to " + out.resolve("results.json") + ")");
  }

  private static void add(ArrayNode results, String name, double vigil, double counterpart, String goal, Boolean met) {
    ObjectNode n = results.addObject().put("name", name).put("vigil", vigil).put("counterpart", counterpart)
        .put("ratio", vigil / counterpart).put("goal", goal);
    if (met == null) {
      n.putNull("met");
    } else {
      n.put("met", met);
    }
  }

  private static String markdown(ArrayNode results, long rows, int threads, String heap) {
    StringBuilder t = new StringBuilder("# Detector benchmark\n\n").append(ValidateBenchmark.machine()).append(", ")
        .append(Instant.now()).append(String.format(Locale.ROOT, ". %,d records x %d features, %d threads, Vigil JVM -Xmx%s.%n%n",
            rows, PlantedData.FEATURES, threads, heap))
        .append("| measurement | Vigil | scikit-learn | ratio | goal | met |\n|---|---:|---:|---:|---|---|\n");
    results.forEach(n -> t.append(String.format(Locale.ROOT, "| %s | %s | %s | %.2f | %s | %s |%n", n.get("name").asText(),
        cell(n.get("vigil").asDouble()), cell(n.get("counterpart").asDouble()), n.get("ratio").asDouble(), n.get("goal").asText(),
        n.get("met").isNull() ? "" : n.get("met").asBoolean() ? "yes" : "NO")));
    return t.toString();
  }

  private static String cell(double v) {
    return v >= 1000 ? String.format(Locale.ROOT, "%,.0f", v) : v >= 10 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.4f", v);
  }

  /** The features (float64, little-endian, row-major) and labels (uint8) that the Python side reads. */
  private static void write(long rows, Path features, Path labels) throws IOException {
    double[] x = new double[PlantedData.FEATURES];
    ByteBuffer buffer = ByteBuffer.allocate(8 * PlantedData.FEATURES).order(ByteOrder.LITTLE_ENDIAN);
    try (OutputStream f = new BufferedOutputStream(Files.newOutputStream(features), 1 << 20);
        OutputStream l = new BufferedOutputStream(Files.newOutputStream(labels), 1 << 16)) {
      for (long id = 0; id < rows; id++) {
        l.write(PlantedData.row(id, x) ? 1 : 0);
        buffer.clear();
        for (double v : x) {
          buffer.putDouble(v);
        }
        f.write(buffer.array());
      }
    }
  }

  /** Runs one probe process, echoes its lines, and returns its RESULT values. */
  private static Map<String, Double> run(List<String> command, Path log, Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(env);
    Process p = builder.start();
    Map<String, Double> values = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
        if (line.startsWith(DetectorProbe.PREFIX)) {
          String[] f = line.substring(DetectorProbe.PREFIX.length()).split(" ");
          values.put(f[0], Double.parseDouble(f[1]));
          System.out.println("  " + log.getFileName().toString().replace(".log", "") + " " + f[0] + " " + f[1]);
        }
      }
    }
    int exit = p.waitFor();
    Files.write(log, lines, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new IllegalStateException("Cannot finish the detector benchmark: " + command.get(0) + " exited " + exit + "; see " + log);
    }
    return values;
  }

  private static Path venv() {
    String explicit = System.getProperty("vigil.venv");
    if (explicit != null && !explicit.isBlank()) {
      return Path.of(explicit);
    }
    Path tree = Path.of("").toAbsolutePath();
    while (tree.getParent() != null && !Files.isRegularFile(tree.resolve("bench").resolve("pom.xml"))) {
      tree = tree.getParent();
    }
    return tree.resolve(".venv");
  }
}
