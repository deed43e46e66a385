package io.vigil.bench;

/**
 * The files {@link SolutionGenerator} writes, as a solution team writes them. Variables: {@code ${p}}
 * pipeline prefix ({@code retail_uk}), {@code ${P}} its class-name form ({@code RetailUk}),
 * {@code ${t}} its title, {@code ${d}}/{@code ${D}}/{@code ${DU}} the domain, {@code ${cur}} the
 * local currency, and per-pipeline numbers ({@code ${limit}}, {@code ${sev}}, {@code ${partitions}},
 * {@code ${ratio}}, {@code ${days}}) so that no two pipelines are identical.
 */
final class Templates {
  private Templates() {}

  // --- Domain-wide ---

  static final String LIB_CONVENTIONS = """
      package domains.${d}.lib;

      import io.vigil.api.dataset.BusinessType;
      import io.vigil.api.dataset.DataType;
      import io.vigil.api.dataset.Field;
      import io.vigil.api.dataset.Validator;
      import java.util.Map;

      /** Conventions shared by the providers of the ${d} domain: data permission, model tags, common fields. */
      public final class Conventions {
        public static final String DATA_PERMISSION = "dpv:${d}";
        public static final Map<String, String> RELEASE = Map.of("version", "release");

        private Conventions() {}

        /** A mandatory identifier column. */
        public static Field id(String identifier) {
          return Field.builder(identifier, DataType.STRING)
              .addValidator(Validator.reject(identifier + "_present", identifier + " IS NOT NULL"))
              .build();
        }

        /** A mandatory identifier column with a Postgres index, for published datasets. */
        public static Field key(String identifier) {
          return id(identifier).toBuilder().indexed(true).build();
        }

        /** A non-negative amount in a currency. */
        public static Field amount(String identifier, String currency) {
          return Field.builder(identifier, DataType.DOUBLE)
              .businessType(BusinessType.CURRENCY, currency)
              .addValidator(Validator.reject(identifier + "_non_negative", identifier + " >= 0"))
              .build();
        }
      }
      """;

  static final String JOB_UPLOAD = """
      package domains.${d}.jobs;

      import io.vigil.api.job.Cell;
      import io.vigil.api.job.Job;
      import io.vigil.runtime.JobContext;
      import org.apache.spark.sql.Dataset;
      import org.apache.spark.sql.Row;

      /** Uploads the files of one connector's landing folder; the DAG task names the connector. */
      public class Upload implements Job {
        String connector;
        Dataset<Row> files;

        @Cell(1)
        public void read(JobContext context) {
          connector = context.parameter("connector");
          files = context.spark().read().option("header", "true").csv("datasources/" + connector);
        }

        @Cell(2)
        public void write(JobContext context) {
          context.write(files, connector);
        }
      }
      """;

  static final String GRAPH_JAVA = """
      package domains.${d}.graphs;

      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import io.vigil.api.graph.CanonicalGraph;
      import io.vigil.api.graph.Graph;
      import java.util.List;

      /** The ${d} network: accounts, alerts and parties, with transactions and ownership. */
      public class ${D}Graph implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(Graph.builder("${d}_graph")
              .displayName("${DU} network")
              .description("Accounts, parties and alerted activities of the ${d} domain")
              .dataPermission("dpv:${d}")
              .addNode(CanonicalGraph.accountNode())
              .addNode(CanonicalGraph.alertNode())
              .addNode(CanonicalGraph.partyNode())
              .addEdge(CanonicalGraph.transactionEdge())
              .addEdge(CanonicalGraph.alertedEdge())
              .addEdge(CanonicalGraph.ownerEdge())
              .build());
        }
      }
      """;

  static final String GRAPH_YAML = """
      # The ${d} network, with the canonical node and edge types of Network Visualizations.
      identifier: ${d}_graph
      display_name: ${DU} network
      description: Accounts, parties and alerted activities of the ${d} domain
      data_permission: dpv:${d}
      nodes:
        - identifier: AC
          display_name: Account
          description: Bank Account
          properties:
            - identifier: AN
              display_name: IBAN
              type: STRING
              is_key: true
            - identifier: NM
              display_name: Full name
              type: STRING
            - identifier: CT
              display_name: Country
              type: STRING
            - identifier: AD
              display_name: Address
              type: STRING
        - identifier: AL
          display_name: Alerted activity
          properties:
            - {identifier: AI, display_name: Alerted activity ID, type: STRING}
            - {identifier: RI, display_name: Risk identifier, type: STRING}
            - {identifier: SP, display_name: Suppressed, type: BOOLEAN}
        - identifier: PR
          display_name: Party of accounts
          write_allowed: true
          properties:
            - identifier: PI
              display_name: Party uuid
              type: STRING
              is_key: true
            - {identifier: NM, display_name: Party name, type: STRING}
            - identifier: CT
              display_name: Party country
              type: STRING
              reference: {node_identifier: AC, property_identifier: CT}
            - {identifier: CN, display_name: Consolidation flag, type: LONG}
            - {identifier: UON, display_name: Updated on, type: TIMESTAMP}
            - {identifier: UBY, display_name: Updated by, type: STRING}
      edges:
        - identifier: TX
          display_name: Transaction
          properties:
            - {identifier: AM, display_name: Amount, type: DOUBLE}
            - {identifier: CR, display_name: Currency, type: STRING}
            - {identifier: CT, display_name: Transactions count, type: LONG}
          source_node_types: [AC]
          target_node_types: [AC]
        - identifier: AL
          display_name: Alerting edge
          source_node_types: [AL]
          target_node_types: [AC]
        - identifier: OW
          display_name: Owner
          source_node_types: [PR]
          target_node_types: [AC]
      """;

  static final String TARGET_CASE_MANAGER = """
      # Alerts of the ${d} domain go to the bank's case manager.
      identifier: ${d}_case_manager
      name: ${DU} case manager
      url: https://casemanager.${d}.example.com/cm-be/api/alerts/create/anomaly
      auth:
        mode: BASIC_AUTH
        configuration:
          username: env:${DU}_CM_USER
          password: env:${DU}_CM_PASSWORD
      retry_policy:
        max_attempts: 5
        initial_delay: 2s
        max_delay: 1m
      timeout_seconds: 30
      """;

  static final String TARGET_WEBHOOK = """
      package domains.${d}.targets;

      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import io.vigil.api.distribution.AlertDistributionTarget;
      import io.vigil.api.distribution.RetryPolicy;
      import io.vigil.api.distribution.TargetAuth;
      import java.time.Duration;
      import java.util.List;

      /** Alerts of the ${d} domain are also posted to the monitoring team's webhook. */
      public class ${D}AlertsWebhook implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(AlertDistributionTarget.builder("${d}_alerts_webhook")
              .name("${DU} alerts webhook")
              .url("https://hooks.${d}.example.com/vigil/alerts")
              .auth(TargetAuth.bearer("env:${DU}_WEBHOOK_TOKEN"))
              .header("X-Api-Key", "env:${DU}_WEBHOOK_API_KEY")
              .retryPolicy(RetryPolicy.builder()
                  .maxAttempts(4)
                  .initialDelay(Duration.ofMillis(500))
                  .retryOnStatus(429, 503)
                  .build())
              .timeoutSeconds(20)
              .build());
        }
      }
      """;

  // --- Jobs ---

  static final String JOB_DATAPREP = """
      package domains.${d}.jobs;

      import static org.apache.spark.sql.functions.col;
      import static org.apache.spark.sql.functions.count;
      import static org.apache.spark.sql.functions.date_trunc;
      import static org.apache.spark.sql.functions.datediff;
      import static org.apache.spark.sql.functions.lit;
      import static org.apache.spark.sql.functions.max;
      import static org.apache.spark.sql.functions.min;
      import static org.apache.spark.sql.functions.sum;
      import static org.apache.spark.sql.functions.when;

      import io.vigil.api.job.Cell;
      import io.vigil.api.job.Job;
      import io.vigil.runtime.JobContext;
      import org.apache.spark.sql.Dataset;
      import org.apache.spark.sql.Row;

      /** Builds ${p}_monthly, the monthly profile of each ${t} account, from its transactions. */
      public class ${P}Dataprep implements Job {
        Dataset<Row> transactions;
        Dataset<Row> accounts;
        Dataset<Row> monthly;

        @Cell(1)
        public void load(JobContext context) {
          transactions = context.read("${p}_transaction");
          accounts = context.read("${p}_account").select("account_id", "party_id", "country");
        }

        @Cell(2)
        public void aggregate() {
          monthly = transactions
              .withColumn("month", date_trunc("month", col("trans_date")))
              .groupBy(col("account_id"), col("month"))
              .agg(sum("amount").as("sum_amount"),
                  sum(when(col("direction").equalTo("IN"), col("amount")).otherwise(0)).as("in_amount"),
                  sum(when(col("direction").equalTo("OUT"), col("amount")).otherwise(0)).as("out_amount"),
                  sum(when(col("is_cash"), col("amount")).otherwise(0)).as("cash_amount"),
                  count(lit(1)).as("trx_count"),
                  max("amount").as("max_amount"),
                  datediff(max("trans_date"), min("trans_date")).as("days_inactive"))
              .join(accounts, "account_id");
        }

        @Cell(3)
        public void write(JobContext context) {
          context.write(monthly, "${p}_monthly");
        }
      }
      """;

  static final String JOB_EVALUATE = """
      package domains.${d}.jobs;

      import static org.apache.spark.sql.functions.add_months;
      import static org.apache.spark.sql.functions.col;
      import static org.apache.spark.sql.functions.current_date;

      import io.vigil.api.job.Cell;
      import io.vigil.api.job.Job;
      import io.vigil.runtime.JobContext;
      import org.apache.spark.sql.Dataset;
      import org.apache.spark.sql.Row;

      /** Evaluates last month's ${t} profiles with ${p}_monthly_ef and ${p}_rules_ef. */
      public class ${P}Evaluate implements Job {
        Dataset<Row> input;

        @Cell(1)
        public void load(JobContext context) {
          input = context.read("${p}_monthly").where(col("month").geq(add_months(current_date(), -1)));
        }

        @Cell(2)
        public void evaluate(JobContext context) {
          input.createOrReplaceTempView("${p}_to_evaluate");
        }
      }
      """;

  // --- Datasets ---

  static final String DATASET_TRANSACTION = """
      package domains.${d}.datasets;

      import domains.${d}.lib.Conventions;
      import io.vigil.api.dataset.DataSet;
      import io.vigil.api.dataset.DataTier;
      import io.vigil.api.dataset.DataType;
      import io.vigil.api.dataset.Field;
      import io.vigil.api.dataset.IlmSetting;
      import io.vigil.api.dataset.IngestionMode;
      import io.vigil.api.dataset.ParquetIndex;
      import io.vigil.api.dataset.RetentionPolicy;
      import io.vigil.api.dataset.Validator;
      import io.vigil.api.dataset.ValidatorAction;
      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import java.util.List;

      /** ${t} transactions, one extract a day from core banking. */
      public class ${P}Transaction implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(DataSet.builder("${p}_transaction")
              .displayName("${t} transactions")
              .description("Every booked transaction of ${t} accounts")
              .dataPermission(Conventions.DATA_PERMISSION)
              .ingestionMode(IngestionMode.APPEND)
              .addField(Conventions.id("trans_id"))
              .addField(Conventions.id("account_id"))
              .addField(Field.of("counterparty_account", DataType.STRING))
              .addField(Field.builder("trans_date", DataType.TIMESTAMP)
                  .displayName("Booking date")
                  .dateFormat("%Y-%m-%d %H:%M:%S")
                  .build())
              .addField(Conventions.amount("amount", "${cur}"))
              .addField(Field.builder("currency", DataType.STRING)
                  .addValidator(Validator.warn("currency_iso", "length(currency) = 3"))
                  .build())
              .addField(Field.builder("direction", DataType.STRING).validValues("IN", "OUT").build())
              .addField(Field.builder("channel", DataType.STRING).validValues("CASH", "WIRE", "CARD", "SEPA").build())
              .addField(Field.of("is_cash", DataType.BOOLEAN))
              .addField(Field.of("country", DataType.STRING))
              .addField(Field.builder("description", DataType.STRING).includeInReport(true).build())
              .occurredOnField("trans_date")
              .numOfPartitions(${partitions})
              .addValidator(Validator.reject("known_direction", "direction IN ('IN', 'OUT')"))
              .addValidator(Validator.builder("cash_is_local")
                  .action(ValidatorAction.WARN)
                  .validateLogic("NOT is_cash OR currency = '${cur}'")
                  .description("Cash is paid out in the local currency only")
                  .build())
              .addParquetIndex(ParquetIndex.builder("by_account", "account_id").numIdentifierBins(64).build())
              .ilmSetting(IlmSetting.of(DataTier.WARM, 90))
              .retentionPolicy(RetentionPolicy.months(84))
              .recordIdentifier("trans_id")
              .tags("${d}", "transactions")
              .build());
        }
      }
      """;

  static final String DATASET_TRANSACTION_HR = """
      # High-risk ${t} transactions: large amounts and high-risk countries, split off by connector ${p}_transaction.
      identifier: ${p}_transaction_hr
      display_name: ${t} high-risk transactions
      data_permission: dpv:${d}
      ingestion_mode: APPEND
      field_list:
        - identifier: trans_id
          data_type: STRING
          validators:
            - name: trans_id_present
              action: REJECT
              validate_logic: trans_id IS NOT NULL
        - identifier: account_id
          data_type: STRING
          indexed: true
        - identifier: counterparty_account
          data_type: STRING
        - identifier: trans_date
          display_name: Booking date
          data_type: TIMESTAMP
          date_format: "%Y-%m-%d %H:%M:%S"
        - identifier: amount
          data_type: DOUBLE
          business_type: CURRENCY
          units: ${cur}
        - identifier: currency
          data_type: STRING
        - identifier: direction
          data_type: STRING
          valid_values: [IN, OUT]
        - identifier: channel
          data_type: STRING
        - identifier: is_cash
          data_type: BOOLEAN
        - identifier: country
          data_type: STRING
        - identifier: description
          data_type: STRING
      occurred_on_field: trans_date
      validators:
        - name: high_risk_only
          action: WARN
          validate_logic: "amount >= ${limit} OR country IN ('IR', 'KP', 'SY', 'MM')"
      publish: true
      table_indexes:
        - identifier: ${p}_hr_by_account
          columns: [account_id, trans_date]
          include: [amount]
      retention_policy:
        months_to_keep: 120
      tags: [${d}, high_risk]
      """;

  static final String DATASET_ACCOUNT = """
      package domains.${d}.datasets;

      import domains.${d}.lib.Conventions;
      import io.vigil.api.dataset.DataSet;
      import io.vigil.api.dataset.DataType;
      import io.vigil.api.dataset.Field;
      import io.vigil.api.dataset.IngestionMode;
      import io.vigil.api.dataset.TableIndex;
      import io.vigil.api.dataset.Validator;
      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import java.util.List;

      /** ${t} accounts: a full snapshot every day, published to the CDD. */
      public class ${P}Account implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(DataSet.builder("${p}_account")
              .displayName("${t} accounts")
              .dataPermission(Conventions.DATA_PERMISSION)
              .ingestionMode(IngestionMode.OVERWRITE)
              .addField(Conventions.key("account_id"))
              .addField(Conventions.key("party_id"))
              .addField(Field.builder("iban", DataType.STRING).displayName("IBAN").build())
              .addField(Field.builder("opened_on", DataType.TIMESTAMP).dateFormat("%Y%m%d").build())
              .addField(Field.of("branch", DataType.STRING))
              .addField(Field.of("country", DataType.STRING))
              .addField(Field.builder("product", DataType.STRING).validValues("CURRENT", "SAVINGS", "LOAN").build())
              .addField(Field.builder("status", DataType.STRING).validValues("OPEN", "DORMANT", "CLOSED").build())
              .addField(Conventions.amount("credit_limit", "${cur}"))
              .primaryKey("account_id")
              .numOfBuckets(8)
              .publish(true)
              .addTableIndex(TableIndex.of("${p}_account_by_party", List.of("party_id"), List.of("status")))
              .addValidator(Validator.reject("closed_have_branch", "status <> 'CLOSED' OR branch IS NOT NULL"))
              .build());
        }
      }
      """;

  static final String DATASET_PARTY = """
      # ${t} customers, sent as changed records only.
      identifier: ${p}_party
      display_name: ${t} parties
      description: Customers of ${t}, updated daily with changed records only
      data_permission: dpv:${d}
      ingestion_mode: UPDATE
      primary_key: [party_id]
      field_list:
        - identifier: party_id
          data_type: STRING
          indexed: true
          annotations:
            customer_id: true
        - identifier: party_name
          display_name: Name
          data_type: STRING
          encrypted: true
          audited: true
          annotations: {kyc: true, kyc.order: 1}
        - identifier: party_type
          data_type: STRING
          valid_values: [INDIVIDUAL, ORGANISATION]
        - identifier: birth_date
          data_type: TIMESTAMP
          date_format: "%d/%m/%Y"
        - identifier: nationality
          data_type: STRING
        - identifier: risk_rating
          data_type: INT
          validators:
            - name: rating_range
              action: REJECT
              validate_logic: risk_rating BETWEEN 1 AND 5
        - identifier: kyc_updated
          data_type: TIMESTAMP
          date_format: "%Y-%m-%dT%H:%M:%S"
      occurred_on_field: kyc_updated
      publish: true
      record_identifier: party_id
      """;

  static final String DATASET_COUNTERPARTY = """
      package domains.${d}.datasets;

      import domains.${d}.lib.Conventions;
      import io.vigil.api.dataset.DataSet;
      import io.vigil.api.dataset.DataType;
      import io.vigil.api.dataset.Field;
      import io.vigil.api.dataset.IngestionMode;
      import io.vigil.api.dataset.Validator;
      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import java.util.List;

      /** Counterparties seen by ${t}, with the bank's watch-list flag. */
      public class ${P}Counterparty implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(DataSet.builder("${p}_counterparty")
              .displayName("${t} counterparties")
              .dataPermission(Conventions.DATA_PERMISSION)
              .ingestionMode(IngestionMode.OVERWRITE)
              .addField(Conventions.key("counterparty_account"))
              .addField(Field.of("counterparty_name", DataType.STRING))
              .addField(Field.builder("bank_bic", DataType.STRING)
                  .addValidator(Validator.warn("bic_length", "length(bank_bic) IN (8, 11)"))
                  .build())
              .addField(Field.of("country", DataType.STRING))
              .addField(Field.of("watchlisted", DataType.BOOLEAN))
              .addField(Field.builder("first_seen", DataType.TIMESTAMP).dateFormat("%Y%m%d").build())
              .primaryKey("counterparty_account")
              .occurredOnField("first_seen")
              .publish(true)
              .build());
        }
      }
      """;

  static final String DATASET_MONTHLY = """
      package domains.${d}.datasets;

      import domains.${d}.lib.Conventions;
      import io.vigil.api.dataset.BusinessType;
      import io.vigil.api.dataset.DataSet;
      import io.vigil.api.dataset.DataTier;
      import io.vigil.api.dataset.DataType;
      import io.vigil.api.dataset.Field;
      import io.vigil.api.dataset.IlmSetting;
      import io.vigil.api.dataset.IngestionMode;
      import io.vigil.api.dataset.ParquetIndex;
      import io.vigil.api.dataset.RetentionPolicy;
      import io.vigil.api.dataset.Validator;
      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import java.util.List;

      /** The monthly profile of each ${t} account, written by ${P}Dataprep; input of the evaluation flows. */
      public class ${P}Monthly implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(DataSet.builder("${p}_monthly")
              .displayName("${t} monthly account profile")
              .dataPermission(Conventions.DATA_PERMISSION)
              .ingestionMode(IngestionMode.APPEND)
              .addField(Field.of("account_id", DataType.STRING))
              .addField(Field.of("party_id", DataType.STRING))
              .addField(Field.builder("month", DataType.TIMESTAMP).dateFormat("%Y-%m").build())
              .addField(Field.builder("sum_amount", DataType.DOUBLE)
                  .displayName("Total amount")
                  .businessType(BusinessType.CURRENCY, "${cur}")
                  .isExplainabilityColumn(true)
                  .build())
              .addField(Conventions.amount("in_amount", "${cur}"))
              .addField(Conventions.amount("out_amount", "${cur}"))
              .addField(Conventions.amount("cash_amount", "${cur}"))
              .addField(Conventions.amount("max_amount", "${cur}"))
              .addField(Field.builder("trx_count", DataType.LONG)
                  .displayName("Transactions")
                  .addValidator(Validator.reject("trx_count_non_negative", "trx_count >= 0"))
                  .isExplainabilityColumn(true)
                  .build())
              .addField(Field.of("days_inactive", DataType.INT))
              .addField(Field.of("country", DataType.STRING))
              .occurredOnField("month")
              .addValidator(Validator.warn("in_out_consistent", "abs(in_amount + out_amount - sum_amount) < 0.01"))
              .addParquetIndex(ParquetIndex.builder("by_party", "party_id").build())
              .ilmSetting(IlmSetting.of(DataTier.WARM, 365))
              .retentionPolicy(RetentionPolicy.months(36))
              .build());
        }
      }
      """;

  // --- Connectors ---

  static final String CONNECTOR_TRANSACTION = """
      package domains.${d}.connectors;

      import io.vigil.api.connector.FlatFileConnector;
      import io.vigil.api.connector.Source;
      import io.vigil.api.connector.Target;
      import io.vigil.api.connector.TimestampConf;
      import io.vigil.api.dataset.RetentionPolicy;
      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import java.util.List;

      /** The daily ${t} transaction extract; high-risk records go to ${p}_transaction_hr as well. */
      public class ${P}TransactionConnector implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(FlatFileConnector.builder("${p}_transaction")
              .displayName("${t} transactions")
              .source(Source.builder("${p}/transactions", "${p}_transaction")
                  .delimiter(";")
                  .timestampConf(TimestampConf.column("trans_date", "%Y-%m-%d %H:%M:%S"))
                  .retentionPolicy(RetentionPolicy.months(3))
                  .build())
              .addTarget(Target.of("${p}_transaction_hr", "amount >= ${limit} OR country IN ('IR', 'KP', 'SY', 'MM')"))
              .defaultTargetDatasetName("${p}_transaction")
              .build());
        }
      }
      """;

  static final String CONNECTOR_ACCOUNT = """
      package domains.${d}.connectors;

      import io.vigil.api.connector.FlatFileConnector;
      import io.vigil.api.connector.Source;
      import io.vigil.api.connector.TimestampConf;
      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import java.util.List;

      /** The daily ${t} account snapshot; the date is in the file name. */
      public class ${P}AccountConnector implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(FlatFileConnector.builder("${p}_account")
              .displayName("${t} accounts")
              .source(Source.builder("${p}/accounts", "${p}_account")
                  .timestampConf(TimestampConf.filename("%Y%m%d"))
                  .build())
              .defaultTargetDatasetName("${p}_account")
              .build());
        }
      }
      """;

  static final String CONNECTOR_PARTY = """
      # ${t} parties arrive as JSON files and through REST.
      identifier: ${p}_party
      display_name: ${t} parties
      source:
        folder: ${p}/parties
        file_format: JSON
        timestamp_conf:
          type: COLUMN
          column_name: kyc_updated
          column_pattern: "%Y-%m-%dT%H:%M:%S"
        dataset_schema_ref: ${p}_party
      targets:
        - dataset_name: ${p}_party
          condition: party_type IN ('INDIVIDUAL', 'ORGANISATION')
      rest_config:
        enable: true
        nested: true
        flush_interval_minutes: 15
        field_mapping:
          - json_path: party.id
            field: party_id
          - json_path: party.name.full
            field: party_name
      """;

  static final String CONNECTOR_COUNTERPARTY = """
      package domains.${d}.connectors;

      import io.vigil.api.connector.FileFormat;
      import io.vigil.api.connector.FlatFileConnector;
      import io.vigil.api.connector.Source;
      import io.vigil.api.connector.Target;
      import io.vigil.api.connector.TimestampConf;
      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import java.util.List;

      /** ${t} counterparties, as Parquet from the payments hub. */
      public class ${P}CounterpartyConnector implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(FlatFileConnector.builder("${p}_counterparty")
              .displayName("${t} counterparties")
              .source(Source.builder("${p}/counterparties", "${p}_counterparty")
                  .fileFormat(FileFormat.PARQUET)
                  .timestampConf(TimestampConf.executionDate())
                  .build())
              .addTarget(Target.of("${p}_counterparty", "counterparty_account IS NOT NULL AND bank_bic RLIKE '^[A-Z]{6}'"))
              .build());
        }
      }
      """;

  // --- Evaluation flows ---

  static final String FLOW_MONTHLY = """
      package domains.${d}.evaluation_flows;

      import domains.${d}.lib.Conventions;
      import io.vigil.api.dataset.RetentionPolicy;
      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import io.vigil.api.flow.AlertConfiguration;
      import io.vigil.api.flow.AlgoEvaluationStep;
      import io.vigil.api.flow.EvaluationFlow;
      import io.vigil.api.flow.EvaluationFlowIdentifiers;
      import io.vigil.api.flow.EvaluationTimeWindowUnit;
      import io.vigil.api.flow.ModelReference;
      import io.vigil.api.flow.RelatedGraph;
      import io.vigil.api.flow.TraceQuery;
      import java.util.List;

      /** Monthly anomaly detection on ${t} accounts. */
      public class ${P}MonthlyFlow implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(EvaluationFlow.builder("${p}_monthly_ef")
              .displayName("${t} monthly account analysis")
              .inputDataset("${p}_monthly")
              .dataPermission(Conventions.DATA_PERMISSION)
              .addStep(AlgoEvaluationStep.builder("algo")
                  .name("Monthly anomaly detection")
                  .featureExtractionModel(ModelReference.of("${p}_monthly_fe", Conventions.RELEASE))
                  .detectionModel(ModelReference.of("${p}_monthly_ad", Conventions.RELEASE))
                  .patternLength(3)
                  .build())
              .maxWorkers(4)
              .addTraceQuery(TraceQuery.builder("transactions_tq")
                  .identifierColumn("trans_id")
                  .features("sum_amount", "trx_count", "max_amount")
                  .dataset("${p}_transaction")
                  .sql("SELECT t.* FROM {dataset_table} t WHERE t.account_id = {activity.account_id}"
                      + " AND t.trans_date BETWEEN {occurred_after} AND {occurred_before}")
                  .parquetIndex("by_account")
                  .build())
              .timeWindowSize(1)
              .timeWindowUnit(EvaluationTimeWindowUnit.MONTH)
              .identifiers(EvaluationFlowIdentifiers.of(List.of("party_id"), List.of("account_id"), null))
              .relatedGraph(RelatedGraph.builder("${d}_graph")
                  .nodeMapping("AC", "account_id", "AN")
                  .groupingNodeMapping("PR", "party_id", "PI")
                  .build())
              .alertConf(AlertConfiguration.of(365, false))
              .retentionPolicy(RetentionPolicy.months(36))
              .build());
        }
      }
      """;

  static final String FLOW_RULES = """
      # Deterministic scenarios on the ${t} monthly profile.
      identifier: ${p}_rules_ef
      display_name: ${t} monthly scenarios
      input_dataset: ${p}_monthly
      data_permission: dpv:${d}
      ef_type: BUSINESS_RULES
      max_workers: 2
      identifiers:
        grouping_identifier: [party_id]
        primary_identifier: [account_id]
      global_trace_query:
        identifier: all_transactions
        identifier_column: trans_id
        dataset: ${p}_transaction
        sql: |
          SELECT t.*
          FROM {dataset_table} t
          WHERE t.account_id = {activity.account_id}
            AND t.trans_date BETWEEN {occurred_after} AND {occurred_before}
      related_graph:
        identifier: ${d}_graph
        node_mappings:
          AC:
            - field: account_id
              property: AN
      alert_conf:
        reclassification_period: 180
      """;

  // --- Risks (ThetaRay YAML) ---

  static final String RISK_ANOMALY = """
      identifier: ${p}_anomaly
      display_name: Anomalous monthly activity (${t})
      description: The monthly profile of the account is unusual compared with its peers
      category: algo
      severity: ${sev}
      suppression_period_unit: DAY
      suppression_period_size: -1
      evaluation_flows:
        - ${p}_monthly_ef
      analysis_method: AI
      dynamic_display_name: "Anomalous activity on account {{ activity.account_id }}"
      parameters:
        - name: fusion_threshold
          datatype: DOUBLE
          value: "0.50"
          display_name: Fusion threshold
      variables:
        - name: is_anomaly
          display_name: Is anomaly
          expression: "activity.algo_score > {parameters.fusion_threshold}"
          datatype: BOOLEAN
      conditions:
        - variable: is_anomaly
          value: "true"
          title: Is anomaly?
          description: Algo score is greater than the fusion threshold
          display_settings:
            - type: rating
              evaluation_step: algo
      """;

  static final String RISK_HIGH_VALUE = """
      identifier: ${p}_high_value
      display_name: High value and frequency (${t})
      category: scenarios
      severity: ${sev}
      suppression_period_unit: MONTH
      suppression_period_size: 1
      evaluation_flows: [${p}_rules_ef]
      analysis_method: RULE
      condition_display: Monthly amount and number of transactions above their thresholds
      dynamic_condition_display: "Total {{ activity.sum_amount }} above {{ parameters.min_amount }}"
      parameters:
        - {name: min_amount, datatype: DOUBLE, value: "${limit}"}
        - {name: min_count, datatype: INT, value: "20"}
      variables:
        - name: is_high_value
          expression: "activity.sum_amount > {parameters.min_amount}"
          datatype: BOOLEAN
        - name: is_frequent
          expression: "activity.trx_count >= {parameters.min_count}"
          datatype: BOOLEAN
      conditions:
        - variable: is_high_value
          value: "true"
          title: High value
          display_settings:
            - type: threshold
              feature: "{activity.sum_amount}"
              parameter: "{parameters.min_amount}"
        - variable: is_frequent
          value: "true"
          title: Frequent
      """;

  static final String RISK_STRUCTURING = """
      identifier: ${p}_structuring
      display_name: Structuring below the reporting limit (${t})
      category: scenarios
      severity: ${sev}
      suppression_period_unit: DAY
      suppression_period_size: 30
      evaluation_flows: [${p}_rules_ef]
      analysis_method: RULE
      condition_display: Largest transaction just below the reporting limit
      resources:
        team: ${DU} level 1
      parameters:
        - name: reporting_limit
          datatype: DOUBLE
          value: "${limit}"
        - name: margin
          datatype: DOUBLE
          value: "0.1"
      variables:
        - name: near_limit
          expression: >-
            activity.max_amount >= {parameters.reporting_limit} * (1 - {parameters.margin})
            AND activity.max_amount < {parameters.reporting_limit}
          datatype: BOOLEAN
          distribute: true
      conditions:
        - variable: near_limit
          value: "true"
          title: Near the limit
      """;

  static final String RISK_STRUCTURING_CASH = """
      identifier: ${p}_structuring_cash
      parent_identifier: ${p}_structuring
      display_name: Structuring in cash (${t})
      category: scenarios
      severity: 90
      evaluation_flows: [${p}_rules_ef]
      analysis_method: RULE
      dynamic_description: "{{ activity.cash_amount }} of {{ activity.sum_amount }} paid in cash"
      parameters:
        - name: cash_share
          datatype: DOUBLE
          value: "${ratio}"
      variables:
        - name: mostly_cash
          expression: "activity.cash_amount > {parameters.cash_share} * activity.sum_amount"
          datatype: BOOLEAN
      conditions:
        - variable: mostly_cash
          value: "true"
          title: Mostly cash
      """;

  static final String RISK_RAPID_MOVEMENT = """
      identifier: ${p}_rapid_movement
      display_name: Rapid movement of funds (${t})
      category: scenarios
      severity: ${sev}
      suppression_period_unit: MONTH
      suppression_period_size: 3
      evaluation_flows: [${p}_rules_ef]
      analysis_method: RULE
      parameters:
        - {name: pass_through_ratio, datatype: DOUBLE, value: "${ratio}"}
        - {name: min_in_amount, datatype: DOUBLE, value: "${limit}"}
        - {name: lookback_days, datatype: INT, value: "${days}"}
      enrichments:
        - name: previous_alerts
          sql: >-
            select count(*) as previous_alert_count from alerted_activities
            where account_id = activity.account_id
            and created_at >= {context.execution_date} - {parameters.lookback_days} * interval '1 day'
          outputs:
            - name: previous_alert_count
              datatype: LONG
              display_name: Previous alerts
      variables:
        - name: out_in_ratio
          expression: "activity.out_amount / NULLIF(activity.in_amount, 0)"
          datatype: DOUBLE
          order: 10
        - name: is_pass_through
          expression: "{variables.out_in_ratio} >= {parameters.pass_through_ratio} AND activity.in_amount >= {parameters.min_in_amount}"
          datatype: BOOLEAN
          order: 20
        - name: repeat_offender
          expression: "{enrichments.previous_alert_count} > 0"
          datatype: BOOLEAN
          distribute: true
      conditions:
        - variable: is_pass_through
          value: "true"
          title: Funds passed through
      """;

  static final String RISK_DORMANT = """
      identifier: ${p}_dormant_reactivated
      display_name: Dormant account reactivated (${t})
      category: scenarios
      severity: ${sev}
      suppression_period_unit: MONTH
      suppression_period_size: 6
      evaluation_flows: [${p}_rules_ef]
      analysis_method: RULE
      condition_display: Activity after a long dormancy
      parameters:
        - {name: dormant_days, datatype: INT, value: "${days}"}
      variables:
        - name: dormancy
          condition: "activity.days_inactive > {parameters.dormant_days}"
          output: DORMANT
          datatype: STRING
          valid_values: [DORMANT]
      conditions:
        - variable: dormancy
          value: DORMANT
          title: Dormant
      """;

  // --- DAGs ---

  static final String DAG_JAVA = """
      package dags;

      import io.vigil.api.dag.Dag;
      import io.vigil.api.dag.DagTask;
      import io.vigil.api.dag.DefaultArgs;
      import io.vigil.api.dag.ExecutionDateMode;
      import io.vigil.api.entity.Entity;
      import io.vigil.api.entity.EntityProvider;
      import java.time.Duration;
      import java.time.LocalDate;
      import java.util.List;

      /** The monthly ${t} run: upload the extracts, build the monthly profile, evaluate. */
      public class ${P}Monthly implements EntityProvider {
        @Override
        public List<? extends Entity> entities() {
          return List.of(Dag.builder("${p}_monthly")
              .description("Monthly ${t} run")
              .schedule("0 2 1 * *")
              .startDate(LocalDate.of(2024, 1, 1))
              .defaultArgs(DefaultArgs.builder()
                  .owner("${d}")
                  .retries(1)
                  .retryDelay(Duration.ofMinutes(5))
                  .executionDateMode(ExecutionDateMode.PERIOD_END)
                  .build())
              .tags("${d}", "monthly")
              .maxActiveRuns(1)
              .addTask(upload("transaction"))
              .addTask(upload("account"))
              .addTask(upload("party"))
              .addTask(upload("counterparty"))
              .addTask(DagTask.builder("dataprep", "${d}.${P}Dataprep")
                  .containerCpu("2")
                  .containerMemory("4Gi")
                  .sparkConf("spark.sql.shuffle.partitions", "32")
                  .dependsOn("upload_transaction", "upload_account", "upload_party", "upload_counterparty")
                  .build())
              .addTask(DagTask.builder("evaluate", "${d}.${P}Evaluate")
                  .dependsOn("dataprep")
                  .retries(0)
                  .build())
              .build());
        }

        private static DagTask upload(String source) {
          return DagTask.builder("upload_" + source, "${d}.Upload")
              .containerCpu("1000m")
              .containerMemory("2Gi")
              .parameter("connector", "${p}_" + source)
              .build();
        }
      }
      """;

  static final String DAG_YAML = """
      # The monthly ${t} run: upload the extracts, build the monthly profile, evaluate.
      identifier: ${p}_monthly
      description: Monthly ${t} run
      schedule: 0 2 1 * *
      start_date: 2024-01-01
      default_args:
        owner: ${d}
        retries: 1
        retry_delay: 5m
        execution_date_mode: PERIOD_END
      tags: [${d}, monthly]
      max_active_runs: 1
      tasks:
        - task_id: upload_transaction
          job: ${d}.Upload
          container_cpu: 1000m
          container_memory: 2Gi
          parameters: {connector: ${p}_transaction}
        - task_id: upload_account
          job: ${d}.Upload
          container_cpu: 1000m
          container_memory: 2Gi
          parameters: {connector: ${p}_account}
        - task_id: upload_party
          job: ${d}.Upload
          container_cpu: 1000m
          container_memory: 2Gi
          parameters: {connector: ${p}_party}
        - task_id: upload_counterparty
          job: ${d}.Upload
          container_cpu: 1000m
          container_memory: 2Gi
          parameters: {connector: ${p}_counterparty}
        - task_id: dataprep
          job: ${d}.${P}Dataprep
          container_cpu: "2"
          container_memory: 4Gi
          spark_conf: {spark.sql.shuffle.partitions: "32"}
          depends_on: [upload_transaction, upload_account, upload_party, upload_counterparty]
        - task_id: evaluate
          job: ${d}.${P}Evaluate
          depends_on: [dataprep]
          retries: 0
      """;
}
