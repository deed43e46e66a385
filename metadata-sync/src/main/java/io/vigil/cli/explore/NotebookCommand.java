package io.vigil.cli.explore;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.sync.errors.SyncErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil notebook}: JupyterLab, or one notebook run headless, on the JJava kernel with the SDK. */
@Command(
    name = "notebook",
    mixinStandardHelpOptions = true,
    description = {
      "Start JupyterLab on 127.0.0.1 with the JJava kernel set up for Vigil: the SDK on the kernel's class path,",
      "the JVM flags Spark needs, the stores of this environment and VIGIL_SOLUTION naming the solution. First it",
      "makes sure the venv with Jupyter and JJava exists and is current (dags/build/venv.sh of the checkout the CLI",
      "runs from; quick when nothing changed). It prints the URL with its token and runs until stopped (Ctrl-C).",
      "With --execute it runs one notebook headless instead, writes the executed copy, and fails naming the first",
      "cell that raised an error."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:JupyterLab stopped normally, or every cell of the notebook ran", "1:a cell raised an error, Jupyter failed,"
        + " or the venv could not be created", "2:invalid command line", "3:the solution or the notebook does not exist"})
public final class NotebookCommand implements Callable<Integer> {
  /** A cell may run a whole job on local Spark; a cell that hangs longer than this fails the run. */
  private static final int CELL_TIMEOUT_SECONDS = 1800;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  @Spec CommandSpec spec;

  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
  Path solution;

  @Option(names = "--port", defaultValue = "8888", paramLabel = "<port>", description = "Port of JupyterLab on 127.0.0.1 (default: 8888).")
  int port;

  @Option(names = "--execute", paramLabel = "<notebook>", description = "Run this notebook headless instead of starting JupyterLab.")
  Path execute;

  @Option(names = "--out", paramLabel = "<file>",
      description = "With --execute: where the executed copy goes (default: <notebook>.executed.ipynb next to it).")
  Path out;

  @Option(names = "--venv", paramLabel = "<dir>",
      description = "The venv with Jupyter and JJava; created there when missing (default: $VIGIL_VENV, else .venv of the checkout).")
  Path venv;

  @Override
  public Integer call() throws Exception {
    Path dir = solution.toAbsolutePath().normalize();
    if (!Files.isRegularFile(dir.resolve("solution.yaml"))) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--solution': " + dir
          + " has no solution.yaml.");
    }
    if (out != null && execute == null) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Option '--out' goes with '--execute'.");
    }
    if (out != null && !out.getFileName().toString().endsWith(".ipynb")) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--out': " + out
          + " does not end with .ipynb.");
    }
    if (port < 1 || port > 65535) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--port': " + port
          + " (expected 1-65535).");
    }
    Path notebook = execute == null ? null : execute.toAbsolutePath().normalize();
    if (notebook != null && !Files.isRegularFile(notebook)) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--execute': " + notebook
          + " is not a file.");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    NotebookVenv env = NotebookVenv.prepare(venv, CliEnvironment.get(), stdout);
    Map<String, String> kernel = KernelEnvironment.of(System.getenv(), CliEnvironment.get(), dir, env.dir());
    return notebook != null ? execute(env, kernel, notebook, stdout) : lab(env, kernel, stdout);
  }

  private int execute(NotebookVenv env, Map<String, String> kernel, Path notebook, PrintWriter stdout)
      throws IOException, InterruptedException {
    Path target = (out != null ? out : notebook.resolveSibling(baseName(notebook) + ".executed.ipynb")).toAbsolutePath().normalize();
    Files.createDirectories(target.getParent());
    // A copy from an earlier run must not pass for this run's.
    Files.deleteIfExists(target);
    Path log = Files.createTempFile("vigil-nbconvert-", ".log");
    // --allow-errors: every cell runs and keeps its outputs, so the copy shows the failure in place and
    // this command names the failing cell from it, rather than from nbconvert's traceback.
    List<String> command = List.of(env.bin("jupyter").toString(), "nbconvert", "--to", "notebook", "--execute", "--allow-errors",
        "--ExecutePreprocessor.timeout=" + CELL_TIMEOUT_SECONDS, "--output-dir", target.getParent().toString(),
        "--output", baseName(target), notebook.toString());
    stdout.println("Executing " + notebook + " on the JJava kernel (solution " + kernel.get(KernelEnvironment.SOLUTION) + ")...");
    stdout.flush();
    long started = System.nanoTime();
    Process p = start(command, kernel, notebook.getParent(), log);
    int code;
    try {
      code = p.waitFor();
    } finally {
      stop(p);
    }
    if (code != 0 || !Files.isRegularFile(target)) {
      throw SyncErrors.jupyterFailed("execute the notebook " + notebook, "jupyter nbconvert exited with " + code, log);
    }
    // nbconvert ran to the end: the executed copy, not its log, tells what each cell did.
    Files.deleteIfExists(log);
    ExecutedNotebook executed = ExecutedNotebook.read(target);
    if (executed.failed().isPresent()) {
      ExecutedNotebook.FailedCell cell = executed.failed().get();
      throw SyncErrors.notebookCellFailed(notebook, cell.number(), cell.firstLine(), cell.error(), target);
    }
    stdout.println("Executed " + executed.codeCells() + " code cells in " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
        + " s; the executed copy is " + target + ".");
    return ExitCodes.OK;
  }

  private int lab(NotebookVenv env, Map<String, String> kernel, PrintWriter stdout) throws IOException, InterruptedException {
    if (!Files.isExecutable(env.bin("jupyter-lab"))) {
      throw SyncErrors.notebookVenvUnavailable(env.dir(), "it has no JupyterLab (" + env.bin("jupyter-lab") + ")");
    }
    byte[] secret = new byte[24];
    new SecureRandom().nextBytes(secret);
    String token = HexFormat.of().formatHex(secret);
    Map<String, String> labEnv = new HashMap<>(kernel);
    // The token goes in the environment, not on the command line, where any user's process list shows it.
    labEnv.put("JUPYTER_TOKEN", token);
    Path log = Files.createTempFile("vigil-jupyterlab-", ".log");
    Path root = Path.of("").toAbsolutePath();
    List<String> command = new ArrayList<>(List.of(env.bin("jupyter").toString(), "lab", "--no-browser", "--ip=127.0.0.1",
        "--port=" + port,
        // The URL printed below must be the one it serves: fail rather than move to another port.
        "--ServerApp.port_retries=0"));
    if ("root".equals(System.getProperty("user.name"))) {
      // Jupyter refuses root unless told; whoever runs vigil as root (a container) chose that already,
      // and the server stays on loopback behind its token.
      command.add("--allow-root");
    }
    Process p = start(command, labEnv, root, log);
    // Ctrl-C or SIGTERM: stop JupyterLab and its kernels; its log (which shows the token) goes with it.
    Thread hook = new Thread(() -> {
      stop(p);
      deleteQuietly(log);
    }, "vigil-notebook-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      waitUntilServing(p, token, log);
      stdout.println("JupyterLab serves the notebooks under " + root + " with the JJava kernel on solution "
          + kernel.get(KernelEnvironment.SOLUTION) + ".");
      stdout.println("Open http://127.0.0.1:" + port + "/lab?token=" + token);
      stdout.println("Its log is " + log + "; stop it with Ctrl-C.");
      stdout.flush();
      int code = p.waitFor();
      stdout.println("JupyterLab stopped.");
      stdout.flush();
      if (code != 0) {
        throw SyncErrors.jupyterFailed("serve JupyterLab", "jupyter lab exited with " + code, log);
      }
      deleteQuietly(log);
      return ExitCodes.OK;
    } finally {
      stop(p);
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The hook is running: it stops JupyterLab itself.
      }
    }
  }

  /** Polls JupyterLab's status API until it answers 200 with the token. */
  private void waitUntilServing(Process p, String token, Path log) throws InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest status = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/status"))
        .header("Authorization", "token " + token).timeout(Duration.ofSeconds(5)).GET().build();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw SyncErrors.jupyterFailed("start JupyterLab on 127.0.0.1:" + port, "jupyter lab exited with " + p.exitValue()
            + " before it served (a port in use is one cause: choose another with --port)", log);
      }
      try {
        if (http.send(status, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // Not listening yet.
      }
      Thread.sleep(500);
    }
    throw SyncErrors.jupyterFailed("start JupyterLab on 127.0.0.1:" + port, "it did not answer within " + START_TIMEOUT.toSeconds()
        + " s", log);
  }

  private static Process start(List<String> command, Map<String, String> env, Path dir, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    // No input: Jupyter asks for confirmation on Ctrl-C only when its standard input is a terminal.
    p.getOutputStream().close();
    return p;
  }

  /** SIGTERM to Jupyter (it stops its kernels), then a kill if it does not exit in time. */
  private static void stop(Process p) {
    if (!p.isAlive()) {
      return;
    }
    List<ProcessHandle> kernels = new ArrayList<>(p.descendants().toList());
    p.destroy();
    try {
      if (!p.waitFor(20, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    kernels.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // A temporary file; the system's cleaning removes it later.
    }
  }

  private static String baseName(Path file) {
    String name = file.getFileName().toString();
    return name.endsWith(".ipynb") ? name.substring(0, name.length() - ".ipynb".length()) : name;
  }
}
