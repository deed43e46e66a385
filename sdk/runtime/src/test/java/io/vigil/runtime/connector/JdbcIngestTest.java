package io.vigil.runtime.connector;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.connector.ExtractMode;
import io.vigil.api.connector.JdbcConnector;
import io.vigil.api.connector.JdbcDatabase;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.DeltaFixtures;
import io.vigil.runtime.testing.TestSpark;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** KeplerAI-style database ingestion from a real PostgreSQL source, FULL and INCREMENTAL. */
class JdbcIngestTest {
  private static final DataSet TX = DataSet.builder("bank_tx").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("id", DataType.LONG)).addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("amount", DataType.DOUBLE)).addField(Field.of("booked_at", DataType.TIMESTAMP))
      .occurredOnField("booked_at").build();
  private static final DataSet ACCOUNT = DataSet.builder("bank_account").ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("account_id", DataType.STRING)).addField(Field.of("owner", DataType.STRING))
      .primaryKey("account_id").build();

  @TempDir static Path home;
  static EmbeddedPostgres source;
  static SparkSession spark;
  static SolutionCatalog catalog;
  static StoreSettings settings;
  static Layout layout;

  @BeforeAll
  static void start() throws Exception {
    source = EmbeddedPostgres.builder().setPort(0).start();
    try (Connection c = source.getPostgresDatabase().getConnection()) {
      c.createStatement().execute("""
          create user kepler password 'src-secret';
          create schema bank;
          create table bank.transactions (id bigint, account_id text, amount numeric(12,2), booked_at timestamp);
          insert into bank.transactions values
            (1, 'a1', 10.50, '2024-01-10 09:00'), (2, 'a2', 99.00, '2024-01-20 10:00'), (3, 'a1', 5.00, '2024-02-05 11:00');
          create table bank.accounts (account_id text, owner text);
          insert into bank.accounts values ('a1', 'Ana'), ('a2', 'Bob');
          grant usage on schema bank to kepler;
          grant select on all tables in schema bank to kepler;
          """);
    }
    String url = source.getJdbcUrl("postgres", "postgres").replace("?user=postgres", "");
    JdbcConnector tx = JdbcConnector.builder("bank_transactions").database(JdbcDatabase.POSTGRESQL).url(url)
        .username("kepler").password("env:BANK_DB_PASSWORD").table("bank.transactions")
        .extractMode(ExtractMode.INCREMENTAL).incrementalColumn("booked_at").defaultTargetDatasetName("bank_tx").build();
    JdbcConnector accounts = JdbcConnector.builder("bank_accounts").database(JdbcDatabase.POSTGRESQL).url(url)
        .username("kepler").password("env:BANK_DB_PASSWORD").query("select account_id, owner from bank.accounts")
        .defaultTargetDatasetName("bank_account").build();
    catalog = Catalogs.of("jdbcdemo", TX, ACCOUNT, tx, accounts);
    spark = TestSpark.start();
    settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_WAREHOUSE", home.resolve("wh").toString(),
        "VIGIL_USER", "ops", "VIGIL_ROLES", "manager"));
    layout = new Layout("jdbcdemo", settings.warehouseRoot());
    DeltaFixtures.ensure(spark, layout, List.of(Environment.PUBLIC), TX, ACCOUNT);
  }

  @AfterAll
  static void stop() throws Exception {
    spark.stop();
    source.close();
  }

  private static JobContext context(LocalDateTime date) {
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(Environment.PUBLIC).spark(spark)
        .secrets(new SecretResolver(Map.of("BANK_DB_PASSWORD", "src-secret"))).open();
  }

  private static List<Long> ids() {
    return spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, "bank_tx"))
        .orderBy("id").select("id").collectAsList().stream().map(r -> r.getLong(0)).toList();
  }

  @Test
  void incrementalReadsFollowTheHighWaterMarkAndRerunsReadTheSameRows() throws Exception {
    try (JobContext ctx = context(LocalDateTime.of(2024, 1, 31, 0, 0))) {
      UploadResult first = Connectors.upload(ctx, "bank_transactions");
      assertThat(first.rowsIn()).isEqualTo(2);
      assertThat(first.files().get(0).key()).doesNotContain("src-secret");
    }
    assertThat(ids()).containsExactly(1L, 2L);
    try (Connection c = source.getPostgresDatabase().getConnection()) {
      c.createStatement().execute("insert into bank.transactions values (4, 'a2', 7.25, '2024-02-20 08:00')");
    }
    try (JobContext ctx = context(LocalDateTime.of(2024, 2, 29, 0, 0))) {
      assertThat(Connectors.upload(ctx, "bank_transactions").rowsIn()).isEqualTo(2);
      assertThat(Connectors.upload(ctx, "bank_transactions").rowsIn()).as("rerun").isEqualTo(2);
      assertThat(ctx.read("bank_tx").count()).isEqualTo(2);
    }
    assertThat(ids()).containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  void fullReadsOfAQueryFeedAnOverwriteDataset() {
    try (JobContext ctx = context(LocalDateTime.of(2024, 1, 31, 0, 0))) {
      UploadResult result = Connectors.upload(ctx, "bank_accounts");
      assertThat(result.rowsIn()).isEqualTo(2);
      assertThat(ctx.read("bank_account").orderBy("account_id").collectAsList())
          .extracting(r -> r.getString(0) + ":" + r.getString(1)).containsExactly("a1:Ana", "a2:Bob");
    }
  }
}
