package io.vigil.api.validator;

import static io.vigil.api.validator.Fixtures.paths;
import static io.vigil.api.validator.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.api.connector.ExtractMode;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.Iso20022XmlConnector;
import io.vigil.api.connector.Iso20022XmlMapping;
import io.vigil.api.connector.Iso20022XmlSource;
import io.vigil.api.connector.JdbcConnector;
import io.vigil.api.connector.JdbcDatabase;
import io.vigil.api.connector.MessageFieldMapping;
import io.vigil.api.connector.PaymentColumn;
import io.vigil.api.connector.RestConfig;
import io.vigil.api.connector.Source;
import io.vigil.api.connector.SwiftConnector;
import io.vigil.api.connector.SwiftMapping;
import io.vigil.api.connector.SwiftMessageId;
import io.vigil.api.connector.SwiftSource;
import io.vigil.api.connector.Target;
import io.vigil.api.connector.TimestampConf;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.entity.Entity;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import io.vigil.api.validation.ValidationReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectorRulesTest {
  private static DataSet transactions(String identifier) {
    return DataSet.builder(identifier)
        .ingestionMode(IngestionMode.APPEND)
        .addField(Field.of("trans_id", DataType.STRING))
        .addField(Field.of("country", DataType.STRING))
        .addField(Field.of("amount", DataType.DOUBLE))
        .addField(Field.of("date", DataType.TIMESTAMP))
        .occurredOnField("date")
        .build();
  }

  private static final DataSet TRANSACTION = transactions("transaction");
  private static final DataSet TRANSACTION_ES = transactions("transaction_es");

  /** A payment dataset: the standard columns plus one filled by a field mapping. */
  private static final DataSet PAYMENT = DataSet.builder("payment")
      .ingestionMode(IngestionMode.APPEND)
      .fieldList(PaymentColumn.fields())
      .addField(Field.of("purpose", DataType.STRING))
      .occurredOnField("value_date")
      .build();

  private static final DataSet ACCOUNT = DataSet.builder("account")
      .ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("updated_at", DataType.TIMESTAMP))
      .primaryKey("account_id")
      .build();

  private static FlatFileConnector.Builder flatFile() {
    return FlatFileConnector.builder("transaction")
        .source(Source.builder("transactions", "transaction")
            .delimiter(";")
            .timestampConf(TimestampConf.column("date", "%y%m%d"))
            .build())
        .addTarget(Target.of("transaction_es", "country = 'ES'"))
        .defaultTargetDatasetName("transaction");
  }

  private static JdbcConnector.Builder jdbc() {
    return JdbcConnector.builder("core_accounts")
        .database(JdbcDatabase.POSTGRESQL)
        .url("jdbc:postgresql://core-db:5432/core")
        .username("vigil")
        .password("env:CORE_DB_PASSWORD")
        .table("public.accounts")
        .extractMode(ExtractMode.INCREMENTAL)
        .incrementalColumn("updated_at")
        .schedule("0 18 * * *")
        .defaultTargetDatasetName("account");
  }

  private static SwiftMapping.Builder mt103() {
    return SwiftMapping.builder()
        .addMessageId(SwiftMessageId.of("103", "CORE"))
        .mappingDefault(true)
        .addFieldMapping(MessageFieldMapping.of("26T", "purpose"));
  }

  /** ThetaRay's form: a Trace Transformer operation. */
  private static SwiftMapping.Builder traceTransformer103() {
    return SwiftMapping.builder()
        .addMessageId(SwiftMessageId.of("103", "CORE"))
        .projectKey("com.tr.swiftmapping")
        .serviceName("SwiftMapping")
        .operationName("MapMT103")
        .mappingFilename("swiftmapping.jar");
  }

  private static SwiftConnector swift(SwiftMapping... mappings) {
    SwiftSource.Builder source = SwiftSource.builder("swift_rje", "payment").timestampConf(TimestampConf.executionDate());
    for (SwiftMapping m : mappings) {
      source.addMapping(m);
    }
    return SwiftConnector.builder("swift_rje").source(source.build()).addTarget(Target.of("payment")).build();
  }

  private static SwiftConnector swift() {
    return swift(mt103().build());
  }

  private static Iso20022XmlMapping pacs008() {
    return Iso20022XmlMapping.builder()
        .messageNames("pacs.008.001.08")
        .mappingDefault(true)
        .addFieldMapping(MessageFieldMapping.of("CdtTrfTxInf/Purp/Cd", "purpose"))
        .build();
  }

  private static Iso20022XmlSource.Builder isoSource() {
    return Iso20022XmlSource.builder("mx_pacs", "payment").timestampConf(TimestampConf.column("value_date", "%Y-%m-%d"));
  }

  private static Iso20022XmlConnector iso(Iso20022XmlSource source) {
    return Iso20022XmlConnector.builder("mx_pacs").source(source).defaultTargetDatasetName("payment").build();
  }

  /** The connectors under test plus the datasets they use. */
  private static ValidationReport check(Entity... connectors) {
    List<Entity> all = new ArrayList<>(List.of(TRANSACTION, TRANSACTION_ES, ACCOUNT, PAYMENT));
    all.addAll(Arrays.asList(connectors));
    return validate(all.toArray(Entity[]::new));
  }

  @Test
  void validConnectorsHaveNoProblems() {
    ValidationReport r = check(flatFile().restConfig(RestConfig.builder().enable(true).nested(true)
            .addFieldMapping("payment.id", "trans_id").build()).build(),
        jdbc().build(), swift(), iso(isoSource().addMapping(pacs008()).build()));
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void schemaTargetAndDefaultDatasetsMustExist() {
    FlatFileConnector c = flatFile()
        .source(Source.builder("transactions", "txn").build())
        .addTarget(Target.of("transaction_fr", "country = 'FR'"))
        .defaultTargetDatasetName("transaction_other")
        .build();
    assertThat(paths(check(c), ProblemCode.UNRESOLVED_REFERENCE)).containsExactlyInAnyOrder(
        "connector[transaction].source.dataset_schema_ref",
        "connector[transaction].targets[transaction_fr].dataset_name",
        "connector[transaction].default_target_dataset_name");
    assertThat(paths(check(jdbc().datasetSchemaRef("acct").build()), ProblemCode.UNRESOLVED_REFERENCE))
        .containsExactly("connector[core_accounts].dataset_schema_ref");
  }

  @Test
  void aConnectorNeedsATarget() {
    FlatFileConnector c = flatFile().targets(List.of()).defaultTargetDatasetName(null).build();
    assertThat(paths(check(c), ProblemCode.CONNECTOR_WITHOUT_TARGET)).containsExactly("connector[transaction].targets");
  }

  @Test
  void aDatasetIsATargetOnlyOnce() {
    FlatFileConnector c = flatFile().addTarget(Target.of("transaction_es", "country = 'PT'")).build();
    assertThat(paths(check(c), ProblemCode.IDENTIFIER_DUPLICATE))
        .containsExactly("connector[transaction].targets[transaction_es]");
  }

  @Test
  void targetsHaveEveryFieldOfTheSchemaDatasetWithItsType() {
    DataSet narrow = DataSet.builder("transaction_es")
        .ingestionMode(IngestionMode.APPEND)
        .addField(Field.of("trans_id", DataType.STRING))
        .addField(Field.of("amount", DataType.STRING))
        .addField(Field.of("date", DataType.TIMESTAMP))
        .addField(Field.of("extra", DataType.INT))
        .occurredOnField("date")
        .build();
    ValidationReport r = validate(TRANSACTION, narrow, flatFile().build());
    assertThat(paths(r, ProblemCode.TARGET_SCHEMA_MISMATCH))
        .containsExactly("connector[transaction].targets[transaction_es].dataset_name");
    assertThat(r.withCode(ProblemCode.TARGET_SCHEMA_MISMATCH).get(0).message())
        .contains("schema dataset transaction", "missing country", "amount (STRING, expected DOUBLE)")
        .doesNotContain("extra");
  }

  @Test
  void targetConditionsAreSparkSql() {
    assumeTrue(SolutionValidator.checksSparkSql(), "Spark SQL is checked only with the runtime module on the class path");
    FlatFileConnector c = flatFile().targets(List.of(Target.of("transaction_es", "country = = 'ES'"))).build();
    assertThat(paths(check(c), ProblemCode.SPARK_SQL_INVALID))
        .containsExactly("connector[transaction].targets[transaction_es].condition");
  }

  @Test
  void twoConnectorsCannotShareALandingFolder() {
    FlatFileConnector second = FlatFileConnector.builder("transaction_copy")
        .source(Source.builder("transactions/", "transaction").build())
        .defaultTargetDatasetName("transaction")
        .build();
    ValidationReport r = check(flatFile().build(), second);
    assertThat(paths(r, ProblemCode.LANDING_FOLDER_SHARED)).containsExactly("connector[transaction_copy].source.folder");
    assertThat(r.withCode(ProblemCode.LANDING_FOLDER_SHARED).get(0).message())
        .contains("connector transaction reads it too").endsWith("datasources/transactions");
  }

  @Test
  void nestedRestMessagesNeedAFieldMapping() {
    FlatFileConnector c = flatFile().restConfig(RestConfig.builder().enable(true).nested(true).build()).build();
    assertThat(paths(check(c), ProblemCode.REST_FIELD_MAPPING_REQUIRED))
        .containsExactly("connector[transaction].rest_config.field_mapping");
  }

  @Test
  void restFieldMappingNamesFieldsOfTheSchemaDataset() {
    FlatFileConnector c = flatFile().restConfig(RestConfig.builder().enable(true).nested(true)
        .addFieldMapping("payment.id", "trans_id")
        .addFieldMapping("payment.street", "agent1_address_street")
        .build()).build();
    assertThat(paths(check(c), ProblemCode.UNKNOWN_FIELD))
        .containsExactly("connector[transaction].rest_config.field_mapping[1].field");
  }

  @Test
  void timestampColumnIsAFieldOfTheSchemaDataset() {
    FlatFileConnector c = flatFile()
        .source(Source.builder("transactions", "transaction").timestampConf(TimestampConf.column("booked", "%Y")).build())
        .build();
    ValidationReport r = check(c, iso(isoSource().timestampConf(TimestampConf.column("booked", "%Y")).addMapping(pacs008()).build()));
    assertThat(paths(r, ProblemCode.UNKNOWN_FIELD)).containsExactlyInAnyOrder(
        "connector[transaction].source.timestamp_conf.column_name", "connector[mx_pacs].source.timestamp_conf.column_name");
  }

  @Test
  void isoXmlConnectorsHaveExactlyOneMapping() {
    ValidationReport none = check(iso(isoSource().build()));
    assertThat(paths(none, ProblemCode.SINGLE_MAPPING_ONLY)).containsExactly("connector[mx_pacs].source.mapping");
    ValidationReport two = check(iso(isoSource().addMapping(pacs008()).addMapping(pacs008()).build()));
    assertThat(paths(two, ProblemCode.SINGLE_MAPPING_ONLY)).containsExactly("connector[mx_pacs].source.mapping");
    assertThat(two.problems().get(0).message()).endsWith("found 2");
  }

  @Test
  void jdbcCredentialsAreSecretReferencesAndNeverEchoed() {
    JdbcConnector c = jdbc().password("Hunter2!").url("jdbc:postgresql://vigil:Tr0ub4dor@core-db:5432/core").build();
    ValidationReport r = check(c);
    assertThat(paths(r, ProblemCode.SECRET_INLINE))
        .containsExactlyInAnyOrder("connector[core_accounts].password", "connector[core_accounts].url");
    assertThat(r.problems()).extracting(Problem::message).noneMatch(m -> m.contains("Hunter2!") || m.contains("Tr0ub4dor"));
    assertThat(check(jdbc().password("encrypted:QUJDRA==").build()).problems()).isEmpty();
  }

  @Test
  void incrementalColumnIsAFieldOfTheSchemaDatasetOrElseTheDefaultTarget() {
    assertThat(paths(check(jdbc().incrementalColumn("modified").build()), ProblemCode.UNKNOWN_FIELD))
        .containsExactly("connector[core_accounts].incremental_column");
    JdbcConnector withSchema = jdbc().datasetSchemaRef("transaction").defaultTargetDatasetName("transaction")
        .incrementalColumn("date").build();
    assertThat(check(withSchema).problems()).isEmpty();
  }

  @Test
  void jdbcScheduleIsACronExpressionOrPreset() {
    assertThat(paths(check(jdbc().schedule("every day at six").build()), ProblemCode.CRON_INVALID))
        .containsExactly("connector[core_accounts].schedule");
    assertThat(check(jdbc().schedule("@daily").build()).problems()).isEmpty();
  }

  @Test
  void defaultPaymentMappingsReadOnlyTheMessagesVigilMaps() {
    SwiftConnector mt = swift(mt103().addMessageId(SwiftMessageId.of("199")).build(),
        SwiftMapping.builder().addMessageId(SwiftMessageId.of("202", "COV")).mappingDefault(true).build());
    Iso20022XmlConnector mx = iso(isoSource().addMapping(Iso20022XmlMapping.builder()
        .messageNames("pacs.008.001.10", "pacs.009.001.08 COV", "camt.056.001.08").mappingDefault(true).build()).build());
    ValidationReport r = check(mt, mx);
    assertThat(paths(r, ProblemCode.PAYMENT_MESSAGE_UNSUPPORTED)).containsExactlyInAnyOrder(
        "connector[swift_rje].source.mapping[0].message_ids", "connector[mx_pacs].source.mapping[0].message_names");
    assertThat(r.problems()).extracting(Problem::message).anyMatch(m -> m.startsWith("Cannot map MT199 with connector swift_rje"))
        .anyMatch(m -> m.startsWith("Cannot map camt.056.001.08 with connector mx_pacs"));
  }

  @Test
  void fieldMappingsNameSchemaFieldsAndUnfilledSchemaFieldsAreReported() {
    SwiftConnector mapsUnknown = swift(mt103().addFieldMapping(MessageFieldMapping.of("72", "sender_to_receiver")).build());
    assertThat(paths(check(mapsUnknown), ProblemCode.UNKNOWN_FIELD))
        .containsExactly("connector[swift_rje].source.mapping[0].field_mapping[1].field");
    SwiftConnector leavesPurposeEmpty = swift(SwiftMapping.builder().addMessageId(SwiftMessageId.of("103")).mappingDefault(true).build());
    ValidationReport r = check(leavesPurposeEmpty);
    assertThat(paths(r, ProblemCode.PAYMENT_FIELD_UNMAPPED)).containsExactly("connector[swift_rje].source.dataset_schema_ref");
    assertThat(r.problems()).singleElement().satisfies(p -> {
      assertThat(p.severity()).isEqualTo(io.vigil.api.validation.Severity.WARNING);
      assertThat(p.message()).contains("fields [purpose] of schema dataset payment");
    });
  }

  @Test
  void traceTransformerMappingsValidateButAreReportedAsNotUploadable() {
    ValidationReport r = check(swift(traceTransformer103().build()));
    assertThat(paths(r, ProblemCode.TRACE_TRANSFORMER_REQUIRED))
        .containsExactly("connector[swift_rje].source.mapping[0].mapping_default");
    assertThat(r.problems()).extracting(Problem::severity).containsOnly(io.vigil.api.validation.Severity.WARNING);
  }
}
