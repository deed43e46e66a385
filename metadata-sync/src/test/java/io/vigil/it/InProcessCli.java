package io.vigil.it;

import io.vigil.cli.VigilCommand;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.lang.reflect.Method;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs the vigil CLI in this JVM with an environment map, as {@code io.vigil.cli.Cli} does for the
 * CLI's own tests. The CLI reads its environment from the package-private {@code CliEnvironment},
 * which is reached by reflection from this package.
 */
final class InProcessCli {
  record Result(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private InProcessCli() {}

  /** Runs {@code vigil args...}; stdout and stderr are captured and also echoed to this JVM's stdout. */
  static Result run(Map<String, String> env, String... args) throws Exception {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = VigilCommand.commandLine();
    cli.setOut(new PrintWriter(new Tee(out), true));
    cli.setErr(new PrintWriter(new Tee(err), true));
    int code;
    try (AutoCloseable ignored = useEnvironment(env)) {
      code = cli.execute(args);
    }
    return new Result(code, out.toString(), err.toString());
  }

  private static AutoCloseable useEnvironment(Map<String, String> env) throws ReflectiveOperationException {
    Method use = Class.forName("io.vigil.cli.CliEnvironment").getDeclaredMethod("use", Map.class);
    use.setAccessible(true);
    return (AutoCloseable) use.invoke(null, env);
  }

  /** Keeps what the CLI prints and shows it in the test's output as it comes. */
  private static final class Tee extends Writer {
    private final StringWriter kept;

    Tee(StringWriter kept) {
      this.kept = kept;
    }

    @Override
    public void write(char[] buf, int off, int len) {
      kept.write(buf, off, len);
      System.out.print(new String(buf, off, len));
    }

    @Override
    public void flush() {
      System.out.flush();
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }
}
