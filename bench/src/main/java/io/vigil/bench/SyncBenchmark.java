package io.vigil.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;

/**
 * Benchmarks of metadata-sync, each a real {@code vigil} command in a fresh JVM started the way the
 * launcher starts it, against one embedded stack run by {@code vigil dev up --detach}:
 *
 * <ol>
 *   <li>{@code vigil plan} of a solution with N entities (default 1,000) against an empty registry;
 *   <li>the first {@code vigil sync --once} of the template-like solution (every store created);
 *   <li>a no-op {@code vigil sync --once} of the same, unchanged commit;
 *   <li>peak RSS of the idle embedded stack: the stack JVM plus its Postgres processes.
 * </ol>
 *
 * <p>Arguments: {@code --entities N}, {@code --runs R} (plan and no-op sync are repeated R times,
 * median reported), {@code --out DIR}. Results go to stdout and {@code DIR/sync-bench.md}.
 */
public final class SyncBenchmark {
  private SyncBenchmark() {}

  public static void main(String[] args) throws Exception {
    int entities = 1000;
    int runs = 3;
    Path out = Path.of(System.getProperty("vigil.bench.out", "target/sync-bench"));
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--entities" -> entities = Integer.parseInt(args[++i]);
        case "--runs" -> runs = Integer.parseInt(args[++i]);
        case "--out" -> out = Path.of(args[++i]);
        default -> throw new IllegalArgumentException("Unknown argument " + args[i] + "; use --entities N --runs R --out DIR");
      }
    }
    out = out.toAbsolutePath();
    SyncSolutions.deleteRecursively(out);
    Files.createDirectories(out);
    String classpath = ValidateBenchmark.snapshot(ValidateBenchmark.childClasspath(), out.resolve("classpath"));
    Path home = out.resolve("home");
    Map<String, String> env = new LinkedHashMap<>();
    env.put("VIGIL_USER", "bench");

    Map<String, String> results = new LinkedHashMap<>();
    Run up = vigil(classpath, env, out, "dev", "up", "--detach", "--home", home.toString());
    if (up.code != 0) {
      throw new IllegalStateException("vigil dev up failed:\n" + up.output);
    }
    try {
      for (String line : up.output.split("\n")) {
        if (line.startsWith("export ")) {
          String[] kv = line.substring(7).split("=", 2);
          env.put(kv[0], kv[1]);
        }
      }
      Thread.sleep(10_000);
      long rss = stackPeakRss(home);
      results.put("Peak RSS of the idle embedded stack (JVM + Postgres processes)", String.format(Locale.ROOT, "%.0f MB", rss / 1024.0));

      Path big = SyncSolutions.manyDatasets(out.resolve("big"), entities);
      List<Double> plans = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        Run plan = vigil(classpath, env, out, "plan", "--solution", big.toString());
        check(plan, "No changes", false);
        plans.add(plan.seconds);
      }
      results.put("vigil plan, " + entities + " entities (empty registry), median of " + runs, seconds(median(plans)));

      Path repo = SyncSolutions.gitRemote(out.resolve("remote.git"), out.resolve("work"));
      String url = repo.toUri().toString();
      Run first = vigil(classpath, env, out, "sync", "--repo", url, "--once");
      check(first, "Promoted", true);
      results.put("First sync of the template-like solution (" + SyncSolutions.changeCount(first.output) + " changes, Delta included)",
          seconds(first.seconds));
      List<Double> noops = new ArrayList<>();
      for (int r = 0; r < runs; r++) {
        Run noop = vigil(classpath, env, out, "sync", "--repo", url, "--once");
        check(noop, "No changes. Solution is up to date.", true);
        noops.add(noop.seconds);
      }
      results.put("No-op sync of an unchanged commit, median of " + runs, seconds(median(noops)));
    } finally {
      vigil(classpath, env, out, "dev", "down", "--home", home.toString());
    }
    StringBuilder report = new StringBuilder("# metadata-sync benchmark\n\n")
        .append(ValidateBenchmark.machine()).append(", ").append(Instant.now()).append("\n\n")
        .append("Each figure is the wall time of one `vigil` command in a fresh JVM (JVM start included).\n\n")
        .append("| measurement | result |\n|---|---|\n");
    results.forEach((k, v) -> report.append("| ").append(k).append(" | ").append(v).append(" |\n"));
    System.out.print(report);
    Files.writeString(out.resolve("sync-bench.md"), report, StandardCharsets.UTF_8);
  }

  record Run(int code, String output, double seconds) {}

  static Run vigil(String classpath, Map<String, String> env, Path out, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String flag : ValidateBenchmark.jvmOpens().trim().split("\\s+")) {
      command.add(flag);
    }
    command.add("-Xmx2g");
    command.add("-Djava.net.preferIPv4Stack=true");
    command.add("-cp");
    command.add(classpath);
    command.add("io.vigil.cli.Main");
    command.addAll(List.of(args));
    Path log = Files.createTempFile(out, "run-", ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    long start = System.nanoTime();
    Process p = builder.start();
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException("vigil " + String.join(" ", args) + " did not finish within 20 minutes");
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    return new Run(p.exitValue(), Files.readString(log), seconds);
  }

  private static void check(Run run, String expected, boolean present) {
    if (run.code != 0 || run.output.contains(expected) != present) {
      throw new IllegalStateException("Unexpected result (exit " + run.code + "):\n" + run.output);
    }
  }

  /** VmHWM of the stack JVM plus the current RSS of the Postgres postmaster and its children. */
  static long stackPeakRss(Path home) throws IOException {
    String state = Files.readString(home.resolve("stack.json"));
    long jvm = Long.parseLong(state.replaceAll("(?s).*\"pid\"\\s*:\\s*(\\d+).*", "$1"));
    long total = statusKb(jvm, "VmHWM");
    long postmaster = Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid")).get(0).trim());
    List<Long> pg = new ArrayList<>();
    pg.add(postmaster);
    ProcessHandle.of(postmaster).ifPresent(h -> h.descendants().forEach(d -> pg.add(d.pid())));
    for (long pid : pg) {
      total += statusKb(pid, "VmHWM");
    }
    return total;
  }

  private static long statusKb(long pid, String key) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith(key + ":")) {
          return Long.parseLong(line.replaceAll("\\D+", ""));
        }
      }
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(Double::compare);
    return sorted.get(sorted.size() / 2);
  }

  private static String seconds(double s) {
    return String.format(Locale.ROOT, "%.1f s", s);
  }

  /** Git plumbing for the sync measurements; kept here so the benchmark needs no git binary. */
  static void push(Path work, String url) throws Exception {
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("staging").call()) {
      git.remoteAdd().setName("origin").setUri(new URIish(url)).call();
      git.add().addFilepattern(".").call();
      git.commit().setMessage("bench").setAuthor("bench", "bench@example.test").setCommitter("bench", "bench@example.test").call();
      git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/staging:refs/heads/staging")).call();
    }
  }
}
