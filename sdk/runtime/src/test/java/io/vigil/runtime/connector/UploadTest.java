package io.vigil.runtime.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.connector.FileFormat;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.Source;
import io.vigil.api.connector.Target;
import io.vigil.api.connector.TimestampConf;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.Validator;
import io.vigil.api.entity.Entity;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.layout.DataEnvironment;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.DeltaFixtures;
import io.vigil.runtime.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
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

/** Upload from the embedded object store into Delta: formats, routing, malformed input, archive, reruns. */
class UploadTest {
  private static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);
  private static final LocalDateTime D2 = LocalDateTime.of(2024, 2, 29, 0, 0);

  private static DataSet transactions(String id) {
    return DataSet.builder(id).ingestionMode(IngestionMode.APPEND)
        .addField(Field.of("trans_id", DataType.STRING))
        .addField(Field.of("account_id", DataType.STRING))
        .addField(Field.builder("amount", DataType.DOUBLE).addValidator(Validator.reject("known", "amount IS NOT NULL")).build())
        .addField(Field.builder("date", DataType.TIMESTAMP).dateFormat("%y%m%d").build())
        .occurredOnField("date").build();
  }

  private static final DataSet TX = transactions("transaction");
  private static final DataSet TX_LARGE = transactions("transaction_large");
  private static final DataSet ACCOUNT = DataSet.builder("account").ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("account_id", DataType.STRING)).addField(Field.of("district", DataType.INT))
      .primaryKey("account_id").build();
  private static final FlatFileConnector TX_CSV = FlatFileConnector.builder("transactions")
      .source(Source.builder("tx", "transaction").delimiter(";").timestampConf(TimestampConf.column("date", "%y%m%d")).build())
      .addTarget(Target.of("transaction_large", "amount >= 1000"))
      .defaultTargetDatasetName("transaction").build();
  private static final FlatFileConnector ACCOUNTS_JSON = FlatFileConnector.builder("accounts")
      .source(Source.builder("accounts", "account").fileFormat(FileFormat.JSON).build())
      .defaultTargetDatasetName("account").build();
  private static final FlatFileConnector TX_PARQUET = FlatFileConnector.builder("transactions_parquet")
      .source(Source.builder("tx_parquet", "transaction").fileFormat(FileFormat.PARQUET).build())
      .defaultTargetDatasetName("transaction").build();

  @TempDir static Path home;
  static SparkSession spark;
  static Stores stores;
  static StoreSettings settings;
  static SolutionCatalog catalog;
  static Layout layout;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    stores = Stores.open(StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager")));
    settings = stores.settings();
    Entity[] entities = {TX, TX_LARGE, ACCOUNT, TX_CSV, ACCOUNTS_JSON, TX_PARQUET};
    catalog = Catalogs.of("updemo", entities);
    layout = new Layout("updemo", settings.warehouseRoot());
    // What sync provisions: the bucket and every Delta table of both environments.
    stores.objects().ensureBucket(layout.bucket());
    DeltaFixtures.ensure(spark, layout, List.of(Environment.PUBLIC, Environment.privateOf("ops")), TX, TX_LARGE, ACCOUNT);
  }

  @AfterAll
  static void stop() {
    spark.stop();
    stores.close();
  }

  private static JobContext context(LocalDateTime date) {
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(Environment.PUBLIC).spark(spark).open();
  }

  private static void land(String key, String text) {
    stores.objects().put(layout.bucket(), key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> table(String dataset, String... columns) {
    Dataset<Row> df = spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, dataset));
    return df.selectExpr(columns).collectAsList().stream()
        .map(r -> java.util.stream.IntStream.range(0, r.size()).mapToObj(i -> String.valueOf(r.get(i))).collect(Collectors.joining("|")))
        .sorted().toList();
  }

  private static List<String> rejected(String dataset) {
    Dataset<Row> df = spark.read().format("delta").load(layout.rejectedPath(Environment.PUBLIC, dataset));
    return df.selectExpr("tr_source_file", "tr_source_line", "reason").collectAsList().stream()
        .map(r -> r.getString(0).replaceAll(".*/", "") + ":" + r.get(1) + " " + r.getString(2)).sorted().toList();
  }

  @Test
  void csvIsTypedRoutedArchivedAndNothingIsLost() {
    land("datasources/tx/good.csv", "trans_id;account_id;amount;date\nt1;a1;10.5;240105\nt2;a1;2500;240106\n\nt3;a2;7;240107\n");
    land("datasources/tx/bad.csv", "trans_id;account_id;amount;date\nb1;a1;abc;240105\nb2;a1;1;240105;extra\n"
        + "b3;\"a1;2;240105\nb4;a1;;240105\nb5;a1;3;2401\nb6;a2");
    land("datasources/tx/wrong_delimiter.csv", "trans_id,account_id,amount,date\nw1,a1,1,240105\nw2,a1,2,240105\n");
    land("datasources/tx/empty.csv", "");
    UploadResult result;
    try (JobContext ctx = context(D1)) {
      result = Connectors.upload(ctx, "transactions");
    }
    Map<String, FileResult> files = result.files().stream().collect(Collectors.toMap(f -> f.key().replaceAll(".*/", ""), f -> f));
    assertThat(files).containsOnlyKeys("good.csv", "bad.csv", "wrong_delimiter.csv", "empty.csv");
    for (FileResult f : result.files()) {
      assertThat(f.rowsIn()).as(f.key()).isEqualTo(f.rowsAccepted() + f.rowsRejected());
      assertThat(f.archivedTo()).startsWith("upload/transactions/2024/01/31/2024_01_31_00_00_00/");
    }
    assertThat(files.get("good.csv").rowsIn()).isEqualTo(3);
    assertThat(files.get("good.csv").rowsRejected()).isZero();
    assertThat(files.get("bad.csv").rowsIn()).isEqualTo(6);
    assertThat(files.get("bad.csv").rowsRejected()).isEqualTo(6);
    assertThat(files.get("wrong_delimiter.csv").rowsRejected()).isEqualTo(2);
    assertThat(files.get("empty.csv").rowsIn()).isZero();

    assertThat(table("transaction", "trans_id", "amount", "tr_timestamp")).containsExactly(
        "t1|10.5|2024-01-05 00:00:00.0", "t3|7.0|2024-01-07 00:00:00.0");
    assertThat(table("transaction_large", "trans_id", "tr_partition")).containsExactly("t2|2024_01");
    assertThat(rejected("transaction")).containsExactlyInAnyOrder(
        "bad.csv:2 field amount: 'abc' is not a DOUBLE",
        "bad.csv:3 line 3: expected 4 fields, found 5",
        "bad.csv:4 line 4: unterminated quoted field",
        "bad.csv:5 validator known (field amount) failed: amount IS NOT NULL",
        "bad.csv:6 timestamp column date: '2401' does not match %y%m%d",
        "bad.csv:7 line 7: expected 4 fields, found 2",
        "wrong_delimiter.csv:2 line 2: the header lacks fields [trans_id, account_id, amount, date] (is the delimiter ';' right?); upload with schema padding to fill them with nulls",
        "wrong_delimiter.csv:3 line 3: the header lacks fields [trans_id, account_id, amount, date] (is the delimiter ';' right?); upload with schema padding to fill them with nulls");
    assertThat(stores.objects().list(layout.bucket(), "datasources/tx/")).isEmpty();

    List<String> before = table("transaction", "*");
    List<String> rejectedBefore = rejected("transaction");
    try (JobContext ctx = context(D1)) {
      UploadResult rerun = Connectors.upload(ctx, "transactions");
      assertThat(rerun.rowsIn()).isEqualTo(result.rowsIn());
    }
    assertThat(table("transaction", "*")).as("a rerun reads the archive and leaves the table identical").isEqualTo(before);
    assertThat(rejected("transaction")).isEqualTo(rejectedBefore);
  }

  @Test
  void jsonLinesAndParquetAreReadWithTheirLineNumbers() throws Exception {
    land("datasources/accounts/a.json", "{\"account_id\":\"a1\",\"district\":3}\nnot json\n[1,2]\n{\"account_id\":\"a2\",\"district\":\"x\"}\n");
    Path parquet = home.resolve("p");
    spark.createDataFrame(List.of(RowFactory.create("p1", "a9", 5.0, "240110"), RowFactory.create("p2", "a9", null, "240111")),
        new StructType().add("trans_id", DataTypes.StringType).add("account_id", DataTypes.StringType)
            .add("amount", DataTypes.DoubleType).add("date", DataTypes.StringType))
        .coalesce(1).write().parquet(parquet.toString());
    Path part = Files.list(parquet).filter(p -> p.toString().endsWith(".parquet")).findFirst().orElseThrow();
    stores.objects().put(layout.bucket(), "datasources/tx_parquet/p.parquet", part);
    try (JobContext ctx = context(D2)) {
      UploadResult accounts = Connectors.upload(ctx, "accounts");
      assertThat(accounts.files()).singleElement().satisfies(f -> {
        assertThat(f.rowsIn()).isEqualTo(4);
        assertThat(f.rowsRejected()).isEqualTo(3);
      });
      assertThat(rejected("account")).containsExactlyInAnyOrder(
          "a.json:2 line 2: not valid JSON: Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
          "a.json:3 line 3: not a JSON object",
          "a.json:4 field district: 'x' is not a INT");
      UploadResult fromParquet = Connectors.upload(ctx, "transactions_parquet");
      assertThat(fromParquet.rowsIn()).isEqualTo(2);
      assertThat(fromParquet.rowsRejected()).isEqualTo(1);
      assertThat(ctx.read("transaction").selectExpr("trans_id").collectAsList()).extracting(r -> r.getString(0)).containsExactly("p1");
    }
  }

  @Test
  void privateUploadsLeaveLandingFilesAndControlFilesMarkInsteadOfMoving() {
    land("datasources/tx/later/keep.csv", "not read: nested folders belong to upload_by_execution_date");
    land("datasources/tx/2024_03_31_00_00_00/by_date.csv", "trans_id;account_id;amount;date\nd1;a1;1;240301\n");
    LocalDateTime d3 = LocalDateTime.of(2024, 3, 31, 0, 0);
    try (JobContext ctx = JobContext.builder(catalog).settings(settings).executionDate(d3)
        .environment(Environment.privateOf("ops")).spark(spark).open()) {
      UploadResult mine = Connectors.upload(ctx, "transactions", DataEnvironment.PRIVATE, true, false, false, true);
      assertThat(mine.rowsIn()).isEqualTo(1);
      assertThat(mine.files().get(0).archivedTo()).isNull();
    }
    assertThat(stores.objects().exists(layout.bucket(), "datasources/tx/2024_03_31_00_00_00/by_date.csv")).isTrue();
    try (JobContext ctx = context(d3)) {
      UploadResult pub = Connectors.upload(ctx, "transactions", new UploadOptions(null, true, true, false, true));
      assertThat(pub.rowsIn()).isEqualTo(1);
      assertThat(stores.objects().list(layout.bucket(), "datasources/tx/2024_03_31_00_00_00/")).extracting(ObjectInfo::fileName)
          .containsExactly("by_date.csv", "by_date.csv.consumed");
      assertThatThrownBy(() -> Connectors.upload(ctx, "transactions", new UploadOptions(null, true, false, false, false)))
          .isInstanceOf(VigilException.class).hasMessageContaining("no files in s3://vigil-updemo/datasources/tx/");
      assertThatThrownBy(() -> Connectors.upload(ctx, "no_such_connector")).isInstanceOf(VigilException.class)
          .hasMessageContaining("Cannot find connector no_such_connector");
    }
  }

  @Test
  void dateInFileNames() {
    assertThat(Uploader.fromFileName("transactions_20240131.csv", "%Y%m%d")).isEqualTo(LocalDateTime.of(2024, 1, 31, 0, 0));
    assertThat(Uploader.fromFileName("tx-2024-02-29T10.csv", "%Y-%m-%dT%H")).isEqualTo(LocalDateTime.of(2024, 2, 29, 10, 0));
    assertThat(Uploader.fromFileName("no-date.csv", "%Y%m%d")).isNull();
    assertThat(Uploader.fromFileName("tx_950131.csv", "%y%m%d")).isEqualTo(LocalDateTime.of(1995, 1, 31, 0, 0));
  }

  @Test
  void twoDigitYearsAreReadAsStrftimeReadsThem() {
    Dataset<Row> text = spark.createDataFrame(List.of(RowFactory.create("950105"), RowFactory.create("240105"),
        RowFactory.create("681231"), RowFactory.create("690101")), new StructType().add("d", DataTypes.StringType));
    List<String> parsed = text.select(io.vigil.runtime.schema.DateParsing.timestamp(text.col("d"), "%y%m%d")
        .cast(DataTypes.StringType)).collectAsList().stream().map(r -> r.getString(0)).toList();
    assertThat(parsed).containsExactly("1995-01-05 00:00:00", "2024-01-05 00:00:00", "2068-12-31 00:00:00",
        "1969-01-01 00:00:00");
    List<String> spark = text.select(io.vigil.runtime.schema.DateParsing.timestamp(text.col("d"), "yyMMdd")
        .cast(DataTypes.StringType)).collectAsList().stream().map(r -> r.getString(0)).toList();
    assertThat(spark).as("a Spark pattern keeps Spark's reading").startsWith("2095-01-05 00:00:00");
  }
}
