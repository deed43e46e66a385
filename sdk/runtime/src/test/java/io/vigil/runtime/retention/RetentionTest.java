package io.vigil.runtime.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.RetentionPolicy;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.meta.MetaSchema;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.DeltaFixtures;
import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
 * Retention purge on the embedded stack: four months of an APPEND dataset with a two-month policy
 * lose exactly their two oldest months in Delta and in the CDD, the purge is audited once, a dry run
 * deletes nothing, a rerun purges nothing, and datasets without a policy or not APPEND are refused.
 */
class RetentionTest {
  private static final List<LocalDateTime> MONTHS = List.of(LocalDateTime.of(2024, 1, 31, 0, 0), LocalDateTime.of(2024, 2, 29, 0, 0),
      LocalDateTime.of(2024, 3, 31, 0, 0), LocalDateTime.of(2024, 4, 30, 0, 0));
  private static final DataSet TX = DataSet.builder("transaction").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("trans_id", DataType.STRING)).addField(Field.of("date", DataType.TIMESTAMP))
      .occurredOnField("date").publish(true).retentionPolicy(RetentionPolicy.months(2)).build();
  private static final DataSet KEPT = DataSet.builder("kept").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("trans_id", DataType.STRING)).addField(Field.of("date", DataType.TIMESTAMP))
      .occurredOnField("date").build();
  /** Validation refuses a policy on a keyed dataset (V-11); the purge refuses it too. */
  private static final DataSet ACCOUNT = DataSet.builder("account").ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("account_id", DataType.STRING)).primaryKey("account_id").retentionPolicy(RetentionPolicy.months(1)).build();

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
    catalog = Catalogs.of("purging", TX, KEPT, ACCOUNT);
    layout = new Layout("purging", settings.warehouseRoot());
    DeltaFixtures.ensure(spark, layout, List.of(Environment.PUBLIC), TX, KEPT, ACCOUNT);
    String schema = layout.cddSchema(Environment.PUBLIC);
    stores.postgres().withConnection(c -> {
      MetaSchema.migrate(c);
      c.createStatement().execute("create schema if not exists " + CddTable.quote(schema));
      for (String sql : CddTables.dataset(schema, TX).createStatements()) {
        c.createStatement().execute(sql);
      }
      return null;
    });
    StructType input = new StructType().add("trans_id", DataTypes.StringType).add("date", DataTypes.TimestampType);
    for (LocalDateTime month : MONTHS) {
      try (JobContext ctx = context(month)) {
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
          rows.add(RowFactory.create(month.toLocalDate() + "-" + i, Timestamp.valueOf(month.minusDays(i))));
        }
        ctx.write(spark.createDataFrame(rows, input), "transaction");
        if (month.equals(MONTHS.get(0))) {
          ctx.write(spark.createDataFrame(rows, input), "kept");
        }
        Datasets.publish(ctx, "transaction");
      }
    }
  }

  @AfterAll
  static void stop() {
    spark.stop();
    stores.close();
  }

  private static JobContext context(LocalDateTime date) {
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(Environment.PUBLIC).spark(spark)
        .writer("aml.Load").open();
  }

  private static List<String> delta(String dataset) {
    return spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, dataset)).select("trans_id").orderBy("trans_id")
        .collectAsList().stream().map(r -> r.getString(0)).toList();
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

  @Test
  void aPurgeRemovesExactlyTheMonthsPastThePolicyFromBothStoresAndAuditsItOnce() {
    List<String> kept = List.of("2024-03-31-0", "2024-03-31-1", "2024-03-31-2", "2024-04-30-0", "2024-04-30-1", "2024-04-30-2");
    try (JobContext ctx = context(MONTHS.get(3))) {
      PurgeResult preview = Retention.purge(ctx, "transaction", true);
      assertThat(preview).isEqualTo(new PurgeResult("transaction", Environment.PUBLIC, "2024_03", 6, 6, true));
      assertThat(delta("transaction")).hasSize(12);
    }
    assertThat(query("select count(*) from " + MetaSchema.SCHEMA + ".purge_audit")).containsExactly("0");

    try (JobContext ctx = context(MONTHS.get(3))) {
      PurgeResult purged = Retention.purge(ctx, "transaction", false);
      assertThat(purged).isEqualTo(new PurgeResult("transaction", Environment.PUBLIC, "2024_03", 6, 6, false));
    }
    assertThat(delta("transaction")).containsExactlyElementsOf(kept);
    assertThat(query("select trans_id from purging_public.transaction order by 1")).containsExactlyElementsOf(kept);
    assertThat(delta("kept")).as("a dataset without a policy keeps everything").hasSize(3);
    assertThat(query("select solution, dataset, environment, kept_from, delta_rows, cdd_rows, purged_by from "
        + MetaSchema.SCHEMA + ".purge_audit")).containsExactly("purging|transaction|public|2024_03|6|6|ops");

    try (JobContext ctx = context(MONTHS.get(3))) {
      assertThat(Retention.purge(ctx, "transaction", false).deltaRows()).as("a rerun finds nothing").isZero();
    }
    assertThat(query("select count(*) from " + MetaSchema.SCHEMA + ".purge_audit")).containsExactly("1");
    assertThat(delta("transaction")).containsExactlyElementsOf(kept);
  }

  @Test
  void aDatasetWithoutAPolicyOrNotAppendIsRefused() {
    try (JobContext ctx = context(MONTHS.get(3))) {
      assertThatThrownBy(() -> Retention.purge(ctx, "kept", false)).isInstanceOf(VigilException.class)
          .hasMessageContaining("Cannot purge dataset kept: it has no retention_policy");
      assertThat(delta("kept")).hasSize(3);
      assertThatThrownBy(() -> Retention.purge(ctx, "account", true)).isInstanceOf(VigilException.class)
          .hasMessageContaining("Cannot purge dataset account: it is OVERWRITE");
    }
  }
}
