package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.runtime.store.Secret;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Sync against a separately started Postgres given by VIGIL_PG_URL (a second zonky instance stands
 * in for it), with the Delta warehouse on s3a:// in the object store.
 */
class ExternalStoresTest {
  @TempDir static Path home;
  static TestStack stack;
  static EmbeddedPostgres external;

  @TempDir Path work;

  @BeforeAll
  static void start() throws Exception {
    stack = new TestStack(home);
    external = EmbeddedPostgres.builder().setPort(0).setServerConfig("listen_addresses", "127.0.0.1").start();
  }

  @AfterAll
  static void stop() throws Exception {
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    external.close();
    stack.close();
  }

  @Test
  void appliesToAnExternalPostgresAndADeltaWarehouseOnS3a() throws Exception {
    Path dir = work.resolve("s3demo");
    Files.createDirectories(dir.resolve("domains/core/datasets"));
    Files.writeString(dir.resolve("solution.yaml"), "name: s3demo\nsdk_version: 0.1.0\n");
    Files.writeString(dir.resolve("domains/core/datasets/payment.yaml"), """
        identifier: payment
        ingestion_mode: APPEND
        occurred_on_field: paid_on
        publish: true
        field_list:
          - identifier: payment_id
            data_type: STRING
          - identifier: paid_on
            data_type: TIMESTAMP
        """);
    Map<String, String> env = new java.util.HashMap<>(stack.env());
    env.put("VIGIL_PG_URL", "jdbc:postgresql://127.0.0.1:" + external.getPort() + "/postgres");
    env.put("VIGIL_PG_USER", "postgres");
    env.put("VIGIL_PG_PASSWORD", "external-secret-4411");
    env.put("VIGIL_WAREHOUSE", "s3a://vigil-warehouse/wh");

    Cli.Result applied = Cli.run(env, "apply", "--solution", dir.toString());

    assertThat(applied.code()).as(applied.all()).isZero();
    assertThat(applied.all()).doesNotContain("external-secret-4411");
    assertThat(externalTables("s3demo_public")).containsExactly("payment");
    assertThat(stack.tables("s3demo_public")).isEmpty();
    try (ObjectStore s3 = new ObjectStore(stack.stack.s3Endpoint(), "vigil", Secret.of(stack.s3Secret()), "us-east-1")) {
      assertThat(s3.list("vigil-warehouse", "wh/s3demo/public/datasets/payment/_delta_log/")).extracting(ObjectInfo::key)
          .anySatisfy(k -> assertThat(k).endsWith("00000000000000000000.json"));
    }
    assertThat(SparkSession.active().read().format("delta").load("s3a://vigil-warehouse/wh/s3demo/public/datasets/payment").columns())
        .contains("payment_id", "paid_on", "tr_id", "tr_partition");

    Cli.Result again = Cli.run(env, "plan", "--solution", dir.toString(), "--detailed-exitcode");
    assertThat(again.code()).as(again.all()).isZero();
    assertThat(again.out()).isEqualTo("No changes. Solution is up to date.\n");

    // Repair probes the same tables from a session that was started without the object store's settings.
    SparkSession.active().stop();
    SparkSessions.getOrCreate(SparkSessions.defaults("local[2]"));
    Cli.Result repaired = Cli.run(env, "repair", "--name", "s3demo");
    assertThat(repaired.code()).as(repaired.all()).isZero();
    assertThat(repaired.out()).contains("0 refreshed, 0 forgotten").doesNotContain("Forgot");
    assertThat(repaired.all()).doesNotContain("external-secret-4411");
  }

  private static List<String> externalTables(String schema) throws Exception {
    List<String> out = new ArrayList<>();
    try (Connection c = external.getPostgresDatabase().getConnection();
        ResultSet rs = c.createStatement().executeQuery(
            "select table_name from information_schema.tables where table_schema = '" + schema + "' order by 1")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }
}
