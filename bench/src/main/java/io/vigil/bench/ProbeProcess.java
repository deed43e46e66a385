package io.vigil.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one probe JVM with the SDK's class path snapshot, echoes its {@code RESULT <key> <value>}
 * lines, keeps its whole output in a log, and returns the values: the decisioning benchmarks'
 * way of measuring in a fresh process.
 */
final class ProbeProcess {
  private ProbeProcess() {}

  /** The command of a probe: the benchmark JVM's Java, the Spark flags, {@code -Xmx<heap>}, the class and its arguments. */
  static List<String> command(Path out, String heap, Class<?> probe, List<String> args) throws IOException {
    String classpath = ValidateBenchmark.snapshot(ValidateBenchmark.childClasspath(), out.resolve("classpath"));
    List<String> command = new ArrayList<>(ValidateBenchmark.childCommand(classpath));
    command.set(command.indexOf("-Xmx2g"), "-Xmx" + heap);
    command.set(command.size() - 1, probe.getName());
    command.addAll(args);
    return command;
  }

  /** The values of each key, in the order the probe printed them (a key per run gives a value per run). */
  static Map<String, List<Double>> run(List<String> command, Path log) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    Map<String, List<Double>> values = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        lines.add(line);
        if (line.startsWith(DetectorProbe.PREFIX)) {
          String[] f = line.substring(DetectorProbe.PREFIX.length()).split(" ");
          values.computeIfAbsent(f[0], k -> new ArrayList<>()).add(Double.parseDouble(f[1]));
          System.out.println("  " + f[0] + " " + f[1]);
        }
      }
    }
    int exit = p.waitFor();
    Files.write(log, lines, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new IllegalStateException("Cannot finish the benchmark: its probe exited " + exit + "; see " + log);
    }
    return values;
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  static String loadAverage() throws IOException {
    return Files.readString(Path.of("/proc/loadavg")).trim();
  }
}
