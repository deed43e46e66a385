package io.vigil.runtime.dataset;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.DeltaFixtures;
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A keyed write is one Delta commit: a first snapshot is a plain append, a later date or a rerun is
 * one MERGE, and a reader running alongside a rerun sees the table before it or after it, never the
 * undo without the redo. A rerun with other rows leaves the table a fresh write of those rows gives.
 */
class AtomicKeyedWriteTest {
  private static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);
  private static final LocalDateTime D2 = LocalDateTime.of(2024, 2, 29, 0, 0);
  private static final Environment FRESH = Environment.privateOf("ana");

  private static final DataSet ACCOUNTS = DataSet.builder("account")
      .ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("balance", DataType.LONG))
      .primaryKey("account_id")
      .build();
  private static final DataSet CLIENTS = DataSet.builder("client")
      .ingestionMode(IngestionMode.UPDATE)
      .addField(Field.of("client_id", DataType.STRING))
      .addField(Field.of("name", DataType.STRING))
      .primaryKey("client_id")
      .build();

  @TempDir static Path warehouse;
  static SparkSession spark;
  static Layout layout;
  static SolutionCatalog catalog;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    catalog = Catalogs.of("demo", ACCOUNTS, CLIENTS);
    layout = new Layout("demo", warehouse.toString());
    DeltaFixtures.ensure(spark, layout, List.of(Environment.PUBLIC, FRESH), ACCOUNTS, CLIENTS);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void overwriteFirstSnapshotAppendsAndARerunIsOneCommitThatReadersSeeWhole() throws Exception {
    // 1000 keys; D2 changes every third, drops k900..k999 and adds k1000..k1099; its rerun instead
    // changes every fifth, drops k0..k99 and adds k1050..k1149.
    Dataset<Row> d2 = accounts(0, 900, "CASE WHEN id % 3 = 0 THEN 2 ELSE 1 END").union(accounts(1000, 1100, "1"));
    Dataset<Row> d2Rerun = accounts(100, 1000, "CASE WHEN id % 5 = 0 THEN 3 ELSE 1 END").union(accounts(1050, 1150, "1"));

    long empty = version(Environment.PUBLIC, "account");
    WriteResult initial = write(Environment.PUBLIC, D1, accounts(0, 1000, "1"), "account");
    assertThat(initial.written()).isEqualTo(1000);
    assertThat(version(Environment.PUBLIC, "account")).isEqualTo(empty + 1);
    assertThat(lastOperation(Environment.PUBLIC, "account")).as("an empty table takes a plain append").isEqualTo("WRITE");

    WriteResult second = write(Environment.PUBLIC, D2, d2, "account");
    assertThat(List.of(second.written(), second.updated(), second.deleted(), second.unchanged()))
        .containsExactly(400L, 300L, 100L, 600L);
    assertThat(version(Environment.PUBLIC, "account")).isEqualTo(empty + 2);
    assertThat(lastOperation(Environment.PUBLIC, "account")).isEqualTo("MERGE");

    write(FRESH, D1, accounts(0, 1000, "1"), "account");
    WriteResult fresh = write(FRESH, D2, d2Rerun, "account");
    assertThat(List.of(fresh.written(), fresh.updated(), fresh.deleted(), fresh.unchanged()))
        .containsExactly(280L, 180L, 100L, 720L);

    WriteResult rerun = rerunWatched(Environment.PUBLIC, D2, d2Rerun, "account");
    assertThat(List.of(rerun.written(), rerun.updated(), rerun.deleted(), rerun.unchanged()))
        .containsExactly(280L, 180L, 100L, 720L);
    assertThat(history(Environment.PUBLIC, "account")).as("the rerun leaves what a fresh write of its rows leaves")
        .isEqualTo(history(FRESH, "account"));
    try (JobContext ctx = context(Environment.PUBLIC, D2)) {
      assertThat(ctx.read("account").count()).isEqualTo(1000);
      assertThat(ctx.read("account").where("account_id IN ('k0', 'k950', 'k1149')").selectExpr("account_id", "balance")
          .collectAsList().stream().map(Row::toString).sorted()).containsExactly("[k1149,1]", "[k950,3]");
    }
  }

  @Test
  void updateRerunIsOneCommitThatReadersSeeWhole() throws Exception {
    // The first snapshot is appended, but a repeated key and a null key are still rejected; the first x wins.
    WriteResult initial = write(Environment.PUBLIC, D1, clients("('x', 'Xavier', NULL)", "('y', 'Yann', NULL)",
        "('z', 'Zoe', NULL)", "('x', 'Xavier again', NULL)", "(NULL, 'Nobody', NULL)"), "client");
    assertThat(List.of(initial.written(), initial.rejected())).containsExactly(3L, 2L);
    assertThat(initial.byValidator()).containsEntry("primary_key", 2L);
    assertThat(rows(Environment.PUBLIC, "client", "client_id", "name")).containsExactly("[x,Xavier]", "[y,Yann]", "[z,Zoe]");
    assertThat(spark.read().format("delta").load(layout.rejectedPath(Environment.PUBLIC, "client"))
        .selectExpr("validator").collectAsList().stream().map(Row::toString)).containsExactly("[primary_key]", "[primary_key]");
    write(Environment.PUBLIC, D2, clients("('y', 'Yannick', NULL)", "('x', NULL, 'deleted')"), "client");
    Dataset<Row> rerunRows = clients("('z', 'Zoey', NULL)", "('w', 'Wendy', NULL)", "('y', NULL, 'deleted')");
    write(FRESH, D1, clients("('x', 'Xavier', NULL)", "('y', 'Yann', NULL)", "('z', 'Zoe', NULL)"), "client");
    write(FRESH, D2, rerunRows, "client");

    WriteResult rerun = rerunWatched(Environment.PUBLIC, D2, rerunRows, "client");
    assertThat(List.of(rerun.written(), rerun.updated(), rerun.deleted())).containsExactly(2L, 1L, 1L);
    assertThat(history(Environment.PUBLIC, "client")).isEqualTo(history(FRESH, "client"));
    assertThat(rows(Environment.PUBLIC, "client", "client_id", "name", "tr_status")).containsExactly(
        "[w,Wendy,null]", "[x,Xavier,null]", "[y,Yann,deleted]", "[z,Zoe,updated]", "[z,Zoey,null]");
  }

  /**
   * Reruns {@code dataset} for {@code date} while a reader reads the table over and over, and checks
   * that the rerun is one new commit and that every read saw the table before it or after it.
   */
  private static WriteResult rerunWatched(Environment env, LocalDateTime date, Dataset<Row> rows, String dataset)
      throws Exception {
    List<String> before = history(env, dataset);
    long version = version(env, dataset);
    AtomicBoolean done = new AtomicBoolean();
    CountDownLatch firstRead = new CountDownLatch(1);
    List<List<String>> seen = new ArrayList<>();
    ExecutorService reader = Executors.newSingleThreadExecutor();
    WriteResult result;
    try {
      Future<?> reads = reader.submit(() -> {
        boolean last = false;
        while (!last) {
          last = done.get();
          seen.add(history(env, dataset));
          firstRead.countDown();
        }
      });
      assertThat(firstRead.await(5, TimeUnit.MINUTES)).isTrue();
      result = write(env, date, rows, dataset);
      done.set(true);
      reads.get(5, TimeUnit.MINUTES);
    } finally {
      reader.shutdownNow();
    }
    List<String> after = history(env, dataset);
    assertThat(after).as("the rerun changed the table").isNotEqualTo(before);
    assertThat(version(env, dataset)).as("the rerun is one Delta commit").isEqualTo(version + 1);
    assertThat(lastOperation(env, dataset)).isEqualTo("MERGE");
    assertThat(seen).as("a concurrent reader sees the table before or after the rerun").isNotEmpty()
        .allSatisfy(state -> assertThat(state).isIn(before, after));
    assertThat(seen.get(0)).isEqualTo(before);
    assertThat(seen.get(seen.size() - 1)).isEqualTo(after);
    return result;
  }

  private static WriteResult write(Environment env, LocalDateTime date, Dataset<Row> rows, String dataset) {
    try (JobContext ctx = context(env, date)) {
      return Datasets.write(ctx, rows, dataset, WriteOptions.DEFAULT.in(env));
    }
  }

  private static JobContext context(Environment env, LocalDateTime date) {
    StoreSettings settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", warehouse.resolve("home").toString(),
        "VIGIL_WAREHOUSE", warehouse.toString(), "VIGIL_USER", "ana", "VIGIL_ROLES", "manager"));
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(env).spark(spark)
        .writer("aml.Test").open();
  }

  private static Dataset<Row> accounts(long from, long to, String balance) {
    return spark.range(from, to).selectExpr("concat('k', id) AS account_id", "CAST(" + balance + " AS BIGINT) AS balance");
  }

  private static Dataset<Row> clients(String... values) {
    return spark.sql("SELECT * FROM VALUES " + String.join(", ", values) + " AS t(client_id, name, tr_status)")
        .selectExpr("CAST(client_id AS STRING) AS client_id", "CAST(name AS STRING) AS name",
            "CAST(tr_status AS STRING) AS tr_status");
  }

  /** Every version in the table with its tags and technical columns, as sorted text. */
  private static List<String> history(Environment env, String dataset) {
    Dataset<Row> table = spark.read().format("delta").load(layout.datasetPath(env, dataset));
    return rows(env, dataset, table.columns());
  }

  private static List<String> rows(Environment env, String dataset, String... columns) {
    return spark.read().format("delta").load(layout.datasetPath(env, dataset)).selectExpr(columns)
        .collectAsList().stream().map(Row::toString).sorted().toList();
  }

  private static long version(Environment env, String dataset) {
    return DeltaTable.forPath(spark, layout.datasetPath(env, dataset)).history(1).first().getAs("version");
  }

  private static String lastOperation(Environment env, String dataset) {
    return DeltaTable.forPath(spark, layout.datasetPath(env, dataset)).history(1).first().getAs("operation");
  }
}
