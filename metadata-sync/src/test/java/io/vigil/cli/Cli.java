package io.vigil.cli;

import io.vigil.cli.common.CliEnvironment;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine;

/** Runs the vigil CLI in-process with a given environment, capturing its writers and System.out/err (logs). */
final class Cli {
  record Result(int code, String out, String err, String logs) {
    String all() {
      return out + err + logs;
    }
  }

  private Cli() {}

  static Result run(Map<String, String> env, String... args) {
    return runWithInput(env, "", args);
  }

  /** Runs with {@code input} as standard input. */
  static Result runWithInput(Map<String, String> env, String input, String... args) {
    ByteArrayOutputStream logs = new ByteArrayOutputStream();
    InputStream oldIn = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    PrintStream capture = new PrintStream(new TeeStream(logs, oldErr), true, StandardCharsets.UTF_8);
    // Replace System.out/err before building the command line: picocli looks at them when it is built.
    System.setOut(capture);
    System.setErr(capture);
    CommandLine cli = VigilCommand.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    int code;
    try (AutoCloseable ignored = CliEnvironment.use(env)) {
      code = cli.execute(args);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
      System.setIn(oldIn);
    }
    return new Result(code, out.toString(), err.toString(), logs.toString(StandardCharsets.UTF_8));
  }

  /** Copies a directory tree. */
  static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> walk = Files.walk(from)) {
      for (Path p : walk.sorted().toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Writes to two streams: the captured logs and the real stderr, so a failing test still shows them. */
  private static final class TeeStream extends java.io.OutputStream {
    private final java.io.OutputStream a;
    private final java.io.OutputStream b;

    TeeStream(java.io.OutputStream a, java.io.OutputStream b) {
      this.a = a;
      this.b = b;
    }

    @Override
    public void write(int c) throws IOException {
      a.write(c);
      b.write(c);
    }

    @Override
    public void write(byte[] buf, int off, int len) throws IOException {
      a.write(buf, off, len);
      b.write(buf, off, len);
    }
  }
}
