package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.cli.common.VersionProvider;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InitCommandTest {
  @Test
  void createsAValidSolutionNamedAfterTheDirectory(@TempDir Path dir) throws Exception {
    Path target = dir.resolve("aml-monitoring");
    Cli.Result init = Cli.run(System.getenv(), "init", target.toString());
    assertThat(init.code()).as(init.err()).isZero();
    assertThat(init.out()).startsWith("Created solution aml_monitoring in ");
    assertThat(Files.readString(target.resolve("solution.yaml"))).startsWith("name: aml_monitoring\n");
    assertThat(Files.readString(target.resolve("pom.xml"))).contains("<artifactId>aml_monitoring</artifactId>")
        .contains("<vigil.version>" + VersionProvider.version() + "</vigil.version>");
    assertThat(target.resolve("domains/aml/jobs/Dataprep.java")).exists();
    assertThat(target.resolve(".gitignore")).exists();

    Cli.Result validate = Cli.run(System.getenv(), "validate", "--solution", target.toString());
    assertThat(validate.code()).as(validate.out()).isZero();
  }

  @Test
  void refusesANonEmptyDirectoryAndABadName(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("keep.txt"), "mine");
    Cli.Result notEmpty = Cli.run(System.getenv(), "init", dir.toString(), "--name", "ok_name");
    assertThat(notEmpty.code()).isEqualTo(3);
    assertThat(notEmpty.err()).contains("the directory is not empty");
    assertThat(Files.readString(dir.resolve("keep.txt"))).isEqualTo("mine");

    Cli.Result badName = Cli.run(System.getenv(), "init", dir.resolve("x").toString(), "--name", "Bad-Name");
    assertThat(badName.code()).isEqualTo(3);
    assertThat(badName.err()).contains("the name must match");
  }

  @Test
  void printsTheErrorIdWithTheMessage(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("keep.txt"), "mine");
    Cli.Result notEmpty = Cli.run(System.getenv(), "init", dir.toString(), "--name", "ok_name");
    assertThat(notEmpty.err()).isEqualTo("Error: VGL-SYNC-002: Cannot create solution in " + dir
        + ": the directory is not empty." + System.lineSeparator());

    Cli.Result badName = Cli.run(System.getenv(), "init", dir.resolve("x").toString(), "--name", "Bad-Name");
    assertThat(badName.err()).startsWith("Error: VGL-SYNC-001: Cannot create solution: the name must match");
  }
}
