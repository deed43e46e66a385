package io.vigil.cli;

import io.vigil.cli.startup.ClassDataTraining;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The class-data-sharing archive the {@code vigil} launcher builds, made for the child JVMs a test
 * starts as {@code vigil} (Airflow's task processes): this JVM's class path with its class folders
 * packed into jars (the JVM maps classes from jars only), and an archive dumped by the launcher's own
 * training run ({@link ClassDataTraining}). Building it costs one training run; every child then
 * starts with its classes mapped instead of loaded, as tasks do under the real launcher.
 */
final class ChildJvmArchive {
  private final List<String> flags;
  private final String classPath;
  private final Path archive;

  private ChildJvmArchive(List<String> flags, String classPath, Path archive) {
    this.flags = flags;
    this.classPath = classPath;
    this.archive = archive;
  }

  /** Starts the training run in the background; {@link #await} waits for it, so the caller can start other services meanwhile. */
  static Pending start(Path dir, Path solution) throws IOException {
    Files.createDirectories(dir);
    List<String> entries = new ArrayList<>();
    int n = 0;
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry);
      if (Files.isDirectory(p)) {
        Path jar = dir.resolve("classes-" + n++ + ".jar");
        pack(p, jar);
        entries.add(jar.toString());
      } else {
        entries.add(entry);
      }
    }
    String classPath = String.join(java.io.File.pathSeparator, entries);
    List<String> flags = ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-") || a.startsWith("-Duser.timezone") || a.startsWith("-Xmx"))
        .collect(Collectors.toList());
    Path archive = dir.resolve("vigil-children.jsa");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(flags);
    command.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-cp", classPath, ClassDataTraining.class.getName(),
        solution.toString()));
    Path log = dir.resolve("training.log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    return new Pending(pb.start(), new ChildJvmArchive(List.copyOf(flags), classPath, archive), log);
  }

  /** A training run under way. */
  record Pending(Process process, ChildJvmArchive archive, Path log) {
    ChildJvmArchive await() throws IOException, InterruptedException {
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new IllegalStateException("Cannot build the class-data-sharing archive: the training run took over 10 minutes");
      }
      if (process.exitValue() != 0 || !Files.isRegularFile(archive.archive)) {
        throw new IllegalStateException("Cannot build the class-data-sharing archive: the training run exited " + process.exitValue()
            + "\n" + Files.readString(log, StandardCharsets.UTF_8));
      }
      return archive;
    }
  }

  /** An executable {@code vigil} at {@code file} that runs this JVM's CLI with the archive. */
  Path launcher(Path file) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String quoted = flags.stream().map(a -> "'" + a + "'").collect(Collectors.joining(" "));
    Files.writeString(file, "#!/bin/sh\nexec '" + java + "' " + quoted + " '-XX:SharedArchiveFile=" + archive + "' -Xshare:auto"
        + " -Xlog:cds=off -Xlog:cds+dynamic=off -cp '" + classPath + "' " + Main.class.getName() + " \"$@\"\n");
    file.toFile().setExecutable(true);
    return file;
  }

  private static void pack(Path folder, Path jar) throws IOException {
    try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out);
        Stream<Path> walk = Files.walk(folder)) {
      for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
        j.putNextEntry(new JarEntry(folder.relativize(p).toString().replace(java.io.File.separatorChar, '/')));
        Files.copy(p, j);
        j.closeEntry();
      }
    }
  }
}
