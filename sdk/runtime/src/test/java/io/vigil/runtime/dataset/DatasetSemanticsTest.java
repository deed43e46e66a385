package io.vigil.runtime.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.Validator;
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
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingestion-mode semantics of S1 §3.1.10–3.1.15 on real Delta tables. */
class DatasetSemanticsTest {
  private static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);
  private static final LocalDateTime D2 = LocalDateTime.of(2024, 2, 29, 0, 0);
  private static final LocalDateTime D3 = LocalDateTime.of(2024, 3, 31, 0, 0);

  private static final DataSet TRANSACTIONS = DataSet.builder("transaction")
      .ingestionMode(IngestionMode.APPEND)
      // valid_values document the ids; others are kept and counted.
      .addField(Field.builder("trans_id", DataType.STRING).validValues("t1", "t2", "t3", "t5").build())
      .addField(Field.builder("amount", DataType.DOUBLE)
          .addValidator(Validator.reject("not_negative", "amount >= 0")).build())
      .addField(Field.builder("date", DataType.TIMESTAMP).dateFormat("%y%m%d").build())
      .addValidator(Validator.warn("large", "amount < 10000"))
      .occurredOnField("date")
      .build();
  private static final DataSet ACCOUNTS = DataSet.builder("account")
      .ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("balance", DataType.LONG))
      .primaryKey("account_id")
      .build();
  private static final DataSet CLIENTS = ACCOUNTS.toBuilder().build();
  private static final DataSet UPDATES = DataSet.builder("client")
      .ingestionMode(IngestionMode.UPDATE)
      .addField(Field.of("client_id", DataType.STRING))
      .addField(Field.of("name", DataType.STRING))
      .primaryKey("client_id")
      .build();

  @TempDir static Path warehouse;
  static SparkSession spark;
  static SolutionCatalog catalog;
  static Layout layout;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    catalog = Catalogs.of("demo", TRANSACTIONS, ACCOUNTS, UPDATES);
    layout = new Layout("demo", warehouse.toString());
    DeltaFixtures.ensure(spark, layout, List.of(Environment.PUBLIC, Environment.privateOf("ana")), TRANSACTIONS, ACCOUNTS, UPDATES);
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  private static JobContext context(LocalDateTime date, String roles, Environment env) {
    StoreSettings settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", warehouse.resolve("home").toString(),
        "VIGIL_WAREHOUSE", warehouse.toString(), "VIGIL_USER", "ana", "VIGIL_ROLES", roles));
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(env).spark(spark)
        .writer("aml.Test").open();
  }

  private static JobContext manager(LocalDateTime date) {
    return context(date, "manager", Environment.PUBLIC);
  }

  private static Dataset<Row> rows(StructType schema, Object[]... values) {
    return spark.createDataFrame(Arrays.stream(values).map(RowFactory::create).toList(), schema);
  }

  private static final StructType TX_INPUT = new StructType()
      .add("trans_id", DataTypes.StringType).add("amount", DataTypes.StringType).add("date", DataTypes.StringType);
  private static final StructType ACCOUNT_INPUT = new StructType()
      .add("account_id", DataTypes.StringType).add("balance", DataTypes.LongType);

  private static List<String> keys(Dataset<Row> df, String... columns) {
    return df.selectExpr(columns).collectAsList().stream()
        .map(r -> java.util.stream.IntStream.range(0, r.size()).mapToObj(i -> String.valueOf(r.get(i))).collect(Collectors.joining(":")))
        .sorted().toList();
  }

  @Test
  void appendWritesValidatesRejectsAndRerunsIdempotently() {
    try (JobContext ctx = manager(D1)) {
      WriteResult first = ctx.write(rows(TX_INPUT,
          new Object[] {"t1", "10.5", "240105"},
          new Object[] {"t2", "-3", "240106"},
          new Object[] {"t3", "abc", "240107"},
          new Object[] {"t4", "20000", "231231"}), "transaction");
      assertThat(first.input()).isEqualTo(4);
      assertThat(first.written()).isEqualTo(2);
      assertThat(first.rejected()).isEqualTo(2);
      assertThat(first.warned()).isEqualTo(1);
      assertThat(first.byValidator()).containsEntry("not_negative", 1L).containsEntry("large", 1L);
      // t4 is stored with a value outside valid_values; rejected rows are not counted.
      assertThat(first.outsideValidValues()).containsExactly(Map.entry("trans_id", 1L));
      assertThat(keys(ctx.read("transaction"), "trans_id", "tr_partition")).containsExactly("t1:2024_01", "t4:2023_12");
      Dataset<Row> rejected = spark.read().format("delta").load(layout.rejectedPath(Environment.PUBLIC, "transaction"));
      assertThat(keys(rejected, "validator", "reason")).containsExactly(
          "not_negative:validator not_negative (field amount) failed: amount >= 0",
          "null:field amount: 'abc' is not a DOUBLE");
      List<Row> before = sorted(spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, "transaction")));

      WriteResult rerun = ctx.write(rows(TX_INPUT,
          new Object[] {"t1", "10.5", "240105"},
          new Object[] {"t2", "-3", "240106"},
          new Object[] {"t3", "abc", "240107"},
          new Object[] {"t4", "20000", "231231"}), "transaction");
      assertThat(rerun.written()).isEqualTo(2);
      assertThat(sorted(spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, "transaction")))).isEqualTo(before);
      assertThat(spark.read().format("delta").load(layout.rejectedPath(Environment.PUBLIC, "transaction")).count()).isEqualTo(2);
    }
    try (JobContext ctx = manager(D2)) {
      ctx.write(rows(TX_INPUT, new Object[] {"t5", "1", "240201"}), "transaction");
      assertThat(keys(ctx.read("transaction"), "trans_id")).containsExactly("t5");
      assertThat(keys(Datasets.read(ctx, "transaction", ReadOptions.range(D1, D2)), "trans_id")).containsExactly("t1", "t4", "t5");
      assertThat(keys(Datasets.read(ctx, "transaction", ReadOptions.range(null, D1)), "trans_id")).containsExactly("t1", "t4");
    }
  }

  @Test
  void overwriteKeepsHistoryAcrossAddChangeDeleteAndReAdd() {
    try (JobContext ctx = manager(D1)) {
      WriteResult r = ctx.write(rows(ACCOUNT_INPUT, new Object[] {"a", 1L}, new Object[] {"b", 1L}, new Object[] {"c", 1L}), "account");
      assertThat(r.written()).isEqualTo(3);
    }
    try (JobContext ctx = manager(D2)) {
      WriteResult r = ctx.write(rows(ACCOUNT_INPUT, new Object[] {"a", 2L}, new Object[] {"b", 1L}, new Object[] {"d", 1L}), "account");
      assertThat(List.of(r.written(), r.updated(), r.deleted(), r.unchanged())).containsExactly(2L, 1L, 1L, 1L);
    }
    List<Row> afterD2 = sorted(history("account"));
    try (JobContext ctx = manager(D2)) {
      ctx.write(rows(ACCOUNT_INPUT, new Object[] {"a", 2L}, new Object[] {"b", 1L}, new Object[] {"d", 1L}), "account");
    }
    assertThat(sorted(history("account"))).as("a rerun of D2 leaves the table identical").isEqualTo(afterD2);
    try (JobContext ctx = manager(D3)) {
      ctx.write(rows(ACCOUNT_INPUT, new Object[] {"a", 2L}, new Object[] {"b", 1L}, new Object[] {"c", 5L}, new Object[] {"d", 1L}), "account");
    }
    try (JobContext ctx = manager(D1)) {
      assertThat(keys(ctx.read("account"), "account_id", "balance")).containsExactly("a:1", "b:1", "c:1");
    }
    try (JobContext ctx = manager(D2)) {
      assertThat(keys(ctx.read("account"), "account_id", "balance")).containsExactly("a:2", "b:1", "d:1");
      assertThatThrownBy(() -> ctx.write(rows(ACCOUNT_INPUT, new Object[] {"a", 9L}), "account"))
          .isInstanceOf(VigilException.class).hasMessageContaining("later execution date");
    }
    try (JobContext ctx = manager(D3)) {
      assertThat(keys(ctx.read("account"), "account_id", "balance")).containsExactly("a:2", "b:1", "c:5", "d:1");
    }
    assertThat(keys(history("account"), "account_id", "balance", "tr_status", "tr_status_job_ts")).containsExactly(
        "a:1:updated:2024-02-29 00:00:00.0", "a:2:null:null", "b:1:null:null",
        "c:1:deleted:2024-02-29 00:00:00.0", "c:5:null:null", "d:1:null:null");
  }

  @Test
  void updateAppliesOnlyTheRowsGivenAndHonoursDeletionMarkers() {
    StructType input = new StructType().add("client_id", DataTypes.StringType).add("name", DataTypes.StringType)
        .add("tr_status", DataTypes.StringType);
    try (JobContext ctx = manager(D1)) {
      ctx.write(rows(input, new Object[] {"x", "Xavier", null}, new Object[] {"y", "Yann", null}), "client");
    }
    try (JobContext ctx = manager(D2)) {
      WriteResult r = ctx.write(rows(input, new Object[] {"y", "Yannick", null}, new Object[] {"z", "Zoe", null},
          new Object[] {"x", null, "deleted"}, new Object[] {"z", "Zoe again", null}), "client");
      assertThat(List.of(r.written(), r.updated(), r.deleted(), r.rejected())).containsExactly(2L, 1L, 1L, 1L);
      assertThat(keys(ctx.read("client"), "client_id", "name")).containsExactly("y:Yannick", "z:Zoe");
    }
  }

  @Test
  void onlyManagersWritePublicAndPrivateWritesStayPrivate() {
    try (JobContext ctx = context(D1, "", Environment.PUBLIC)) {
      assertThatThrownBy(() -> ctx.write(rows(ACCOUNT_INPUT, new Object[] {"p", 1L}), "client"))
          .isInstanceOf(VigilException.class).hasMessageContaining("lacks the manager role");
    }
    try (JobContext ctx = context(D1, "", Environment.privateOf("ana"))) {
      ctx.write(rows(new StructType().add("client_id", DataTypes.StringType).add("name", DataTypes.StringType),
          new Object[] {"private", "Only mine"}), "client");
      assertThat(keys(ctx.read("client"), "client_id")).containsExactly("private");
      assertThat(keys(Datasets.read(ctx, "client", ReadOptions.DEFAULT.in(Environment.PUBLIC)), "client_id"))
          .doesNotContain("private");
      assertThatThrownBy(() -> Datasets.write(ctx, ctx.read("client").select("client_id", "name"), "client",
          WriteOptions.DEFAULT.in(Environment.privateOf("bob")))).isInstanceOf(VigilException.class)
          .hasMessageContaining("another user's environment");
    }
  }

  private static Dataset<Row> history(String dataset) {
    return spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, dataset));
  }

  private static List<Row> sorted(Dataset<Row> df) {
    return df.collectAsList().stream().sorted((a, b) -> a.toString().compareTo(b.toString())).toList();
  }
}
