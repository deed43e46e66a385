package io.vigil.cli.dev;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Subcommands;
import io.vigil.runtime.store.EmbeddedStack;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.sync.errors.SyncErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code vigil dev}: the embedded stack (Postgres and S3Proxy) as one long-running process. */
@Command(
    name = "dev",
    mixinStandardHelpOptions = true,
    description = "Run the embedded stores for development: 'vigil dev up' starts them, 'vigil dev down' stops them.",
    subcommands = {DevCommand.Up.class, DevCommand.Down.class, CommandLine.HelpCommand.class})
public final class DevCommand implements Runnable {
  static final String STATE_FILE = "stack.json";
  static final String LOG_FILE = "dev-stack.log";

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static Path home(Path option) {
    return option != null ? option.toAbsolutePath().normalize() : StoreSettings.fromEnvironment(CliEnvironment.get()).home();
  }

  @Command(
      name = "up",
      mixinStandardHelpOptions = true,
      description = {
        "Start embedded Postgres and S3Proxy with their data under the home directory, and print the export lines",
        "that point Vigil at them. Stays in the foreground until interrupted, unless --detach is given.",
        "Data survives a restart. The S3 secret stays in a file; only its path is printed."
      },
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:started (and, in the foreground, stopped again)", "1:the stack failed to start",
          "2:invalid command line", "5:a stack already runs in this home"})
  static final class Up implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--home", paramLabel = "<dir>", description = "Home of the stack's data (default: VIGIL_HOME, else ~/.vigil).")
    Path home;

    @Option(names = "--detach", description = "Start the stack in a background process and return once it is ready.")
    boolean detach;

    @Option(names = "--timeout", defaultValue = "180", hidden = true)
    int timeoutSeconds;

    @Override
    public Integer call() throws Exception {
      Path dir = home(home);
      PrintWriter out = spec.commandLine().getOut();
      if (detach) {
        return detach(dir, out);
      }
      EmbeddedStack stack = EmbeddedStack.start(dir);
      CountDownLatch stopped = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        stack.close();
        stopped.countDown();
      }, "vigil-dev-down");
      Runtime.getRuntime().addShutdownHook(hook);
      printExports(out, dir, stack.pgUrl(), stack.s3Endpoint(), stack.s3SecretFile().toString());
      out.println("# The embedded stack runs (pid " + ProcessHandle.current().pid() + "); stop it with Ctrl-C or 'vigil dev down'.");
      out.flush();
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        Runtime.getRuntime().removeShutdownHook(hook);
        stack.close();
      }
      return ExitCodes.OK;
    }

    private int detach(Path dir, PrintWriter out) throws IOException, InterruptedException {
      JsonNode running = runningState(dir);
      if (running != null) {
        throw SyncErrors.devStackRunning(dir, running.get("pid").asLong());
      }
      Files.createDirectories(dir);
      List<String> command = new ArrayList<>();
      command.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
      for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
        if (!arg.startsWith("-agentlib") && !arg.startsWith("-javaagent") && !arg.startsWith("-Xrunjdwp")) {
          command.add(arg);
        }
      }
      // The stack process holds only S3Proxy in its heap; Postgres runs in its own processes.
      command.add("-Xmx384m");
      command.add("-cp");
      command.add(System.getProperty("java.class.path"));
      command.add(Subcommands.MAIN_CLASS);
      command.addAll(List.of("dev", "up", "--home", dir.toString()));
      Path log = dir.resolve(LOG_FILE);
      Process child = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).redirectInput(ProcessBuilder.Redirect.PIPE).start();
      child.getOutputStream().close();
      long deadline = System.nanoTime() + Duration.ofSeconds(timeoutSeconds).toNanos();
      while (System.nanoTime() < deadline) {
        JsonNode state = runningState(dir);
        if (state != null && state.get("pid").asLong() == child.pid()) {
          printExports(out, dir, state.get("pg_url").asText(), state.get("s3_endpoint").asText(), state.get("s3_secret_file").asText());
          out.println("# The embedded stack runs in the background (pid " + child.pid() + "); stop it with 'vigil dev down"
              + (home != null ? " --home " + dir : "") + "'. Its log is " + log + ".");
          out.flush();
          return ExitCodes.OK;
        }
        if (!child.isAlive()) {
          throw SyncErrors.devStackExited(dir, child.exitValue(), log);
        }
        Thread.sleep(200);
      }
      child.destroy();
      throw SyncErrors.devStackNotReady(dir, timeoutSeconds, log);
    }
  }

  @Command(
      name = "down",
      mixinStandardHelpOptions = true,
      description = "Stop the embedded stack that 'vigil dev up' runs for the home directory; its data stays.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:stopped, or none was running", "1:it did not stop", "2:invalid command line"})
  static final class Down implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--home", paramLabel = "<dir>", description = "Home of the stack's data (default: VIGIL_HOME, else ~/.vigil).")
    Path home;

    @Override
    public Integer call() throws Exception {
      Path dir = home(home);
      PrintWriter out = spec.commandLine().getOut();
      JsonNode state = runningState(dir);
      ProcessHandle process = state == null ? null : ProcessHandle.of(state.get("pid").asLong()).orElse(null);
      if (process == null || !process.isAlive()) {
        out.println("No embedded stack runs in " + dir + ".");
        out.flush();
        return ExitCodes.OK;
      }
      process.destroy();
      try {
        process.onExit().get(60, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        process.destroyForcibly();
        process.onExit().get(30, TimeUnit.SECONDS);
      }
      out.println("Stopped the embedded stack in " + dir + " (pid " + process.pid() + "); its data stays there.");
      out.flush();
      return ExitCodes.OK;
    }
  }

  /** The stack.json of a stack that another live process runs with its ports open, or null. */
  static JsonNode runningState(Path dir) {
    Path file = dir.resolve(STATE_FILE);
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try {
      JsonNode s = new ObjectMapper().readTree(file.toFile());
      long pid = s.get("pid").asLong();
      boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      return alive && listening(s.get("pg_port").asInt()) && listening(URI.create(s.get("s3_endpoint").asText()).getPort()) ? s : null;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void printExports(PrintWriter out, Path home, String pgUrl, String s3Endpoint, String secretFile) {
    out.println("export VIGIL_HOME=" + home);
    out.println("export VIGIL_PG_URL=" + pgUrl);
    out.println("export VIGIL_PG_USER=postgres");
    out.println("export VIGIL_S3_ENDPOINT=" + s3Endpoint);
    out.println("export VIGIL_S3_ACCESS_KEY=" + EmbeddedStack.ACCESS_KEY);
    out.println("export VIGIL_S3_SECRET_KEY_FILE=" + secretFile);
  }
}
