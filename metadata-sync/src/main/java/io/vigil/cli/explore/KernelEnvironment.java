package io.vigil.cli.explore;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The environment Jupyter and its JJava kernel get from {@code vigil notebook}. JJava's launcher
 * reads {@code JJAVA_CLASSPATH} (added to the kernel's JShell) and {@code JJAVA_JVM_OPTS} (the
 * kernel JVM's options); the kernelspec starts {@code java} from the PATH. The store settings are the
 * CLI's own environment variables, which the runtime reads in the kernel as it does here, and
 * {@code VIGIL_SOLUTION} names the solution for the notebook's setup cell.
 */
final class KernelEnvironment {
  /** The variable the example notebook's setup cell opens its workspace from. */
  static final String SOLUTION = "VIGIL_SOLUTION";

  private KernelEnvironment() {}

  /**
   * {@code process} (the real environment of this JVM) with the CLI's configuration {@code cli} in
   * place of its own VIGIL_ and MLFLOW_ variables; a user's JJAVA_CLASSPATH and JJAVA_JVM_OPTS are
   * appended, so they can add jars or raise the heap.
   */
  static Map<String, String> of(Map<String, String> process, Map<String, String> cli, Path solution, Path venv) {
    Map<String, String> env = new HashMap<>(process);
    // Tests hand the CLI its configuration instead of the process environment: the kernel gets the same.
    env.keySet().removeIf(k -> (k.startsWith("VIGIL_") || k.startsWith("MLFLOW_")) && !cli.containsKey(k));
    env.putAll(cli);
    env.put(SOLUTION, solution.toString());
    env.put("JJAVA_CLASSPATH", join(File.pathSeparator, System.getProperty("java.class.path"), process.get("JJAVA_CLASSPATH")));
    env.put("JJAVA_JVM_OPTS", join(" ", String.join(" ", jvmOptions()), process.get("JJAVA_JVM_OPTS")));
    // Spark binds to loopback only, as the launcher sets it for the CLI.
    env.putIfAbsent("SPARK_LOCAL_IP", "127.0.0.1");
    Path javaBin = Path.of(System.getProperty("java.home"), "bin");
    env.put("PATH", join(File.pathSeparator, javaBin + File.pathSeparator + venv.resolve("bin"), process.get("PATH")));
    return env;
  }

  /** The flags {@code vigil shell} gives its JShell JVM, with a 2 GB heap unless the CLI's JVM sets one. */
  static List<String> jvmOptions() {
    List<String> flags = new ArrayList<>(ShellCommand.jvmFlags());
    if (flags.stream().noneMatch(f -> f.startsWith("-Xmx"))) {
      flags.add("-Xmx2g");
    }
    if (flags.stream().noneMatch(f -> f.startsWith("-Djava.net.preferIPv4Stack"))) {
      flags.add("-Djava.net.preferIPv4Stack=true");
    }
    return flags;
  }

  private static String join(String separator, String first, String second) {
    return second == null || second.isBlank() ? first : first + separator + second;
  }
}
