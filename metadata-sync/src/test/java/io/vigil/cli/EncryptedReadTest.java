package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.Workspace;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code vigil read} of a dataset with an encrypted, audited field, after {@code vigil apply}
 * created the read audit: ciphertext by default, refused without a reason, plain text with one, a
 * reason without --decrypt is an invalid command line, and each read is in vigil_meta.read_audit.
 */
class EncryptedReadTest {
  static final LocalDateTime DAY = LocalDateTime.of(2026, 11, 30, 0, 0);

  @TempDir static Path home;
  @TempDir static Path work;
  static TestStack stack;
  static Path solution;
  static Map<String, String> env;

  @BeforeAll
  static void applyAndWrite() throws Exception {
    stack = new TestStack(home);
    solution = work.resolve("vault_demo");
    Cli.copy(SyncApplyTest.FIXTURE, solution);
    Path yaml = solution.resolve("solution.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("name: aml_demo", "name: vault_demo"));
    Path transaction = solution.resolve("domains/aml/datasets/transaction.yaml");
    Files.writeString(transaction, Files.readString(transaction).replace("  - identifier: account_id\n    data_type: STRING\n",
        "  - identifier: account_id\n    data_type: STRING\n    encrypted: true\n    audited: true\n    encryption: deterministic\n"));
    assertThat(Files.readString(transaction)).contains("encrypted: true", "encryption: deterministic");
    env = new HashMap<>(stack.env());
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (i * 11 + 3);
    }
    env.put("VIGIL_ENCRYPTION_KEY", Base64.getEncoder().encodeToString(key));
    env.put("VIGIL_ENCRYPTION_KEY_ID", "cli-1");
    Cli.Result applied = Cli.run(env, "apply", "--solution", solution.toString());
    assertThat(applied.code()).as(applied.all()).isZero();
    Map<String, String> manager = new HashMap<>(env);
    manager.put("VIGIL_ROLES", "manager");
    SparkSession spark = SparkSessions.getOrCreate(SparkSessions.merge(SparkSessions.defaults("local[2]"),
        Map.of("spark.sql.shuffle.partitions", "2")));
    StoreSettings settings = StoreSettings.fromEnvironment(manager);
    try (Workspace ws = Vigil.open(solution, settings);
        JobContext ctx = JobContext.builder(ws.catalog()).settings(settings).executionDate(DAY).environment(Environment.PUBLIC)
            .writer("aml.Load").spark(spark).secrets(new SecretResolver(env)).open()) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        rows.add(RowFactory.create("t" + i, "DE8937040044053201300" + i, 10.0 * (i + 1), Timestamp.valueOf(DAY.plusHours(i))));
      }
      StructType type = new StructType().add("trans_id", DataTypes.StringType).add("account_id", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType).add("occurred", DataTypes.TimestampType);
      Datasets.write(ctx, spark.createDataFrame(rows, type), "transaction");
    }
    spark.stop();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static Cli.Result read(String... extra) {
    List<String> args = new ArrayList<>(List.of("read", "transaction", "--solution", solution.toString(), "--env", "public",
        "--execution-date", "2026-11-30"));
    args.addAll(List.of(extra));
    return Cli.run(env, args.toArray(String[]::new));
  }

  @Test
  void readShowsCiphertextDecryptsOnlyWithAReasonAndAuditsEachRead() throws Exception {
    Cli.Result cipher = read();
    assertThat(cipher.code()).as(cipher.all()).isZero();
    assertThat(cipher.out()).contains("t0,v1:cli-1:").doesNotContain("DE89370400440532013000");

    Cli.Result refused = read("--decrypt");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.err()).contains("VGL-RT-163", "Cannot decrypt dataset transaction: a decrypt needs a reason");

    Cli.Result reasonOnly = read("--reason", "curious");
    assertThat(reasonOnly.code()).isEqualTo(2);
    assertThat(reasonOnly.err()).contains("--reason applies to a decrypting read and needs --decrypt");

    Cli.Result plain = read("--decrypt", "--reason", "case 17: SAR draft");
    assertThat(plain.code()).as(plain.all()).isZero();
    assertThat(plain.out()).contains("t0,DE89370400440532013000,10.0", "t2,DE89370400440532013002,30.0");

    List<String> audit = stack.query("select concat_ws('|', dataset, array_to_string(fields, ','), decrypted,"
        + " row_count, coalesce(reason, '-')) from vigil_meta.read_audit order by read_id");
    assertThat(audit).containsExactly("transaction|account_id|f|3|-", "transaction|account_id|t|3|case 17: SAR draft");
  }
}
