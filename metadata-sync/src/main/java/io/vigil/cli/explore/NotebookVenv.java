package io.vigil.cli.explore;

import io.vigil.sync.errors.SyncErrors;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python venv with Jupyter and the JJava kernel that {@code vigil notebook} runs. It is the
 * build-local venv of the checkout the CLI runs from: {@code dags/build/venv.sh} of that checkout
 * creates it, and re-creates it only when its pins changed (the script keeps a stamp and returns at
 * once otherwise), so running it before every start is cheap and keeps the venv current.
 */
record NotebookVenv(Path dir) {
  /** The script, relative to the checkout. */
  static final String SCRIPT = "dags/build/venv.sh";

  Path bin(String name) {
    return dir.resolve("bin").resolve(name);
  }

  /**
   * Makes sure the venv at {@code dir} (null: {@code $VIGIL_VENV}, else the checkout's {@code .venv})
   * exists and is current, printing what the script prints.
   */
  static NotebookVenv prepare(Path dir, Map<String, String> env, PrintWriter out) {
    Optional<Path> checkout = checkout();
    Path venv = dir != null ? dir.toAbsolutePath().normalize()
        : env.get("VIGIL_VENV") != null ? Path.of(env.get("VIGIL_VENV")).toAbsolutePath().normalize()
        : checkout.map(c -> c.resolve(".venv")).orElse(null);
    if (venv == null) {
      throw SyncErrors.notebookVenvUnavailable(Path.of("."), "the CLI does not run from a checkout with " + SCRIPT
          + " (" + codeLocation() + "); pass --venv <dir> with an existing venv that has Jupyter and the JJava kernel");
    }
    if (checkout.isPresent()) {
      run(checkout.get().resolve(SCRIPT), venv, out);
    } else {
      out.println("Using the venv " + venv + " as it is: the CLI does not run from a checkout with " + SCRIPT + ".");
      out.flush();
    }
    NotebookVenv found = new NotebookVenv(venv);
    List<Path> missing = List.of(found.bin("jupyter"), found.bin("jupyter-nbconvert"),
        venv.resolve("share/jupyter/kernels/java/kernel.json")).stream().filter(p -> !Files.exists(p)).toList();
    if (!missing.isEmpty()) {
      throw SyncErrors.notebookVenvUnavailable(venv, "it lacks " + missing);
    }
    return found;
  }

  /** The checkout holding the CLI's classes (…/metadata-sync/target/classes), if it has the script. */
  static Optional<Path> checkout() {
    Path location = codeLocation();
    for (Path p = location; p != null; p = p.getParent()) {
      if (Files.isRegularFile(p.resolve(SCRIPT))) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static Path codeLocation() {
    try {
      return Path.of(NotebookVenv.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath().normalize();
    } catch (URISyntaxException e) {
      throw new IllegalStateException("Cannot locate the CLI's classes: " + e.getMessage(), e);
    }
  }

  private static void run(Path script, Path venv, PrintWriter out) {
    ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
    pb.environment().put("VIGIL_VENV", venv.toString());
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = r.readLine()) != null) {
          out.println(line);
          out.flush();
        }
      }
      int code = p.waitFor();
      if (code != 0) {
        throw SyncErrors.notebookVenvUnavailable(venv, script + " exited with " + code + " (its output is above)");
      }
    } catch (IOException e) {
      throw SyncErrors.notebookVenvUnavailable(venv, "cannot run " + script + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SyncErrors.notebookVenvUnavailable(venv, "interrupted while " + script + " ran");
    }
  }
}
