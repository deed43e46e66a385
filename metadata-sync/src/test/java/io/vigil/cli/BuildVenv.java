package io.vigil.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The build-local Python venv (MLflow, Jupyter + JJava) that the dags module creates before these tests run. */
final class BuildVenv {
  private BuildVenv() {}

  /**
   * The venv named by the system property {@code vigil.venv} (default {@code ../.venv}); fails, never
   * skips, when it lacks what the integration tests run.
   */
  static Path require() {
    String configured = System.getProperty("vigil.venv");
    Path venv = Path.of(configured != null ? configured : "../.venv").toAbsolutePath().normalize();
    List<Path> needed = List.of(venv.resolve("bin/mlflow"), venv.resolve("bin/jupyter"), venv.resolve("bin/jupyter-nbconvert"),
        venv.resolve("share/jupyter/kernels/java/kernel.json"));
    List<Path> missing = needed.stream().filter(p -> !Files.exists(p)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException("Cannot run the MLflow and notebook integration tests: the build-local venv "
          + venv + " lacks " + missing + ". The dags module creates it (dags/build/venv.sh, run by 'mvn -pl dags"
          + " generate-test-resources' or any full build); or point -Dvigil.venv=<dir> at an existing one.");
    }
    return venv;
  }
}
