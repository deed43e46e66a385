package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.cli.VigilCommand;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a new solution author does: {@code vigil init}, then {@code mvn -q test} in the new folder,
 * with this build's Vigil artifacts in the local Maven repository as a release would put them in
 * Maven Central. The template's test passes, and fails once the dataprep job is broken on purpose.
 */
class FreshSolutionIT {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final String VERSION = System.getProperty("vigil.version");
  private static final Path REPOSITORY = Path.of(System.getProperty("vigil.repo.local"));

  @BeforeAll
  static void publishThisBuildLocally() throws IOException {
    install("vigil-parent", "pom", ROOT.resolve("pom.xml"), null);
    install("vigil-sdk-api", "jar", ROOT.resolve("sdk/api/pom.xml"), ROOT.resolve("sdk/api/target"));
    install("vigil-sdk-runtime", "jar", ROOT.resolve("sdk/runtime/pom.xml"), ROOT.resolve("sdk/runtime/target"));
    install("vigil-dags", "jar", ROOT.resolve("dags/pom.xml"), ROOT.resolve("dags/target"));
    install("vigil-metadata-sync", "jar", ROOT.resolve("metadata-sync/pom.xml"), ROOT.resolve("metadata-sync/target"));
    install("vigil-testkit", "jar", ROOT.resolve("sdk/testkit/pom.xml"), ROOT.resolve("sdk/testkit/target"));
  }

  @Test
  void theTemplatesTestPassesAndCatchesABrokenJob(@TempDir Path temp) throws Exception {
    Path solution = temp.resolve("fresh_solution");
    int init = VigilCommand.commandLine().execute("init", solution.toString());
    assertThat(init).isZero();
    assertThat(solution.resolve("src/test/java/domains/aml/jobs/DataprepTest.java")).exists();

    Run passing = mvnTest(solution);
    assertThat(passing.exit()).as(passing.output()).isZero();

    Path dataprep = solution.resolve("domains/aml/jobs/Dataprep.java");
    String job = Files.readString(dataprep, StandardCharsets.UTF_8);
    assertThat(job).contains("sum(\"amount\")");
    Files.writeString(dataprep, job.replace("sum(\"amount\")", "sum(\"balance\")"), StandardCharsets.UTF_8);

    Run failing = mvnTest(solution);
    assertThat(failing.exit()).as(failing.output()).isNotZero();
    assertThat(failing.output()).contains("DataprepTest", "aggregatesTheMonthPerAccount");
  }

  private record Run(int exit, String output) {}

  private static Run mvnTest(Path solution) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("mvn", "-q", "-B", "test", "-Dmaven.repo.local=" + REPOSITORY));
    Path log = Files.createTempFile(solution.getParent(), "mvn-", ".log");
    Process p = new ProcessBuilder(command).directory(solution.toFile()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    if (!p.waitFor(15, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("mvn test did not finish in 15 minutes; log: " + Files.readString(log));
    }
    return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
  }

  /** Puts an artifact where {@code mvn install} would, so that a build outside this reactor resolves it. */
  private static void install(String artifactId, String packaging, Path pom, Path target) throws IOException {
    Path dir = REPOSITORY.resolve("io/vigil").resolve(artifactId).resolve(VERSION);
    Files.createDirectories(dir);
    Files.copy(pom, dir.resolve(artifactId + "-" + VERSION + ".pom"), StandardCopyOption.REPLACE_EXISTING);
    if ("jar".equals(packaging)) {
      Path jar = target.resolve(artifactId + "-" + VERSION + ".jar");
      assertThat(jar).as("packaged before the integration tests").exists();
      Files.copy(jar, dir.resolve(artifactId + "-" + VERSION + ".jar"), StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
