package io.vigil.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.validation.InvalidValueException;
import io.vigil.api.validation.ProblemCode;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class ConnectorBuildersTest {
  private static Source source() {
    return Source.builder("transactions", "transaction").build();
  }

  private static JdbcConnector.Builder jdbc() {
    return JdbcConnector.builder("core_accounts")
        .database(JdbcDatabase.MYSQL)
        .url("jdbc:mysql://core-db:3306/core")
        .table("accounts")
        .defaultTargetDatasetName("account");
  }

  private static SwiftMapping.Builder mt103() {
    return SwiftMapping.builder()
        .addMessageId(SwiftMessageId.of("103", "CORE"))
        .projectKey("com.tr.swiftmapping")
        .serviceName("SwiftMapping")
        .operationName("MapMT103")
        .mappingFilename("swiftmapping.jar");
  }

  private static Iso20022XmlMapping.Builder pacs008() {
    return Iso20022XmlMapping.builder()
        .messageNames("pacs.008.001.08")
        .projectKey("MXToCSV")
        .serviceName("MXToCSVService")
        .operationName("MXToCSV")
        .mappingFilename("MXToCSV.jar");
  }

  private static void fails(ThrowingCallable build, ProblemCode code, String path, String message) {
    assertThatThrownBy(build)
        .isInstanceOf(InvalidValueException.class)
        .hasMessageStartingWith("Cannot build ")
        .hasMessageContaining(message)
        .satisfies(e -> {
          assertThat(((InvalidValueException) e).code()).isEqualTo(code);
          assertThat(((InvalidValueException) e).path()).isEqualTo(path);
        });
  }

  @Test
  void theBriefsExampleBuildsWithGuideDefaults() {
    FlatFileConnector c = FlatFileConnector.builder("transaction")
        .source(Source.builder("transactions", "transaction")
            .delimiter(";")
            .timestampConf(TimestampConf.column("date", "%y%m%d"))
            .build())
        .addTarget(Target.of("transaction_es", "country = 'ES'"))
        .defaultTargetDatasetName("transaction")
        .build();
    assertThat(c.kind()).isEqualTo(io.vigil.api.entity.EntityKind.CONNECTOR);
    assertThat(c.address()).isEqualTo("connector[transaction]");
    assertThat(c.landingFolder()).isEqualTo("transactions");
    assertThat(c.schemaDatasetName()).isEqualTo("transaction");
    assertThat(c.targetDatasetNames()).containsExactly("transaction_es", "transaction");
    Source s = c.source();
    assertThat(List.of(s.fileFormat(), s.hasHeader(), s.delimiter(), s.quote(), s.encoding()))
        .containsExactly(FileFormat.CSV, true, ";", "\"", "UTF-8");
    assertThat(Encryption.defaults()).isEqualTo(new Encryption(10_000, 4, ".DEK"));
    assertThat(c.toBuilder().build()).isEqualTo(c);
    assertThat(Connector.DEFAULT_TYPE).isEqualTo(FlatFileConnector.TYPE);
  }

  @Test
  void flatFileConnectorNeedsAWellFormedIdentifierAndASource() {
    fails(() -> FlatFileConnector.builder("Transaction").source(source()).build(),
        ProblemCode.IDENTIFIER_MALFORMED, "identifier", "identifier must match");
    fails(() -> FlatFileConnector.builder("transaction").build(), ProblemCode.MISSING_REQUIRED, "source",
        "source is required");
  }

  @Test
  void sourceFolderIsARelativePathThatStaysInTheLandingArea() {
    fails(() -> Source.builder(null, "t").build(), ProblemCode.MISSING_REQUIRED, "folder", "folder is required");
    fails(() -> Source.builder("/etc", "t").build(), ProblemCode.INVALID_VALUE, "folder", "without a leading '/'");
    fails(() -> Source.builder("in/../../x", "t").build(), ProblemCode.INVALID_VALUE, "folder", "must not contain '..'");
    fails(() -> SwiftSource.builder("..", "t").addMapping(mt103().build()).build(), ProblemCode.INVALID_VALUE,
        "folder", "'..'");
    fails(() -> Iso20022XmlSource.builder("/mx", "t").build(), ProblemCode.INVALID_VALUE, "folder", "'/mx'");
  }

  @Test
  void sourceNeedsASchemaDatasetAndSaneCsvSettings() {
    fails(() -> Source.builder("in", null).build(), ProblemCode.MISSING_REQUIRED, "dataset_schema_ref",
        "dataset_schema_ref is required");
    fails(() -> Source.builder("in", "t").delimiter("").build(), ProblemCode.INVALID_VALUE, "delimiter",
        "must not be empty");
    fails(() -> Source.builder("in", "t").encoding("UTF-9").build(), ProblemCode.INVALID_VALUE, "encoding",
        "'UTF-9'");
  }

  @Test
  void timestampConfNeedsThePatternsItsTypeUsesAndTheyMustConvert() {
    fails(() -> TimestampConf.filename(null), ProblemCode.MISSING_REQUIRED, "filename_pattern", "is required");
    fails(() -> TimestampConf.column(null, "%Y"), ProblemCode.MISSING_REQUIRED, "column_name", "is required");
    fails(() -> TimestampConf.column("date", null), ProblemCode.MISSING_REQUIRED, "column_pattern", "is required");
    fails(() -> TimestampConf.column("date", "%Y-%Q"), ProblemCode.DATE_FORMAT_INVALID, "column_pattern", "%Q");
    fails(() -> new TimestampConf(TimestampConfType.EXECUTION_DATE, "%Y%", null, null),
        ProblemCode.DATE_FORMAT_INVALID, "filename_pattern", "lone %");
    fails(() -> new TimestampConf(null, null, null, null), ProblemCode.MISSING_REQUIRED, "type", "type is required");
    assertThat(TimestampConf.executionDate().type()).isEqualTo(TimestampConfType.EXECUTION_DATE);
    assertThat(TimestampConf.filename("%Y%m%d %H:%M:%S").filenamePattern()).isEqualTo("%Y%m%d %H:%M:%S");
  }

  @Test
  void restConfigEncryptionTargetsAndMappingsCheckTheirValues() {
    fails(() -> RestConfig.builder().maxBufferedRecords(0).build(), ProblemCode.INVALID_VALUE,
        "max_buffered_records", "must be positive: 0");
    fails(() -> RestConfig.builder().flushIntervalMinutes(-5).build(), ProblemCode.INVALID_VALUE,
        "flush_interval_minutes", "must be positive: -5");
    fails(() -> FieldMapping.of("a.b", null), ProblemCode.MISSING_REQUIRED, "field", "field is required");
    fails(() -> Encryption.of(null, 0, null), ProblemCode.INVALID_VALUE, "parallelism", "must be positive: 0");
    fails(() -> Encryption.of(null, null, " "), ProblemCode.INVALID_VALUE, "key_file_suffix", "must not be blank");
    fails(() -> Target.of(" ", "x = 1"), ProblemCode.MISSING_REQUIRED, "dataset_name", "dataset_name is required");
    RestConfig rest = RestConfig.builder().enable(true).addFieldMapping("id", "id").build();
    assertThat(rest.toBuilder().build()).isEqualTo(rest);
    assertThat(rest.publish()).isFalse();
  }

  @Test
  void jdbcConnectorNeedsADatabaseAJdbcUrlAndExactlyOneOfTableAndQuery() {
    fails(() -> jdbc().database(null).build(), ProblemCode.MISSING_REQUIRED, "database", "database is required");
    fails(() -> jdbc().url(null).build(), ProblemCode.MISSING_REQUIRED, "url", "url is required");
    fails(() -> jdbc().url("mysql://core-db/core").build(), ProblemCode.INVALID_VALUE, "url", "must start with jdbc:");
    fails(() -> jdbc().table(null).build(), ProblemCode.MISSING_REQUIRED, "table", "table or query is required");
    fails(() -> jdbc().query("SELECT 1").build(), ProblemCode.INVALID_VALUE, "query", "cannot be set together with table");
    fails(() -> jdbc().fetchSize(0).build(), ProblemCode.INVALID_VALUE, "fetch_size", "must be positive");
  }

  @Test
  void incrementalExtractionNeedsAnIncrementalColumn() {
    fails(() -> jdbc().extractMode(ExtractMode.INCREMENTAL).build(), ProblemCode.MISSING_REQUIRED,
        "incremental_column", "incremental_column is required");
    JdbcConnector full = jdbc().build();
    assertThat(full.extractMode()).isEqualTo(ExtractMode.FULL);
    assertThat(full.toBuilder().build()).isEqualTo(full);
  }

  @Test
  void toStringNeverShowsAnInlinePassword() {
    JdbcConnector inline = jdbc().password("s3cr3t!").url("jdbc:mysql://vigil:hunter2@core-db:3306/core").build();
    assertThat(inline.toString()).doesNotContain("s3cr3t!", "hunter2").contains("password=****", "//vigil:****@core-db");
    JdbcConnector sqlServer = jdbc().url("jdbc:sqlserver://db:1433;user=vigil;password=hunter2;encrypt=true").build();
    assertThat(sqlServer.toString()).doesNotContain("hunter2").contains("password=****;encrypt=true");
    assertThat(jdbc().password("env:CORE_DB_PASSWORD").build().toString()).contains("password=env:CORE_DB_PASSWORD");
  }

  @Test
  void swiftAndIsoMappingsNeedTheirTraceTransformerKeys() {
    fails(() -> SwiftMessageId.of("MT103"), ProblemCode.INVALID_VALUE, "message_type", "three-digit");
    fails(() -> SwiftMapping.builder().projectKey("p").serviceName("s").operationName("o").mappingFilename("m.jar")
        .build(), ProblemCode.INVALID_VALUE, "message_ids", "must not be empty");
    fails(() -> mt103().mappingFilename(null).build(), ProblemCode.MISSING_REQUIRED, "mapping_filename", "is required");
    fails(() -> SwiftSource.builder("swift", "t").build(), ProblemCode.INVALID_VALUE, "mapping", "must not be empty");
    fails(() -> SwiftConnector.builder("swift_rje").build(), ProblemCode.MISSING_REQUIRED, "source", "is required");
    fails(() -> pacs008().messageNames("pacs008").build(), ProblemCode.INVALID_VALUE, "message_names", "'pacs008'");
    fails(() -> pacs008().operationName(null).build(), ProblemCode.MISSING_REQUIRED, "operation_name", "is required");
    fails(() -> Iso20022XmlConnector.builder("Mx").build(), ProblemCode.IDENTIFIER_MALFORMED, "identifier", "'Mx'");
    SwiftMapping mapping = mt103().build();
    assertThat(mapping.toBuilder().build()).isEqualTo(mapping);
    Iso20022XmlMapping xml = pacs008().build();
    assertThat(xml.toBuilder().build()).isEqualTo(xml);
  }

  @Test
  void theDefaultPaymentMappingNeedsNoTraceTransformerKeysAndMapsMoreFieldsByPath() {
    SwiftMapping mt = SwiftMapping.builder().addMessageId(SwiftMessageId.of("202", "COV")).mappingDefault(true)
        .addFieldMapping(MessageFieldMapping.of("72", "sender_to_receiver"))
        .addFieldMapping(MessageFieldMapping.of("56a", "intermediary"))
        .addFieldMapping(MessageFieldMapping.of("3:108", "mur"))
        .build();
    assertThat(mt.projectKey()).isNull();
    assertThat(mt.toBuilder().build()).isEqualTo(mt);
    Iso20022XmlMapping mx = Iso20022XmlMapping.builder().messageNames("pacs.008.001.08").mappingDefault(true)
        .addFieldMapping(MessageFieldMapping.of("CdtTrfTxInf/Purp/Cd", "purpose"))
        .addFieldMapping(MessageFieldMapping.of("CdtTrfTxInf/InstdAmt/@Ccy", "instructed_currency"))
        .addFieldMapping(MessageFieldMapping.of("AppHdr/BizSvc", "business_service"))
        .build();
    assertThat(mx.toBuilder().build()).isEqualTo(mx);

    fails(() -> SwiftMapping.builder().addMessageId(SwiftMessageId.of("103")).mappingDefault(true)
        .addFieldMapping(MessageFieldMapping.of(":72:", "x")).build(), ProblemCode.INVALID_VALUE, "field_mapping", "':72:'");
    fails(() -> Iso20022XmlMapping.builder().messageNames("pacs.008.001.08").mappingDefault(true)
        .addFieldMapping(MessageFieldMapping.of("/Document//Purp", "x")).build(), ProblemCode.INVALID_VALUE, "field_mapping",
        "'/Document//Purp'");
    fails(() -> mt103().addFieldMapping(MessageFieldMapping.of("72", "x")).build(), ProblemCode.INVALID_VALUE,
        "field_mapping", "needs mapping_default: true");
    fails(() -> MessageFieldMapping.of("72", null), ProblemCode.MISSING_REQUIRED, "field", "is required");
  }

  @Test
  void thePaymentSchemaHasTheStandardColumnsTyped() {
    assertThat(PaymentColumn.fields()).extracting(io.vigil.api.dataset.Field::identifier).containsExactly(
        "message_type", "message_ref", "end_to_end_id", "uetr", "sender_bic", "receiver_bic", "value_date", "currency",
        "amount", "ordering_party_name", "ordering_account", "beneficiary_party_name", "beneficiary_account",
        "ordering_institution_bic", "beneficiary_institution_bic", "remittance_info", "charge_bearer", "source_file",
        "message_index");
    assertThat(PaymentColumn.of("amount")).contains(PaymentColumn.AMOUNT);
    assertThat(PaymentColumn.AMOUNT.dataType()).isEqualTo(io.vigil.api.dataset.DataType.DOUBLE);
    assertThat(PaymentColumn.of("trans_id")).isEmpty();
    assertThat(PaymentMessages.readsIso("pacs.009.001.08 COV")).isTrue();
    assertThat(PaymentMessages.readsIso("camt.056.001.08")).isFalse();
    assertThat(PaymentMessages.isoFamily("pain.001.001.03")).isEqualTo("pain.001");
    assertThat(PaymentMessages.isoVariant("pacs.009.001.08 cov")).isEqualTo("COV");
  }
}
