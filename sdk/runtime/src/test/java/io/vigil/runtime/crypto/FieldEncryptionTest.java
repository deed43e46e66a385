package io.vigil.runtime.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.FieldEncryption;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.Validator;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.dataset.ReadOptions;
import io.vigil.runtime.dataset.WriteResult;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.meta.MetaSchema;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.DeltaFixtures;
import io.vigil.runtime.testing.TestSpark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
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

/**
 * Field encryption on the embedded stack (Postgres, local Spark with Delta): encrypted values are
 * nowhere in plain text, neither in the CDD nor in any file of the warehouse; a decrypt needs a
 * reason and is audited, audited fields audit every read; reruns leave the decrypted tables
 * identical; deterministic fields join on ciphertext; old keys keep decrypting after a rotation;
 * and the keys never appear in a query plan.
 */
class FieldEncryptionTest {
  private static final LocalDateTime DAY1 = LocalDateTime.of(2024, 3, 31, 0, 0);
  private static final LocalDateTime DAY2 = LocalDateTime.of(2024, 4, 30, 0, 0);
  private static final byte[] KEY1 = bytes(1);
  private static final byte[] KEY2 = bytes(2);
  private static final Map<String, String> ENV1 = Map.of("VIGIL_ENCRYPTION_KEY", b64(KEY1), "VIGIL_ENCRYPTION_KEY_ID", "k1");
  private static final Map<String, String> ROTATED = Map.of("VIGIL_ENCRYPTION_KEY", b64(KEY2), "VIGIL_ENCRYPTION_KEY_ID", "k2",
      "VIGIL_ENCRYPTION_KEYS", "k1:" + b64(KEY1));

  private static final DataSet CUSTOMER = DataSet.builder("customer").ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("customer_id", DataType.STRING))
      .addField(Field.builder("name", DataType.STRING).encrypted(true).audited(true).build())
      .addField(Field.builder("iban", DataType.STRING).encrypted(true).encryption(FieldEncryption.DETERMINISTIC).build())
      .addField(Field.of("segment", DataType.STRING))
      .primaryKey("customer_id").publish(true).build();
  private static final DataSet TRANSFER = DataSet.builder("transfer").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("trans_id", DataType.STRING))
      .addField(Field.builder("beneficiary", DataType.STRING).encrypted(true).build())
      .addField(Field.builder("iban", DataType.STRING).encrypted(true).encryption(FieldEncryption.DETERMINISTIC).build())
      .addField(Field.of("amount", DataType.DOUBLE))
      .addField(Field.of("date", DataType.TIMESTAMP))
      .addValidator(Validator.reject("positive_amount", "amount > 0"))
      .occurredOnField("date").publish(true).build();

  private static final List<String> CUSTOMERS = List.of(
      "c1|Aurelia Quixotebank|DE44500105175407324931|RETAIL_PREMIUM_SEGMENT",
      "c2|Bartholomew Zynkiewicz|FR1420041010050500013M02606|RETAIL_PREMIUM_SEGMENT",
      "c3|Cordelia Vantongeren|DE44500105175407324931|CORPORATE_SEGMENT_X");
  private static final List<String> TRANSFERS = List.of(
      "t1|Desdemona Featherstonehaugh|DE44500105175407324931|100.0",
      "t2|Evander Quillfeather|GB29NWBK60161331926819|250.5",
      "t3|Fenwick Rejectedsworth|GB29NWBK60161331926819|-5.0");
  private static final List<String> PLAIN = List.of("Aurelia Quixotebank", "Bartholomew Zynkiewicz", "Cordelia Vantongeren",
      "DE44500105175407324931", "FR1420041010050500013M02606", "Desdemona Featherstonehaugh", "Evander Quillfeather",
      "GB29NWBK60161331926819", "Fenwick Rejectedsworth");

  @TempDir static Path home;
  static SparkSession spark;
  static Stores stores;
  static StoreSettings settings;
  static SolutionCatalog catalog;
  static Layout layout;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    stores = Stores.open(StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "analyst",
        "VIGIL_ROLES", "manager")));
    settings = stores.settings();
    catalog = Catalogs.of("vault", CUSTOMER, TRANSFER);
    layout = new Layout("vault", settings.warehouseRoot());
    DeltaFixtures.ensure(spark, layout, List.of(Environment.PUBLIC), CUSTOMER, TRANSFER);
    String schema = layout.cddSchema(Environment.PUBLIC);
    stores.postgres().withConnection(c -> {
      MetaSchema.migrate(c);
      c.createStatement().execute("create schema if not exists " + CddTable.quote(schema));
      for (DataSet ds : List.of(CUSTOMER, TRANSFER)) {
        for (String sql : CddTables.dataset(schema, ds).createStatements()) {
          c.createStatement().execute(sql);
        }
      }
      return null;
    });
    try (JobContext ctx = context(DAY1, ENV1)) {
      ctx.write(customers(CUSTOMERS), "customer");
      WriteResult transfers = ctx.write(transfers(TRANSFERS), "transfer");
      assertThat(transfers.rejected()).as("the negative amount is rejected, so its raw record is stored").isEqualTo(1);
      Datasets.publish(ctx, "customer");
      Datasets.publish(ctx, "transfer");
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
    stores.close();
  }

  @Test
  void noPlainValueIsInTheCddOrInAnyWarehouseFile() throws IOException {
    String cdd = String.join("\n", query("select t::text from vault_public.customer t union all select t::text from vault_public.transfer t"));
    assertThat(cdd).as("a plain field is published as is").contains("RETAIL_PREMIUM_SEGMENT").contains("t1");
    assertThat(cdd).contains("v1:k1:");
    PLAIN.forEach(p -> assertThat(cdd).as("CDD text").doesNotContain(p));

    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of(settings.warehouseRoot().replaceFirst("^file:", "")))) {
      files = walk.filter(Files::isRegularFile).toList();
    }
    assertThat(files).anyMatch(f -> f.toString().endsWith(".parquet") && f.toString().contains("rejected"));
    StringBuilder all = new StringBuilder();
    for (Path f : files) {
      all.append(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).append('\n');
    }
    assertThat(all).as("the raw bytes show plain fields, so the check can see strings").contains("CORPORATE_SEGMENT_X");
    PLAIN.forEach(p -> assertThat(all).as("warehouse files").doesNotContain(p));
  }

  @Test
  void aDecryptNeedsAReasonAndIsAudited() {
    long before;
    try (JobContext ctx = context(DAY1, ENV1)) {
      assertThatThrownBy(() -> Datasets.read(ctx, "customer", ReadOptions.DEFAULT.decrypt("  ")))
          .isInstanceOf(VigilException.class).hasMessageContaining("Cannot decrypt dataset customer: a decrypt needs a reason");
      assertThatThrownBy(() -> Datasets.read(ctx, "customer", ReadOptions.DEFAULT.decrypt(null)))
          .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.errorId()).isEqualTo("VGL-RT-163"));
      before = auditRows();

      List<String> stored = rows(Datasets.read(ctx, "customer"));
      assertThat(stored).hasSize(3).allMatch(r -> r.split("\\|")[1].startsWith("v1:k1:") && r.split("\\|")[2].startsWith("v1:k1:"));
      assertThat(rows(Datasets.read(ctx, "customer", ReadOptions.DEFAULT.decrypt("case 4711: sanctions hit review"))))
          .containsExactlyElementsOf(CUSTOMERS);
      assertThat(rows(Datasets.read(ctx, "transfer", ReadOptions.DEFAULT.decrypt("case 4712"))))
          .containsExactlyElementsOf(TRANSFERS.subList(0, 2));
    }
    assertThat(auditRows()).as("the refused decrypts wrote nothing; the three reads one row each").isEqualTo(before + 3);
    List<String> audit = query("select dataset, environment, array_to_string(fields, ','), decrypted, row_count, coalesce(reason, '-'),"
        + " read_by, read_at is not null from vigil_meta.read_audit order by read_id desc limit 3");
    assertThat(audit).containsExactly(
        "transfer|public|beneficiary,iban|t|2|case 4712|analyst|t",
        "customer|public|name,iban|t|3|case 4711: sanctions hit review|analyst|t",
        "customer|public|name|f|3|-|analyst|t");
  }

  @Test
  void rerunsLeaveTheDecryptedTablesIdentical() {
    try (JobContext ctx = context(DAY1, ENV1)) {
      List<String> customersBefore = rows(Datasets.read(ctx, "customer", ReadOptions.DEFAULT.withHistory().decrypt("rerun check")));
      List<String> transfersBefore = rows(Datasets.read(ctx, "transfer", ReadOptions.DEFAULT.decrypt("rerun check")));
      List<String> cipherBefore = rows(Datasets.read(ctx, "transfer"));
      ctx.write(customers(CUSTOMERS), "customer");
      ctx.write(transfers(TRANSFERS), "transfer");
      assertThat(rows(Datasets.read(ctx, "customer", ReadOptions.DEFAULT.withHistory().decrypt("rerun check"))))
          .isEqualTo(customersBefore);
      assertThat(rows(Datasets.read(ctx, "transfer", ReadOptions.DEFAULT.decrypt("rerun check")))).isEqualTo(transfersBefore);
      List<String> cipherAfter = rows(Datasets.read(ctx, "transfer"));
      assertThat(column(cipherAfter, 1)).as("random nonces: a rerun stores new ciphertexts").doesNotContainAnyElementsOf(column(cipherBefore, 1));
      assertThat(column(cipherAfter, 2)).as("deterministic fields store the same ciphertext").isEqualTo(column(cipherBefore, 2));
    }
    // The next date compares the snapshot with the decrypted current versions: random nonces do not make a change.
    try (JobContext ctx = context(DAY2, ENV1)) {
      WriteResult same = ctx.write(customers(CUSTOMERS), "customer");
      assertThat(same.written()).isZero();
      assertThat(same.unchanged()).isEqualTo(3);
      List<String> renamed = List.of(CUSTOMERS.get(0), "c2|Bartholomew Renamedsson|FR1420041010050500013M02606|RETAIL_PREMIUM_SEGMENT",
          CUSTOMERS.get(2));
      WriteResult changed = ctx.write(customers(renamed), "customer");
      assertThat(changed.updated()).isEqualTo(1);
      assertThat(changed.unchanged()).isEqualTo(2);
      assertThat(rows(Datasets.read(ctx, "customer", ReadOptions.DEFAULT.decrypt("rename check")))).isEqualTo(renamed);
      assertThat(rows(Datasets.read(ctx, "customer", ReadOptions.asOf(DAY1).decrypt("rename check")))).isEqualTo(CUSTOMERS);
    }
  }

  @Test
  void deterministicFieldsJoinOnCiphertextAndRandomOnesDoNot() {
    try (JobContext ctx = context(DAY1, ENV1)) {
      List<String> customers = rows(Datasets.read(ctx, "customer"));
      assertThat(column(customers, 2).get(0)).as("c1 and c3 share an IBAN").isEqualTo(column(customers, 2).get(2));
      Dataset<Row> joined = Datasets.read(ctx, "transfer").join(Datasets.read(ctx, "customer"), "iban");
      assertThat(joined.select("trans_id", "customer_id").orderBy("customer_id").collectAsList().stream()
          .map(r -> r.getString(0) + "-" + r.getString(1)).toList()).containsExactly("t1-c1", "t1-c3");
    }
  }

  @Test
  void afterARotationOldValuesStillDecryptAndNewOnesUseTheNewKey() {
    try (JobContext ctx = context(DAY2, ROTATED)) {
      ctx.write(transfers(List.of("t9|Gwendolyn Rotatedkeyson|DE44500105175407324931|10.0")), "transfer");
      assertThat(rows(Datasets.read(ctx, "transfer"))).singleElement().satisfies(r -> assertThat(r.split("\\|")[1]).startsWith("v1:k2:"));
      assertThat(rows(Datasets.read(ctx, "transfer", ReadOptions.range(DAY1, DAY2).decrypt("rotation check"))))
          .containsExactly(TRANSFERS.get(0), TRANSFERS.get(1), "t9|Gwendolyn Rotatedkeyson|DE44500105175407324931|10.0");
    }
    try (JobContext ctx = context(DAY2, Map.of("VIGIL_ENCRYPTION_KEY", b64(KEY2), "VIGIL_ENCRYPTION_KEY_ID", "k2"))) {
      assertThatThrownBy(() -> Datasets.read(ctx, "transfer", ReadOptions.range(DAY1, DAY2).decrypt("rotation check")))
          .isInstanceOf(VigilException.class)
          .hasMessageContaining("Cannot decrypt dataset transfer: field beneficiary has 2 values under key ids [k1]");
    }
  }

  @Test
  void aWriteWithoutAKeyIsRefusedAndKeysNeverShowInAPlan() {
    try (JobContext ctx = context(DAY2, Map.of())) {
      assertThatThrownBy(() -> ctx.write(customers(CUSTOMERS), "customer")).isInstanceOf(VigilException.class)
          .hasMessageContaining("Cannot write dataset customer (encrypted fields name, iban): VIGIL_ENCRYPTION_KEY is not set");
    }
    try (JobContext ctx = context(DAY2, Map.of("VIGIL_ENCRYPTION_KEY", b64(KEY1)))) {
      assertThatThrownBy(() -> ctx.write(customers(CUSTOMERS), "customer"))
          .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.errorId()).isEqualTo("VGL-RT-161"))
          .hasMessageNotContaining(b64(KEY1));
    }
    try (JobContext ctx = context(DAY1, ENV1)) {
      Dataset<Row> decrypted = Datasets.read(ctx, "customer", ReadOptions.DEFAULT.decrypt("plan check"));
      String plan = decrypted.queryExecution().toString() + decrypted.queryExecution().executedPlan().toString();
      assertThat(plan).contains("aes_decrypt")
          .doesNotContainIgnoringCase(HexFormat.of().formatHex(KEY1)).doesNotContain(b64(KEY1));
    }
  }

  private static JobContext context(LocalDateTime date, Map<String, String> env) {
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(Environment.PUBLIC).spark(spark)
        .writer("vault.Load").secrets(new SecretResolver(env)).open();
  }

  private static Dataset<Row> customers(List<String> lines) {
    StructType schema = new StructType().add("customer_id", DataTypes.StringType).add("name", DataTypes.StringType)
        .add("iban", DataTypes.StringType).add("segment", DataTypes.StringType);
    return spark.createDataFrame(lines.stream().map(l -> RowFactory.create((Object[]) l.split("\\|"))).toList(), schema);
  }

  private static Dataset<Row> transfers(List<String> lines) {
    StructType schema = new StructType().add("trans_id", DataTypes.StringType).add("beneficiary", DataTypes.StringType)
        .add("iban", DataTypes.StringType).add("amount", DataTypes.DoubleType).add("date", DataTypes.TimestampType);
    List<Row> rows = new ArrayList<>();
    for (String l : lines) {
      String[] p = l.split("\\|");
      rows.add(RowFactory.create(p[0], p[1], p[2], Double.parseDouble(p[3]), Timestamp.valueOf(DAY1.minusDays(1))));
    }
    return spark.createDataFrame(rows, schema);
  }

  /** The rows' values as {@code a|b|c} without the technical columns and the transfer date, in the first column's order. */
  private static List<String> rows(Dataset<Row> rows) {
    String first = rows.columns()[0];
    List<String> fields = List.of(rows.columns()).stream().filter(c -> !c.startsWith("tr_") && !c.equals("date")).toList();
    return rows.orderBy(first).select(fields.stream().map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new))
        .collectAsList().stream().map(r -> {
          List<String> cells = new ArrayList<>();
          for (int i = 0; i < r.length(); i++) {
            cells.add(String.valueOf(r.get(i)));
          }
          return String.join("|", cells);
        }).toList();
  }

  private static List<String> column(List<String> rows, int index) {
    return rows.stream().map(r -> r.split("\\|")[index]).toList();
  }

  private static long auditRows() {
    return Long.parseLong(query("select count(*) from vigil_meta.read_audit").get(0));
  }

  private static List<String> query(String sql) {
    return stores.postgres().withConnection(c -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> cells = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            cells.add(rs.getString(i));
          }
          out.add(String.join("|", cells));
        }
      }
      return out;
    });
  }

  private static byte[] bytes(int seed) {
    byte[] key = new byte[32];
    for (int i = 0; i < key.length; i++) {
      key[i] = (byte) (seed * 31 + i * 7);
    }
    return key;
  }

  private static String b64(byte[] key) {
    return Base64.getEncoder().encodeToString(key);
  }

}
