package io.vigil.runtime.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.connector.Iso20022XmlConnector;
import io.vigil.api.connector.Iso20022XmlMapping;
import io.vigil.api.connector.Iso20022XmlSource;
import io.vigil.api.connector.MessageFieldMapping;
import io.vigil.api.connector.PaymentColumn;
import io.vigil.api.connector.SwiftConnector;
import io.vigil.api.connector.SwiftMapping;
import io.vigil.api.connector.SwiftMessageId;
import io.vigil.api.connector.SwiftSource;
import io.vigil.api.connector.Target;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.entity.Entity;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import io.vigil.runtime.testing.DeltaFixtures;
import io.vigil.runtime.testing.TestSpark;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SWIFT MT and ISO 20022 files uploaded like flat files on the embedded stack: real sample messages
 * (see payments/README.md) become rows of the standard payment columns, typed, routed and archived;
 * a broken message or an XML attack lands in the rejected rows with its file and position; a rerun
 * leaves the tables as they were.
 */
class PaymentUploadTest {
  private static final LocalDateTime D1 = LocalDateTime.of(2024, 1, 31, 0, 0);

  private static DataSet payments(String id, String extra) {
    return DataSet.builder(id).ingestionMode(IngestionMode.APPEND).fieldList(PaymentColumn.fields())
        .addField(Field.of(extra, DataType.STRING)).occurredOnField("value_date").build();
  }

  private static final DataSet MT = payments("mt_payment", "bank_operation_code");
  private static final DataSet MT_LARGE = payments("mt_payment_large", "bank_operation_code");
  private static final DataSet MX = payments("mx_payment", "business_service");
  private static final SwiftConnector SWIFT = SwiftConnector.builder("swift_rje")
      .source(SwiftSource.builder("swift_rje", "mt_payment")
          .addMapping(SwiftMapping.builder().mappingDefault(true)
              .addMessageId(SwiftMessageId.of("103", "CORE")).addMessageId(SwiftMessageId.of("103", "STP"))
              .addMessageId(SwiftMessageId.of("202")).addMessageId(SwiftMessageId.of("202", "COV"))
              .addFieldMapping(MessageFieldMapping.of("23B", "bank_operation_code"))
              .build())
          .addMapping(SwiftMapping.builder().mappingDefault(true)
              .addMessageId(SwiftMessageId.of("940")).addMessageId(SwiftMessageId.of("950")).build())
          .build())
      .addTarget(Target.of("mt_payment_large", "amount >= 1000000"))
      .defaultTargetDatasetName("mt_payment")
      .build();
  private static final Iso20022XmlConnector ISO = Iso20022XmlConnector.builder("mx_files")
      .source(Iso20022XmlSource.builder("mx_files", "mx_payment")
          .addMapping(Iso20022XmlMapping.builder().mappingDefault(true)
              .messageNames("pacs.008.001.08", "pacs.009.001.08", "pain.001.001.09", "camt.053.001.08")
              .addFieldMapping(MessageFieldMapping.of("AppHdr/BizSvc", "business_service"))
              .build())
          .build())
      .defaultTargetDatasetName("mx_payment")
      .build();
  private static final SwiftConnector TRACE_TRANSFORMER = SwiftConnector.builder("swift_tt")
      .source(SwiftSource.builder("swift_tt", "mt_payment")
          .addMapping(SwiftMapping.builder().addMessageId(SwiftMessageId.of("103")).projectKey("com.tr.swiftmapping")
              .serviceName("SwiftMapping").operationName("MapMT103").mappingFilename("swiftmapping.jar").build())
          .build())
      .defaultTargetDatasetName("mt_payment")
      .build();

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
    Entity[] entities = {MT, MT_LARGE, MX, SWIFT, ISO, TRACE_TRANSFORMER};
    catalog = Catalogs.of("paydemo", entities);
    layout = new Layout("paydemo", settings.warehouseRoot());
    stores.objects().ensureBucket(layout.bucket());
    DeltaFixtures.ensure(spark, layout, List.of(Environment.PUBLIC), MT, MT_LARGE, MX);
  }

  @AfterAll
  static void stop() {
    spark.stop();
    stores.close();
  }

  private static JobContext context() {
    return JobContext.builder(catalog).settings(settings).executionDate(D1).environment(Environment.PUBLIC).spark(spark).open();
  }

  private static String sample(String resource) {
    try (InputStream in = PaymentUploadTest.class.getResourceAsStream("/payments/" + resource)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void land(String key, String text) {
    stores.objects().put(layout.bucket(), key, text.getBytes(StandardCharsets.UTF_8));
  }

  private static List<String> table(String dataset, String where, String... columns) {
    Dataset<Row> df = spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, dataset)).where(where);
    return df.selectExpr(columns).collectAsList().stream()
        .map(r -> java.util.stream.IntStream.range(0, r.size()).mapToObj(i -> String.valueOf(r.get(i))).collect(Collectors.joining("|")))
        .sorted().toList();
  }

  private static List<String> rejected(String dataset) {
    Dataset<Row> df = spark.read().format("delta").load(layout.rejectedPath(Environment.PUBLIC, dataset));
    return df.selectExpr("tr_source_file", "tr_source_line", "reason").collectAsList().stream()
        .map(r -> r.getString(0).replaceAll(".*/", "") + ":" + r.get(1) + " " + r.getString(2)).sorted().toList();
  }

  private static Map<String, FileResult> byName(UploadResult result) {
    return result.files().stream().collect(Collectors.toMap(f -> f.key().replaceAll(".*/", ""), f -> f));
  }

  @Test
  void swiftFilesLoadEveryMessageAndRejectTheBrokenOneWithItsIndex() {
    for (String f : List.of("MT103-bulk-with-ack.rje", "MT103-out-ack.rje", "MT202.fin", "MT202COV.fin", "MT940.fin", "MT950.fin")) {
      land("datasources/swift_rje/" + f, sample("mt/" + f));
    }
    land("datasources/swift_rje/broken.rje", sample("mt/MT103-bulk-with-ack.rje").replace("{2:O1031617190425", "{2:X1031617190425"));
    UploadResult result;
    try (JobContext ctx = context()) {
      result = Connectors.upload(ctx, "swift_rje");
    }
    Map<String, FileResult> files = byName(result);
    assertThat(files).hasSize(7);
    assertThat(files.values()).allSatisfy(f -> {
      assertThat(f.rowsIn()).isEqualTo(f.rowsAccepted() + f.rowsRejected());
      assertThat(f.archivedTo()).startsWith("upload/swift_rje/2024/01/31/2024_01_31_00_00_00/");
    });
    assertThat(files).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().rowsIn() + "/" + e.getValue().rowsRejected())
        .containsExactlyInAnyOrder("MT103-bulk-with-ack.rje=3/0", "MT103-out-ack.rje=13/0", "MT202.fin=2/0", "MT202COV.fin=2/0",
            "MT940.fin=20/0", "MT950.fin=9/0", "broken.rje=3/1");
    assertThat(rejected("mt_payment")).containsExactly(
        "broken.rje:2 message 2: Expected an \"I\" or \"O\" to identify the block 2 type (direction) and found: X");

    String both = "tr_source_file LIKE '%MT202%'";
    assertThat(table("mt_payment", both, "message_type", "message_ref", "sender_bic", "receiver_bic", "value_date",
        "currency", "amount", "ordering_institution_bic", "beneficiary_institution_bic", "ordering_party_name",
        "beneficiary_party_name", "uetr", "message_index")).containsExactly(
        "MT202 COV|pacs9bizmsgidr01|CLYDGB2SXXX|BOFSGB2LXXX|2022-10-20 00:00:00.0|DKK|591636.0|CLYDGB2S|BSCHGB2L|A Debiter"
            + "|B Creditor Co|7a562c67-ca16-48ba-b074-65581be6f001|1",
        "MT202|C2CI03060306|PPPPESMMXXX|FOOBARYYXXX|2006-03-06 00:00:00.0|EUR|199999.99|BGLLLUYYXXX|FOOBARYYXXX|null|null|null|2",
        "MT202|X2XC05060308|QQQQESMMXXX|FOOBARYYXXX|2006-03-08 00:00:00.0|EUR|12345.67|LLLLLULLXXX|FOOBARYYXXX|null|null|null|1");
    assertThat(table("mt_payment_large", both, "message_type", "currency", "amount", "ordering_party_name"))
        .containsExactly("MT202 COV|RON|2.6546464E7|Debtor Co");
    assertThat(table("mt_payment", "tr_source_file LIKE '%bulk%'", "message_type", "message_ref", "sender_bic", "currency",
        "amount", "ordering_account", "beneficiary_account", "charge_bearer", "bank_operation_code", "source_file")).containsExactly(
        "MT103 STP|C4772342333|BKTRUS33XXX|USD|1321.0|1111111111|1111111111|BEN|CRED|datasources/swift_rje/MT103-bulk-with-ack.rje",
        "MT103|201904250034434|BBBBUS33XXX|USD|1417.8|22222222222|8888888888|SHA|CRED|datasources/swift_rje/MT103-bulk-with-ack.rje",
        "MT103|234234233|BBBBUS33XXX|USD|3700.0|0000000000|0000000000|SHA|CRED|datasources/swift_rje/MT103-bulk-with-ack.rje");
    assertThat(table("mt_payment", "tr_source_file LIKE '%broken%'", "message_ref", "message_index"))
        .containsExactly("201904250034434|3", "234234233|1");
    long statementLines = spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, "mt_payment"))
        .where("message_type IN ('MT940', 'MT950')").count()
        + spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, "mt_payment_large"))
        .where("message_type IN ('MT940', 'MT950')").count();
    assertThat(statementLines).isEqualTo(29);
    Dataset<Row> typed = spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, "mt_payment"));
    assertThat(typed.schema().apply("value_date").dataType()).isEqualTo(DataTypes.TimestampType);
    assertThat(typed.schema().apply("message_index").dataType()).isEqualTo(DataTypes.LongType);
    assertThat(stores.objects().list(layout.bucket(), "datasources/swift_rje/")).isEmpty();

    List<String> before = table("mt_payment", "true", "*");
    try (JobContext ctx = context()) {
      assertThat(Connectors.upload(ctx, "swift_rje").rowsIn()).isEqualTo(result.rowsIn());
    }
    assertThat(table("mt_payment", "true", "*")).as("a rerun reads the archive and leaves the table identical").isEqualTo(before);
    assertThat(rejected("mt_payment")).hasSize(1);
  }

  @Test
  void isoFilesLoadOneRowPerTransactionAndRefuseXmlAttacks() {
    for (String f : List.of("cbpr-p.2.1.1-pacs.008-AtoB.xml", "cbpr-p.2.3.1.a-pacs.009.cov-AtoB.xml",
        "cbpr-p.2.3.1.a-camt.053-CtoD.xml", "pacs.008.001.07.xml", "pacs.009.001.07.xml",
        "postfinance-camt.053.001.04.xml", "postfinance-pain.001.001.03.ch.02.xml")) {
      land("datasources/mx_files/" + f, sample("mx/" + f));
    }
    land("datasources/mx_files/xxe.xml", "<?xml version=\"1.0\"?>\n<!DOCTYPE Document [ <!ENTITY xxe SYSTEM \"file:///etc/passwd\"> ]>\n"
        + "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pacs.008.001.08\"><FIToFICstmrCdtTrf><GrpHdr><MsgId>&xxe;</MsgId>"
        + "</GrpHdr></FIToFICstmrCdtTrf></Document>");
    StringBuilder lol = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE Document [\n<!ENTITY l0 \"lol\">\n");
    for (int i = 1; i <= 10; i++) {
      lol.append("<!ENTITY l").append(i).append(" \"").append(("&l" + (i - 1) + ";").repeat(10)).append("\">\n");
    }
    land("datasources/mx_files/lol.xml", lol + "]>\n<Document><FIToFICstmrCdtTrf><GrpHdr><MsgId>&l10;</MsgId></GrpHdr>"
        + "</FIToFICstmrCdtTrf></Document>");
    String pain = sample("mx/postfinance-pain.001.001.03.ch.02.xml");
    land("datasources/mx_files/one-broken-pain.xml", pain.replace("<InstdAmt Ccy=\"CHF\">12.00</InstdAmt>",
        "<InstdAmt Ccy=\"CHF\">twelve</InstdAmt>"));
    UploadResult result;
    try (JobContext ctx = context()) {
      result = Connectors.upload(ctx, "mx_files");
    }
    assertThat(byName(result)).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().rowsIn() + "/" + e.getValue().rowsRejected())
        .containsExactlyInAnyOrder("cbpr-p.2.1.1-pacs.008-AtoB.xml=1/0", "cbpr-p.2.3.1.a-pacs.009.cov-AtoB.xml=1/0",
            "cbpr-p.2.3.1.a-camt.053-CtoD.xml=1/0", "pacs.008.001.07.xml=1/0", "pacs.009.001.07.xml=1/0",
            "postfinance-camt.053.001.04.xml=5/0", "postfinance-pain.001.001.03.ch.02.xml=8/0", "xxe.xml=1/1", "lol.xml=1/1",
            "one-broken-pain.xml=8/1");
    assertThat(rejected("mx_payment")).hasSize(3).anySatisfy(r -> assertThat(r).matches(
            "one-broken-pain.xml:3 message 1, transaction 3 \\(line \\d+\\): amount 'twelve' is not a decimal amount"))
        .contains("lol.xml:1 the file declares a DTD (<!DOCTYPE …>); DTDs and entities are refused in ISO 20022 files",
            "xxe.xml:1 the file declares a DTD (<!DOCTYPE …>); DTDs and entities are refused in ISO 20022 files");
    assertThat(table("mx_payment", "message_type LIKE 'pacs%'", "message_type", "message_ref", "end_to_end_id", "uetr",
        "sender_bic", "value_date", "currency", "amount", "ordering_institution_bic", "beneficiary_institution_bic",
        "business_service")).containsExactly(
        "pacs.008.001.07|823823423|223423423|null|MLCOUS33XXX|2018-07-31 00:00:00.0|USD|5000.0|ITUSUSP1XXX|USTBUS31XXX|null",
        "pacs.008.001.12|pacs8bizmsgidr01|pacs008EndToEndId-001|8a562c67-ca16-48ba-b074-65581be6f001|RBOSGB2LXXX"
            + "|2021-04-09 00:00:00.0|EUR|15669.38|RBOSGB2LXXX|HELSFIHHXXX|swift.cbprplus.02",
        "pacs.009.001.07|SDFASDF2323|ASDFASDF2342|null|MLCOUS33XXX|2018-04-30 00:00:00.0|USD|22423.0|SSTYPLP1XXX|HDSBKHPPXXX|null",
        "pacs.009.001.11 COV|pacs9bizmsgidr01|pacs008EndToEndId-001|7a562c67-ca16-48ba-b074-65581be6f001|CLYDGB2S"
            + "|2022-10-20 00:00:00.0|EUR|65784.32|CLYDGB2S|CAIXESBB|swift.cbprplus.cov.02");
    assertThat(table("mx_payment", "message_type LIKE 'camt%'", "amount")).containsExactly(
        "1500.0", "1537.0", "1692.22", "4.5", "65784.32", "77.7");
    assertThat(table("mx_payment", "tr_source_file LIKE '%one-broken%'", "end_to_end_id")).hasSize(7)
        .doesNotContain("EndToEndId-02-02");
    assertThat(spark.read().format("delta").load(layout.datasetPath(Environment.PUBLIC, "mx_payment"))
        .where("ordering_party_name LIKE '%root%' OR message_ref LIKE '%root%'").count()).isZero();
    assertThat(stores.objects().list(layout.bucket(), "upload/mx_files/")).extracting(ObjectInfo::fileName).contains("xxe.xml", "lol.xml");
  }

  @Test
  void aTraceTransformerMappingIsRefusedWithTheRemedy() {
    land("datasources/swift_tt/a.rje", sample("mt/MT202.fin"));
    try (JobContext ctx = context()) {
      assertThatThrownBy(() -> Connectors.upload(ctx, "swift_tt")).isInstanceOf(VigilException.class)
          .hasMessage("Cannot upload connector swift_tt: mapping MapMT103 needs ThetaRay's Trace Transformer JAR, which Vigil"
              + " does not run; set mapping_default: true to map to Vigil's standard payment columns");
    }
    assertThat(stores.objects().exists(layout.bucket(), "datasources/swift_tt/a.rje")).as("nothing was consumed").isTrue();
  }
}
