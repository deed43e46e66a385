package io.vigil.runtime.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.Source;
import io.vigil.api.connector.TimestampConf;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.Validator;
import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.ExternalNotificationTarget;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.api.distribution.TargetAuth;
import io.vigil.api.entity.Entity;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationFlowIdentifiers;
import io.vigil.api.solution.MonitoringReports;
import io.vigil.api.solution.SolutionManifest;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.connector.Connectors;
import io.vigil.runtime.connector.UploadResult;
import io.vigil.runtime.decisioning.Distribution;
import io.vigil.runtime.decisioning.DistributionResult;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.delivery.ReceivedRequest;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.runtime.schema.SparkSchemas;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.TestSpark;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Monitoring reports from real runs on the embedded stack: an upload with bad rows and an empty
 * file, then a distribution, each writes its page under reports/ with the right counts, and the
 * notification target hears of it with the path and no secret; reruns replace the page and repeat
 * the notice under the same idempotency key; private runs and re-sends of a range write none.
 */
class MonitoringReportsTest {
  private static final LocalDateTime D0 = LocalDateTime.of(2023, 12, 31, 0, 0);
  private static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);
  private static final LocalDateTime D2 = LocalDateTime.of(2024, 2, 29, 0, 0);
  private static final String PASSWORD = "rpt-pass-5521";
  private static final Map<String, String> SECRETS = Map.of("RPT_USER", "reports", "RPT_PASSWORD", PASSWORD,
      "CM_USER", "cm", "CM_PASSWORD", "cm-pass-0042");

  private static final DataSet TX = DataSet.builder("transaction").ingestionMode(IngestionMode.APPEND)
      .addField(Field.of("trans_id", DataType.STRING))
      .addField(Field.of("account_id", DataType.STRING))
      .addField(Field.builder("amount", DataType.DOUBLE).addValidator(Validator.reject("known", "amount IS NOT NULL")).build())
      .addField(Field.builder("date", DataType.TIMESTAMP).dateFormat("%y%m%d").build())
      .occurredOnField("date").build();
  private static final FlatFileConnector TX_CSV = FlatFileConnector.builder("transactions")
      .source(Source.builder("tx", "transaction").delimiter(";").timestampConf(TimestampConf.column("date", "%y%m%d")).build())
      .defaultTargetDatasetName("transaction").build();
  private static final EvaluationFlow FLOW = EvaluationFlow.builder("monthly").inputDataset("transaction")
      .identifiers(EvaluationFlowIdentifiers.of(List.of("account_id"), List.of(), null)).build();

  @TempDir static java.nio.file.Path home;
  static SparkSession spark;
  static Stores stores;
  static StoreSettings settings;
  static Layout layout;
  static String schema;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
    stores = Stores.open(StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "ops", "VIGIL_ROLES", "manager")));
    settings = stores.settings();
    layout = new Layout("mreports", settings.warehouseRoot());
    schema = layout.cddSchema(Environment.PUBLIC);
    stores.objects().ensureBucket(layout.bucket());
    for (Environment env : List.of(Environment.PUBLIC, Environment.privateOf("ops"))) {
      DeltaTables.ensure(spark, layout.datasetPath(env, "transaction"), SparkSchemas.table(TX), SparkSchemas.partitionColumns(TX));
      DeltaTables.ensure(spark, layout.rejectedPath(env, "transaction"), SparkSchemas.rejected(), List.of());
    }
    stores.postgres().withConnection(c -> {
      c.createStatement().execute("drop schema if exists " + CddTable.quote(schema) + " cascade");
      c.createStatement().execute("create schema " + CddTable.quote(schema));
      for (String sql : CddTables.alerts(schema, FLOW).createStatements()) {
        c.createStatement().execute(sql);
      }
      return null;
    });
    // Last period: 2 alerts. This one: 3 of high_volume (severity 60), 2 of many_tx (20), one of them suppressed.
    insertAlerts(D0, List.of("high_volume:60:false", "many_tx:20:false"));
    insertAlerts(D1, List.of("high_volume:60:false", "high_volume:60:false", "high_volume:60:false", "many_tx:20:false",
        "many_tx:20:true"));
  }

  @AfterAll
  static void stop() {
    spark.stop();
    stores.close();
  }

  private static void insertAlerts(LocalDateTime date, List<String> alerts) {
    stores.postgres().withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("insert into " + CddTables.alerts(schema, FLOW).qualifiedName()
          + " (alert_id, tr_id, tr_job_ts, risk_identifier, severity, entity, suppression_key, suppressed, payload, created_on)"
          + " values (?, ?, ?, ?, ?, '{}'::jsonb, ?, ?, cast(? as jsonb), now())")) {
        int i = 0;
        for (String a : alerts) {
          String[] p = a.split(":");
          String id = date.toLocalDate() + "-" + i++;
          ps.setString(1, id);
          ps.setString(2, "t-" + id);
          ps.setTimestamp(3, Timestamp.valueOf(date));
          ps.setString(4, p[0]);
          ps.setInt(5, Integer.parseInt(p[1]));
          ps.setString(6, "acc-" + id);
          ps.setBoolean(7, Boolean.parseBoolean(p[2]));
          ps.setString(8, "{\"id\": \"" + id + "\"}");
          ps.executeUpdate();
        }
      }
      return null;
    });
  }

  private static SolutionCatalog catalog(String notifyUrl, String caseManagerUrl) {
    ExternalNotificationTarget notify = ExternalNotificationTarget.builder("reports_notifications").url(notifyUrl)
        .auth(TargetAuth.basic("env:RPT_USER", "env:RPT_PASSWORD"))
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(20)).build())
        .build();
    AlertDistributionTarget cm = AlertDistributionTarget.builder("case_manager").url(caseManagerUrl)
        .auth(TargetAuth.basic("env:CM_USER", "env:CM_PASSWORD")).build();
    SolutionManifest manifest = SolutionManifest.builder("mreports")
        .reports(new MonitoringReports(true, true, false, "reports_notifications", 3)).build();
    List<Entity> entities = List.of(TX, TX_CSV, FLOW, notify, cm);
    return new SolutionCatalog(manifest, entities.stream().map(e -> new SolutionCatalog.Entry(e, "aml")).toList(), List.of());
  }

  private static JobContext context(SolutionCatalog catalog, Environment env) {
    return context(catalog, env, D1);
  }

  private static JobContext context(SolutionCatalog catalog, Environment env, LocalDateTime date) {
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(env).spark(spark)
        .secrets(new SecretResolver(SECRETS)).open();
  }

  private static String page(String key) {
    return new String(ReportStore.read(stores.objects(), layout.bucket(), key), StandardCharsets.UTF_8);
  }

  /** The cells of the table rows of {@code html}, tags stripped, one string per row joined by "|". */
  private static List<String> rows(String html) {
    Matcher m = Pattern.compile("<tr>(.*?)</tr>").matcher(html);
    List<String> out = new java.util.ArrayList<>();
    while (m.find()) {
      out.add(String.join("|", Arrays.stream(m.group(1).split("</t[dh]>")).map(c -> c.replaceAll("<[^>]+>", "")).toList()));
    }
    return out;
  }

  @Test
  void uploadAndDistributionWriteTheirReportsAndTellTheTarget() {
    String landing = layout.landingPrefix("tx");
    stores.objects().put(layout.bucket(), landing + "tx_1.csv", ("trans_id;account_id;amount;date\n"
        + "1;a1;10.5;240131\n2;a1;20;240131\n3;a2;30;240131\n4;a2;;240131\n5;a3;abc;240131\n").getBytes(StandardCharsets.UTF_8));
    stores.objects().put(layout.bucket(), landing + "tx_2.csv", "trans_id;account_id;amount;date\n".getBytes(StandardCharsets.UTF_8));

    try (LocalReceiver notices = LocalReceiver.builder().idField(ReportNotice.PATH).expectBasic("reports", PASSWORD).start();
        LocalReceiver cm = LocalReceiver.builder().expectBasic("cm", "cm-pass-0042").start()) {
      SolutionCatalog catalog = catalog(notices.url().toString(), cm.url().toString());

      // A private upload is exploration: it writes no report.
      try (JobContext context = context(catalog, Environment.privateOf("ops"))) {
        assertThat(Connectors.upload(context, "transactions").report()).isNull();
      }
      assertThat(reportsOf(D1)).isEmpty();

      UploadResult upload;
      try (JobContext context = context(catalog, Environment.PUBLIC)) {
        upload = Connectors.upload(context, "transactions");
      }
      String key = "reports/data_upload/2024-01-31/transactions.html";
      assertThat(upload.report()).isEqualTo("s3://" + layout.bucket() + "/" + key);
      String html = page(key);
      assertThat(html).contains("2 files, 5 rows read, 3 written, 2 rejected.");
      List<String> rows = rows(html);
      assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(landing + "tx_1.csv|5|3|2||"));
      assertThat(rows).anySatisfy(r -> assertThat(r).startsWith(landing + "tx_2.csv|0|0|0|empty file|"));
      assertThat(rows).contains("transaction|3");
      // Rejections by reason, adding up to the rows rejected.
      assertThat(rows).contains("transaction|known|1", "transaction|parse error|1");
      assertThat(html).contains("data:image/png;base64,").doesNotContain("src=\"http").doesNotContain(PASSWORD);

      assertThat(notices.received()).singleElement().satisfies(n -> {
        assertThat(n).containsEntry("event", "data_upload_report").containsEntry("kind", "data_upload")
            .containsEntry("solution", "mreports").containsEntry("date", "2024-01-31").containsEntry("path", upload.report());
        assertThat(n.toString()).doesNotContain(PASSWORD).doesNotContain("cm-pass");
      });

      // A rerun replaces the page and repeats the notice under the same idempotency key.
      try (JobContext context = context(catalog, Environment.PUBLIC)) {
        assertThat(Connectors.upload(context, "transactions").report()).isEqualTo(upload.report());
      }
      assertThat(reportsOf(D1)).extracting(StoredReport::kind).containsExactly(ReportKind.DATA_UPLOAD);
      List<ReceivedRequest> requests = notices.requests();
      assertThat(requests).hasSize(2);
      assertThat(requests.get(1).idempotencyKey()).isEqualTo(requests.get(0).idempotencyKey());
      assertThat(notices.stats().distinctItems()).isEqualTo(1);

      // The distribution of the execution date writes the alert volume report.
      DistributionResult sent;
      try (JobContext context = context(catalog, Environment.PUBLIC)) {
        sent = Distribution.distributeAlertedActivities(context, "monthly", "case_manager");
      }
      assertThat(sent.sent()).isEqualTo(4);
      String volumeKey = "reports/alert_volume/2024-01-31/monthly.html";
      assertThat(sent.report()).isEqualTo("s3://" + layout.bucket() + "/" + volumeKey);
      String volume = page(volumeKey);
      assertThat(volume).contains("4 alerts, 1 suppressed.");
      assertThat(rows(volume)).contains("high_volume|60|3|0|3", "many_tx|20|1|1|1", "2023-12-31|2|0|", "2024-01-31|4|1|+100%");
      assertThat(notices.received()).extracting(n -> n.get("kind")).containsExactly("data_upload", "alert_volume");

      // A re-send of a range (what vigil distribute --from/--to and the real-time outbox do) writes no report.
      try (JobContext context = context(catalog, Environment.PUBLIC)) {
        assertThat(Distribution.distributeAlertedActivities(context, "monthly", "case_manager", D0, D1, false, 4, 1).report()).isNull();
      }
      assertThat(notices.requests()).hasSize(3);
    }

    assertThat(reportsOf(D1)).extracting(StoredReport::kind)
        .containsExactlyInAnyOrder(ReportKind.DATA_UPLOAD, ReportKind.ALERT_VOLUME);
  }

  private static List<StoredReport> reportsOf(LocalDateTime date) {
    return ReportStore.list(stores.objects(), layout.bucket(), null).stream()
        .filter(r -> r.date().equals(date.toLocalDate())).toList();
  }

  @Test
  void aNoticeThatCannotArriveLeavesTheReportAndTheUploadInPlace() {
    String landing = layout.landingPrefix("tx");
    stores.objects().put(layout.bucket(), landing + "tx_3.csv",
        "trans_id;account_id;amount;date\n9;a9;1;240229\n".getBytes(StandardCharsets.UTF_8));
    try (LocalReceiver notices = LocalReceiver.builder().idField(ReportNotice.PATH).expectBasic("reports", PASSWORD)
        .status(1, 503).status(2, 503).status(3, 503).start();
        JobContext context = context(catalog(notices.url().toString(), "http://127.0.0.1:9"), Environment.PUBLIC, D2)) {
      UploadResult upload = Connectors.upload(context, "transactions");
      String key = "reports/data_upload/2024-02-29/transactions.html";
      assertThat(upload.report()).endsWith(key);
      assertThat(upload.rowsIn()).isEqualTo(1);
      assertThat(notices.requests()).hasSize(3);
      assertThat(notices.received()).isEmpty();
      assertThat(page(key)).contains("1 file, 1 row read, 1 written, 0 rejected.").contains("No row was rejected.");
    }
  }

  @Test
  void anUnknownReportKeyIsNamed() {
    assertThatThrownBy(() -> ReportStore.read(stores.objects(), layout.bucket(), "reports/data_upload/2024-01-31/nothing.html"))
        .isInstanceOf(VigilException.class).hasMessageContaining("Cannot open report reports/data_upload/2024-01-31/nothing.html")
        .hasMessageContaining("vigil reports list");
  }
}
