package io.vigil.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vigil serve} in a child JVM, started the way the launcher starts the CLI, with only the
 * environment given: it serves from the applied solution as a deployment would, and stops on SIGTERM.
 */
final class ChildServe implements AutoCloseable {
  private static final Pattern SERVING = Pattern.compile("^Serving flows .* on (http://\\S+)$");

  private final Process process;
  private final Path log;
  private final URI uri;

  private ChildServe(Process process, Path log, URI uri) {
    this.process = process;
    this.log = log;
    this.uri = uri;
  }

  /** Starts {@code vigil serve args} and waits until it says where it listens. */
  static ChildServe start(Map<String, String> env, Path log, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of(jvmFlags().split("\\s+")));
    command.addAll(List.of("-Xmx1g", "-Djava.net.preferIPv4Stack=true", "-cp", System.getProperty("java.class.path"),
        "io.vigil.cli.Main", "serve"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("VIGIL_") || k.startsWith("MLFLOW_"));
    pb.environment().putAll(env);
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    Process process = pb.start();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (System.nanoTime() < deadline) {
      for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
        Matcher m = SERVING.matcher(line);
        if (m.matches()) {
          return new ChildServe(process, log, URI.create(m.group(1)));
        }
      }
      if (!process.isAlive()) {
        throw new IllegalStateException("vigil serve exited with " + process.exitValue() + ":\n" + Files.readString(log));
      }
      Thread.sleep(200);
    }
    process.destroyForcibly();
    throw new IllegalStateException("vigil serve did not start in 180 s:\n" + Files.readString(log));
  }

  URI uri() {
    return uri;
  }

  String log() throws IOException {
    return Files.readString(log, StandardCharsets.UTF_8);
  }

  /** SIGTERM, then whether it exited within the drain time. */
  boolean stop() throws InterruptedException {
    process.destroy();
    return process.waitFor(40, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    if (process.isAlive() && !stop()) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }

  private static String jvmFlags() throws IOException {
    String flags = System.getProperty("vigil.jvm.flags");
    if (flags != null && !flags.isBlank()) {
      return flags.strip();
    }
    // Outside Maven: the flags the launcher uses, written by the build.
    return Files.readString(Path.of("target/jvm-flags.txt")).strip();
  }
}
