package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.cli.common.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vigil dev up --detach} and {@code vigil dev down} as real processes. */
class DevCommandTest {
  @TempDir Path home;

  @Test
  void startsInTheBackgroundPrintsExportsWithoutTheSecretAndKeepsDataAcrossARestart() throws Exception {
    Cli.Result up = Cli.run(Map.of(), "dev", "up", "--detach", "--home", home.toString());
    try {
      assertThat(up.code()).as(up.all()).isZero();
      assertThat(up.out()).contains("export VIGIL_HOME=" + home, "export VIGIL_PG_URL=jdbc:postgresql://127.0.0.1:",
          "export VIGIL_S3_ENDPOINT=http://127.0.0.1:", "export VIGIL_S3_ACCESS_KEY=vigil",
          "export VIGIL_S3_SECRET_KEY_FILE=" + home.resolve("secrets/s3-secret-key"));
      String secret = Files.readString(home.resolve("secrets/s3-secret-key")).strip();
      assertThat(up.all()).doesNotContain(secret);
      try (Connection c = DriverManager.getConnection(pgUrl(up.out()), "postgres", "")) {
        c.createStatement().execute("create table kept (x int); insert into kept values (7)");
      }
      Cli.Result twice = Cli.run(Map.of(), "dev", "up", "--detach", "--home", home.toString());
      assertThat(twice.code()).isEqualTo(ExitCodes.CONFLICT);
    } finally {
      Cli.Result down = Cli.run(Map.of(), "dev", "down", "--home", home.toString());
      assertThat(down.code()).as(down.all()).isZero();
      assertThat(down.out()).contains("Stopped the embedded stack");
    }
    assertThat(home.resolve("stack.json")).doesNotExist();

    Cli.Result again = Cli.run(Map.of("VIGIL_HOME", home.toString()), "dev", "up", "--detach");
    try {
      assertThat(again.code()).as(again.all()).isZero();
      try (Connection c = DriverManager.getConnection(pgUrl(again.out()), "postgres", "");
          ResultSet rs = c.createStatement().executeQuery("select x from kept")) {
        rs.next();
        assertThat(rs.getInt(1)).isEqualTo(7);
      }
    } finally {
      assertThat(Cli.run(Map.of("VIGIL_HOME", home.toString()), "dev", "down").code()).isZero();
    }
    assertThat(Cli.run(Map.of(), "dev", "down", "--home", home.toString()).out()).contains("No embedded stack runs");
  }

  private static String pgUrl(String exports) {
    return exports.lines().filter(l -> l.startsWith("export VIGIL_PG_URL=")).findFirst().orElseThrow()
        .substring("export VIGIL_PG_URL=".length());
  }
}
