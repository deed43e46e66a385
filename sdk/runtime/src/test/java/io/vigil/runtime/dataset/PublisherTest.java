package io.vigil.runtime.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.DeltaFixtures;
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Publish to a real embedded Postgres, into tables created the way sync creates them. */
class PublisherTest {
  private static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);
  private static final LocalDateTime D2 = LocalDateTime.of(2024, 2, 29, 0, 0);
  private static final DataSet TX = DataSet.builder("transaction").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("trans_id", DataType.STRING))
      .addField(Field.of("note", DataType.STRING))
      .addField(Field.builder("tags", DataType.STRING).arrayIndicator(true).build())
      .addField(Field.of("date", DataType.TIMESTAMP))
      .occurredOnField("date").publish(true).dataPermission("dpv:public").build();
  private static final DataSet ACCOUNT = DataSet.builder("account").ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("account_id", DataType.STRING)).addField(Field.of("balance", DataType.DOUBLE))
      .primaryKey("account_id").publish(true).build();
  private static final DataSet HIDDEN = DataSet.builder("hidden").ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("id", DataType.STRING)).primaryKey("id").build();

  @TempDir static Path home;
  static SparkSession spark;
  static Stores stores;
  static StoreSettings settings;
  static SolutionCatalog catalog;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager"));
    stores = Stores.open(settings);
    settings = stores.settings();
    catalog = Catalogs.of("pubdemo", TX, ACCOUNT, HIDDEN);
    Layout layout = new Layout("pubdemo", settings.warehouseRoot());
    DeltaFixtures.ensure(spark, layout, List.of(Environment.PUBLIC), TX, ACCOUNT, HIDDEN);
    String schema = layout.cddSchema(Environment.PUBLIC);
    stores.postgres().withConnection(c -> {
      c.createStatement().execute("create schema if not exists " + CddTable.quote(schema));
      for (DataSet ds : List.of(TX, ACCOUNT)) {
        for (String sql : CddTables.dataset(schema, ds).createStatements()) {
          c.createStatement().execute(sql);
        }
      }
      return null;
    });
  }

  @AfterAll
  static void stop() {
    spark.stop();
    stores.close();
  }

  private static JobContext context(LocalDateTime date) {
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(Environment.PUBLIC)
        .spark(spark).writer("aml.Publish").open();
  }

  private static List<String> table(String sql) {
    return stores.postgres().withConnection(c -> {
      List<String> out = new ArrayList<>();
      try (ResultSet rs = c.createStatement().executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          StringBuilder row = new StringBuilder();
          for (int i = 1; i <= n; i++) {
            row.append(i > 1 ? "|" : "").append(rs.getString(i));
          }
          out.add(row.toString());
        }
      }
      return out;
    });
  }

  @Test
  void appendPublishesTheExecutionDateAndRerunsGiveTheSameTable() {
    StructType input = new StructType().add("trans_id", DataTypes.StringType).add("note", DataTypes.StringType)
        .add("tags", DataTypes.createArrayType(DataTypes.StringType)).add("date", DataTypes.TimestampType);
    try (JobContext ctx = context(D1)) {
      ctx.write(spark.createDataFrame(List.of(
          RowFactory.create("t1", "has \"quotes\", commas", List.of("a", "b\"c").toArray(new String[0]), java.sql.Timestamp.valueOf("2024-01-05 10:00:00")),
          RowFactory.create("t2", "", null, java.sql.Timestamp.valueOf("2024-01-06 00:00:00")),
          RowFactory.create("t3", null, new String[] {null, "x"}, java.sql.Timestamp.valueOf("2024-01-07 00:00:00"))), input), "transaction");
      PublishResult first = Datasets.publish(ctx, "transaction");
      assertThat(first.rows()).isEqualTo(3);
      List<String> once = table("select trans_id, note, tags, date, tr_job_ts from pubdemo_public.transaction order by trans_id");
      assertThat(once).containsExactly(
          "t1|has \"quotes\", commas|{a,\"b\\\"c\"}|2024-01-05 10:00:00|2024-01-31 00:00:00",
          "t2||null|2024-01-06 00:00:00|2024-01-31 00:00:00",
          "t3|null|{NULL,x}|2024-01-07 00:00:00|2024-01-31 00:00:00");
      Datasets.publish(ctx, "transaction");
      assertThat(table("select trans_id, note, tags, date, tr_job_ts from pubdemo_public.transaction order by trans_id")).isEqualTo(once);
      assertThat(ctx.metrics().snapshot()).containsEntry("transaction-published_rows", 6.0);
    }
    try (JobContext ctx = context(D2)) {
      ctx.write(spark.createDataFrame(List.of(RowFactory.create("t9", "n", null, java.sql.Timestamp.valueOf("2024-02-01 00:00:00"))), input), "transaction");
      Datasets.publish(ctx, "transaction");
      assertThat(table("select count(*) from pubdemo_public.transaction")).containsExactly("4");
    }
  }

  @Test
  void keyedPublishReplacesTheTableWithTheAsOfView() {
    StructType input = new StructType().add("account_id", DataTypes.StringType).add("balance", DataTypes.DoubleType);
    try (JobContext ctx = context(D1)) {
      ctx.write(spark.createDataFrame(List.of(RowFactory.create("a", 1.5), RowFactory.create("b", 2.0)), input), "account");
      Datasets.publish(ctx, "account");
    }
    try (JobContext ctx = context(D2)) {
      ctx.write(spark.createDataFrame(List.of(RowFactory.create("a", 3.0)), input), "account");
      Datasets.publish(ctx, "account");
      Datasets.publish(ctx, "account");
    }
    assertThat(table("select account_id, balance from pubdemo_public.account order by 1")).containsExactly("a|3");
  }

  @Test
  void refusesDatasetsThatAreNotPublished() {
    try (JobContext ctx = context(D1)) {
      assertThatThrownBy(() -> Datasets.publish(ctx, "hidden")).isInstanceOf(VigilException.class)
          .hasMessageContaining("publish: false");
    }
  }
}
