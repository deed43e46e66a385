package io.vigil.api.connector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import io.vigil.api.dataset.DataTier;
import io.vigil.api.dataset.IlmSetting;
import io.vigil.api.dataset.RetentionPolicy;
import io.vigil.api.serde.Canonical;
import io.vigil.api.serde.Node;
import io.vigil.api.serde.YamlReader;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CanonicalConnectorTest {
  static final FlatFileConnector FLAT_FILE = FlatFileConnector.builder("canonical")
      .displayName("Canonical")
      .description("REST-fed canonical transactions")
      .source(Source.builder("canonical/in", "canonical")
          .fileFormat(FileFormat.JSON)
          .hasHeader(false)
          .delimiter(";")
          .quote("'")
          .escape("\\")
          .inferSchema(true)
          .timestampConf(new TimestampConf(TimestampConfType.COLUMN, "%Y%m%d", "date", "%Y/%m/%d"))
          .ilmSetting(IlmSetting.of(DataTier.WARM, 7))
          .retentionPolicy(RetentionPolicy.months(24))
          .encoding("ISO-8859-1")
          .build())
      .addTarget(Target.of("canonical_es", "country = 'ES'"))
      .addTarget(Target.of("canonical_all"))
      .defaultTargetDatasetName("canonical")
      .uniqueTargetDataset(true)
      .restConfig(RestConfig.builder()
          .enable(true)
          .maxBufferedRecords(6)
          .flushIntervalMinutes(5)
          .readChunkSize(2)
          .nested(true)
          .addFieldMapping("instructing_agent1.address.street", "agent1_address_street")
          .addFieldMapping("id", "id")
          .publish(true)
          .build())
      .encryption(Encryption.of(5000, 8, ".KEY"))
      .build();

  static final JdbcConnector JDBC = JdbcConnector.builder("core_accounts")
      .displayName("Core accounts")
      .description("Accounts from the core banking database")
      .database(JdbcDatabase.SQLSERVER)
      .url("jdbc:sqlserver://core-db:1433;databaseName=core")
      .username("vigil")
      .password("env:CORE_DB_PASSWORD")
      .table("dbo.accounts")
      .extractMode(ExtractMode.INCREMENTAL)
      .incrementalColumn("updated_at")
      .schedule("0 18 * * *")
      .fetchSize(5000)
      .datasetSchemaRef("account")
      .addTarget(Target.of("account_fr", "country = 'FR'"))
      .defaultTargetDatasetName("account")
      .build();

  static final JdbcConnector JDBC_QUERY = JDBC.toBuilder()
      .table(null)
      .query("SELECT * FROM dbo.accounts WHERE closed = 0")
      .extractMode(ExtractMode.FULL)
      .build();

  static final SwiftConnector SWIFT = SwiftConnector.builder("swift_rje")
      .displayName("SWIFT RJE")
      .description("MT103 and MT202 payments")
      .source(SwiftSource.builder("swift_rje", "swift_transactions")
          .timestampConf(TimestampConf.filename("%Y%m%d"))
          .validateEnable(true)
          .addMapping(SwiftMapping.builder()
              .addMessageId(SwiftMessageId.of("103", "CORE"))
              .addMessageId(SwiftMessageId.of("103", "STP"))
              .projectKey("com.tr.swiftmapping")
              .serviceName("SwiftMapping")
              .operationName("MapMT103")
              .mappingFilename("domains/cbpack/swift_default_mapping/swiftmapping.jar")
              .mappingSheetname("Mapping")
              .mappingDefault(true)
              .csvHasHeader(true)
              .csvQuote("\"")
              .csvDelimiter("|")
              .addFieldMapping(MessageFieldMapping.of("23B", "bank_operation_code"))
              .build())
          .build())
      .addTarget(Target.of("swift_transactions", "amount > 0"))
      .defaultTargetDatasetName("swift_rejected")
      .build();

  static final Iso20022XmlConnector ISO = Iso20022XmlConnector.builder("mx_pacs_full_connector")
      .displayName("MX pacs")
      .description("CBPR+ credit transfers")
      .source(Iso20022XmlSource.builder("mx_pacs_full", "mx_pacs_full")
          .timestampConf(TimestampConf.filenameLastModify())
          .validateEnable(true)
          .addMapping(Iso20022XmlMapping.builder()
              .messageNames("pacs.008.001.08", "pacs.009.001.08 COV")
              .projectKey("MXToCSV")
              .serviceName("MXToCSVService")
              .operationName("MXToCSV")
              .mappingFilename("domains/default/swift_mx_mapping/MXToCSV.jar")
              .mappingDefault(true)
              .csvHasHeader(true)
              .csvQuote("\"")
              .csvDelimiter("|")
              .addFieldMapping(MessageFieldMapping.of("CdtTrfTxInf/Purp/Cd", "purpose"))
              .build())
          .build())
      .addTarget(Target.of("mx_pacs_full", "currency = 'EUR'"))
      .defaultTargetDatasetName("mx_pacs_other")
      .build();

  @Test
  void everyVariantRoundTripsThroughJsonAndYaml() {
    for (Connector c : List.of(FLAT_FILE, JDBC, JDBC_QUERY, SWIFT, ISO)) {
      assertThat(Canonical.fromJson(Canonical.toJson(c), Connector.class)).isEqualTo(c);
      assertThat(Canonical.fromYaml(Canonical.toYaml(c), Connector.class)).isEqualTo(c);
      assertThat(Canonical.hash(Canonical.fromJson(Canonical.toJson(c), Connector.class))).isEqualTo(Canonical.hash(c));
    }
  }

  @Test
  void jsonUsesTheGuidesKeysAndNamesTheVariant() {
    assertThat(Canonical.toJson(FLAT_FILE)).startsWith("{\"type\":\"flat_file\",\"identifier\":\"canonical\"")
        .contains("\"dataset_schema_ref\":\"canonical\"", "\"has_header\":false", "\"infer_schema\":true",
            "\"timestamp_conf\":{\"type\":\"COLUMN\",\"filename_pattern\":\"%Y%m%d\",\"column_name\":\"date\"",
            "\"default_target_dataset_name\":\"canonical\"", "\"unique_target_dataset\":true",
            "\"flush_interval_minutes\":5", "\"json_path\":\"instructing_agent1.address.street\"",
            "\"chunk_rows_size\":5000", "\"key_file_suffix\":\".KEY\"");
    assertThat(Canonical.toJson(JDBC)).startsWith("{\"type\":\"jdbc\"")
        .contains("\"extract_mode\":\"INCREMENTAL\"", "\"incremental_column\":\"updated_at\"", "\"fetch_size\":5000");
    assertThat(Canonical.toJson(SWIFT)).startsWith("{\"type\":\"swift\"")
        .contains("\"message_ids\":[{\"message_type\":\"103\",\"variant\":\"CORE\"}", "\"mapping_sheetname\":\"Mapping\"",
            "\"csv_delimiter\":\"|\"", "\"validate_enable\":true");
    assertThat(Canonical.toJson(ISO)).startsWith("{\"type\":\"iso20022_xml\"")
        .contains("\"message_names\":[\"pacs.008.001.08\",\"pacs.009.001.08 COV\"]");
  }

  @Test
  void decodesAFlatFileConnectorWrittenTheGuidesWay() {
    String yaml = """
        identifier: transaction
        display_name: transaction
        source:
          folder: transaction
          has_header: true
          delimiter: ","
          timestamp_conf:
            type: EXECUTION_DATE
            filename_pattern: "%Y%m%d %H:%M:%S"
          infer_schema: false
          dataset_schema_ref: transaction
        targets:
          - dataset_name: spain_transaction
            condition: country="spain"
          - dataset_name: france_transaction
            condition: country="france"
        unique_target_dataset: false
        default_target_dataset_name: transaction
        rest_config:
          enable: true
          max_buffered_records: 1_000_000
          flush_interval_minutes: 60
          nested: true
          field_mapping:
            - json_path: party.contact.name
              field: party_contact_name
        encryption:
          parallelism: 8
        """;
    Connector c = Canonical.fromYaml(yaml, Connector.class);
    assertThat(c).isInstanceOf(FlatFileConnector.class);
    FlatFileConnector ff = (FlatFileConnector) c;
    assertThat(ff.landingFolder()).isEqualTo("transaction");
    assertThat(ff.datasetSchemaRef()).isEqualTo("transaction");
    assertThat(ff.source().fileFormat()).isEqualTo(FileFormat.CSV);
    assertThat(ff.source().quote()).isEqualTo("\"");
    assertThat(ff.source().encoding()).isEqualTo("UTF-8");
    assertThat(ff.source().timestampConf().type()).isEqualTo(TimestampConfType.EXECUTION_DATE);
    assertThat(ff.source().timestampConf().filenamePattern()).isEqualTo("%Y%m%d %H:%M:%S");
    assertThat(ff.targets()).containsExactly(
        Target.of("spain_transaction", "country=\"spain\""), Target.of("france_transaction", "country=\"france\""));
    assertThat(ff.targetDatasetNames()).containsExactly("spain_transaction", "france_transaction", "transaction");
    assertThat(ff.restConfig().maxBufferedRecords()).isEqualTo(1_000_000);
    assertThat(ff.restConfig().fieldMapping()).containsExactly(FieldMapping.of("party.contact.name", "party_contact_name"));
    assertThat(ff.encryption()).isEqualTo(Encryption.of(10_000, 8, ".DEK"));
  }

  @Test
  void decodesTheOtherVariantsByType() {
    String jdbc = """
        type: jdbc
        identifier: core_accounts
        database: postgresql
        url: jdbc:postgresql://core-db:5432/core
        username: vigil
        password: env:CORE_DB_PASSWORD
        table: public.accounts
        extract_mode: incremental
        incremental_column: updated_at
        schedule: "@daily"
        default_target_dataset_name: account
        """;
    JdbcConnector j = (JdbcConnector) Canonical.fromYaml(jdbc, Connector.class);
    assertThat(j.database()).isEqualTo(JdbcDatabase.POSTGRESQL);
    assertThat(j.extractMode()).isEqualTo(ExtractMode.INCREMENTAL);
    assertThat(j.landingFolder()).isNull();
    assertThat(j.datasetSchemaRef()).isNull();
    assertThat(j.schemaDatasetName()).isEqualTo("account");

    String swift = """
        type: swift
        identifier: swift_rje
        source:
          folder: swift_rje
          dataset_schema_ref: swift_transactions
          validate_enable: true
          mapping:
            - message_ids:
                - {message_type: 202, variant: COV}
              project_key: com.tr.swiftmapping
              service_name: SwiftMapping
              operation_name: MapMT202COV
              mapping_filename: domains/cbpack/swift_default_mapping/swiftmapping.jar
              csv_has_header: true
              csv_quote: '"'
              csv_delimiter: "|"
        targets:
          - dataset_name: swift_transactions
        """;
    SwiftConnector s = (SwiftConnector) Canonical.fromYaml(swift, Connector.class);
    assertThat(s.source().mapping()).singleElement()
        .satisfies(m -> assertThat(m.messageIds()).containsExactly(SwiftMessageId.of("202", "COV")))
        .satisfies(m -> assertThat(m.csvQuote()).isEqualTo("\""));
    assertThat(s.defaultTargetDatasetName()).isNull();

    String xml = """
        type: iso20022_xml
        identifier: mx_pacs_full_connector
        source:
          folder: mx_pacs_full
          timestamp_conf: {type: COLUMN, column_name: date, column_pattern: "%Y/%m/%d"}
          dataset_schema_ref: mx_pacs_full
          mapping:
            - message_names: [pacs.008.001.08]
              project_key: MXToCSV
              service_name: MXToCSVService
              operation_name: MXToCSV
              mapping_filename: domains/default/swift_mx_mapping/MXToCSV.jar
        default_target_dataset_name: mx_pacs_full
        """;
    Iso20022XmlConnector x = (Iso20022XmlConnector) Canonical.fromYaml(xml, Connector.class);
    assertThat(x.source().timestampConf()).isEqualTo(TimestampConf.column("date", "%Y/%m/%d"));
    assertThat(x.source().mapping().get(0).messageNames()).containsExactly("pacs.008.001.08");
  }

  @Test
  void constructorFailuresAndUnknownTypesAreProblemsAtTheirPaths() {
    String yaml = """
        identifier: transaction
        source:
          folder: transaction
          dataset_schema_ref: transaction
          timestamp_conf:
            type: COLUMN
            column_name: date
            column_pattern: "%Y-%Q"
        rest_config:
          max_buffered_records: 0
        """;
    List<Problem> problems = new ArrayList<>();
    Node node = YamlReader.read(yaml, "connectors/transaction.yaml", problems);
    assertThat(Canonical.<Connector>decode(node, Connector.class, "connector[transaction]", problems)).isNull();
    assertThat(problems).extracting(Problem::code, Problem::path, p -> p.location().line()).containsExactlyInAnyOrder(
        tuple(ProblemCode.DATE_FORMAT_INVALID, "connector[transaction].source.timestamp_conf.column_pattern", 8),
        tuple(ProblemCode.INVALID_VALUE, "connector[transaction].rest_config.max_buffered_records", 10));

    problems.clear();
    Node folder = YamlReader.read("identifier: t\nsource: {folder: ../x, dataset_schema_ref: t}\n", "t.yaml", problems);
    Canonical.decode(folder, Connector.class, "connector[t]", problems);
    assertThat(problems).extracting(Problem::code, Problem::path)
        .containsExactly(tuple(ProblemCode.INVALID_VALUE, "connector[t].source.folder"));

    problems.clear();
    Node ftp = YamlReader.read("type: ftp\nidentifier: t\n", "t.yaml", problems);
    Canonical.decode(ftp, Connector.class, "connector[t]", problems);
    assertThat(problems).extracting(Problem::code, Problem::path)
        .containsExactly(tuple(ProblemCode.UNKNOWN_TYPE, "connector[t].type"));
    assertThat(problems.get(0).message()).contains("flat_file", "iso20022_xml", "jdbc", "swift");
  }
}
