package io.vigil.cli.explore;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.runtime.Vigil;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import jdk.jshell.JShell;
import jdk.jshell.tool.JavaShellToolBuilder;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil shell}: JShell on a solution, with {@code ctx} and {@code ws} defined. */
@Command(
    name = "shell",
    mixinStandardHelpOptions = true,
    description = {
      "Start JShell with the SDK on its class path, the JVM flags Spark needs, and two variables: ctx, a JobContext",
      "on the solution for the execution date and environment, and ws, its Workspace. The runtime's common classes",
      "and org.apache.spark.sql.* are imported. With a script file, or with standard input that is not a terminal,",
      "it runs the snippets in order and stops at the first that does not compile or throws; the exit code says",
      "whether the script succeeded."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the shell or the script ended normally (or /exit 0)", "1:a snippet threw, or the shell could not start",
        "2:invalid command line", "3:a snippet did not compile, or the script used a command of the interactive shell"})
public final class ShellCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
  Path solution;

  @Option(names = "--execution-date", paramLabel = "<date>",
      description = "Execution date of ctx, ISO-8601: 1995-02-01 or 1995-02-01T00:00:00 (default: today, UTC).")
  String executionDate;

  @Option(names = "--env", defaultValue = "private", paramLabel = "public|private",
      description = "Data environment of ctx (default: private). Writing public needs VIGIL_ROLES=manager.")
  String env;

  @Parameters(arity = "0..1", paramLabel = "<script>", description = "A JShell script to run instead of the interactive shell; - reads standard input.")
  String script;

  @Override
  public Integer call() throws Exception {
    String environment = env.toLowerCase(Locale.ROOT);
    if (!environment.equals("public") && !environment.equals("private")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--env': '" + env
          + "' (expected public or private)");
    }
    LocalDateTime date = executionDate == null ? LocalDate.now(ZoneOffset.UTC).atStartOfDay() : Vigil.parseDate(executionDate);
    Path dir = solution.toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("solution.yaml"))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--solution': " + dir
          + " has no solution.yaml");
    }
    Path session = ShellSession.write(new ShellSession.Spec(dir.toString(), date.toString(), environment,
        System.getProperty("java.class.path"), CliEnvironment.get()));
    try {
      List<String> remote = new ArrayList<>(jvmFlags());
      remote.add("-D" + ShellSession.PROPERTY + "=" + session);
      String startup = startupScript();
      boolean interactive = script == null && stdinIsTerminal();
      return interactive ? interactive(remote, startup) : scripted(remote, startup);
    } finally {
      Files.deleteIfExists(session);
    }
  }

  /**
   * Whether standard input is a terminal: as the {@code vigil} launcher found it, else (the CLI
   * started another way) as far as Java 17 can tell, which it cannot once standard output is redirected.
   */
  private static boolean stdinIsTerminal() {
    String launcher = System.getProperty("vigil.stdin.terminal");
    return launcher != null ? Boolean.parseBoolean(launcher) : System.console() != null;
  }

  /** The JShell tool itself, on this terminal, with the start-up script after JShell's default imports. */
  private int interactive(List<String> remote, String startup) throws Exception {
    Path file = Files.createTempFile("vigil-shell-startup-", ".jsh");
    try {
      Files.writeString(file, startup, StandardCharsets.UTF_8);
      List<String> args = new ArrayList<>(List.of("--class-path", System.getProperty("java.class.path")));
      remote.forEach(flag -> args.add("-R" + flag));
      args.addAll(List.of("--startup", "DEFAULT", "--startup", file.toString()));
      return JavaShellToolBuilder.builder().start(args.toArray(String[]::new));
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private int scripted(List<String> remote, String startup) throws IOException {
    String source;
    String name;
    if (script == null || script.equals("-")) {
      source = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      name = "standard input";
    } else {
      Path file = Path.of(script);
      if (!Files.isRegularFile(file)) {
        throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for parameter '<script>': " + file
            + " is not a file");
      }
      source = Files.readString(file, StandardCharsets.UTF_8);
      name = file.toString();
    }
    PrintStream out = new PrintStream(new WriterStream(spec.commandLine().getOut()), true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(new WriterStream(spec.commandLine().getErr()), true, StandardCharsets.UTF_8);
    try (JShell shell = JShell.builder().in(InputStream.nullInputStream()).out(out).err(err)
        .remoteVMOptions(remote.toArray(String[]::new)).build()) {
      shell.addToClasspath(System.getProperty("java.class.path"));
      ShellScript runner = new ShellScript(shell, out, err);
      ShellScript.Outcome started = runner.run("the shell's start-up", startup, false);
      if (!started.ok()) {
        return ExitCodes.INTERNAL;
      }
      ShellScript.Outcome outcome = runner.run(name, source, true);
      runner.run("the shell's end", "io.vigil.cli.explore.ShellSession.close();", false);
      return outcome.exitCode();
    } finally {
      out.flush();
      err.flush();
    }
  }

  private static String startupScript() throws IOException {
    try (InputStream in = ShellCommand.class.getResourceAsStream("shell-startup.jsh")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /**
   * The flags of this JVM that the shell's JVM needs too: Spark's module openings, the heap, IPv4, and
   * the launcher's UTC time zone and reflection setting (so timestamps print as in the CLI).
   */
  static List<String> jvmFlags() {
    List<String> in = ManagementFactory.getRuntimeMXBean().getInputArguments();
    List<String> out = new ArrayList<>();
    for (int i = 0; i < in.size(); i++) {
      String a = in.get(i);
      if ((a.equals("--add-opens") || a.equals("--add-exports")) && i + 1 < in.size()) {
        out.add(a + "=" + in.get(++i));
      } else if (a.startsWith("--add-opens=") || a.startsWith("--add-exports=") || a.startsWith("-Xmx")
          || a.equals("-XX:+IgnoreUnrecognizedVMOptions") || a.startsWith("-Djava.net.preferIPv4Stack")
          || a.startsWith("-Duser.timezone=") || a.startsWith("-Djdk.reflect.useDirectMethodHandle=")) {
        out.add(a);
      }
    }
    return out;
  }

  /** Bytes to a PrintWriter, decoded as UTF-8 on flush (JShell writes its output to streams). */
  private static final class WriterStream extends OutputStream {
    private final PrintWriter writer;
    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

    WriterStream(PrintWriter writer) {
      this.writer = writer;
    }

    @Override
    public synchronized void write(int b) {
      buffer.write(b);
    }

    @Override
    public synchronized void write(byte[] b, int off, int len) {
      buffer.write(b, off, len);
    }

    @Override
    public synchronized void flush() {
      writer.write(buffer.toString(StandardCharsets.UTF_8));
      writer.flush();
      buffer.reset();
    }
  }
}
