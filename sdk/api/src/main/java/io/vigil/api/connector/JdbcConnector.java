package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Secrets;
import io.vigil.api.validation.ProblemCode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A connector that reads a table or query of a PostgreSQL, MySQL or SQL Server database into
 * datasets, on a schedule (S0 "Ingestion from a database" and "Data Extraction").
 *
 * <p>{@link ExtractMode#FULL} reads every row on every run (KeplerAI's full refresh).
 * {@link ExtractMode#INCREMENTAL} reads only rows whose {@code incremental_column} is after the
 * high-water mark of the previous successful run, which on a daily schedule is KeplerAI's D-1 append:
 * the rows of the previous day. The first incremental run reads everything.
 *
 * <p>Credentials are secret references ({@code env:NAME} or {@code encrypted:…}); validation rejects
 * an inline password and {@link #toString()} never shows one.
 *
 * <pre>{@code
 * JdbcConnector.builder("core_accounts")
 *     .database(JdbcDatabase.POSTGRESQL)
 *     .url("jdbc:postgresql://core-db:5432/core")
 *     .username("vigil").password("env:CORE_DB_PASSWORD")
 *     .table("public.accounts")
 *     .extractMode(ExtractMode.INCREMENTAL).incrementalColumn("updated_at")
 *     .schedule("0 18 * * *")
 *     .defaultTargetDatasetName("account")
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable
 * @param displayName title in the user interface
 * @param description free text
 * @param database the database product
 * @param url JDBC URL, e.g. {@code jdbc:postgresql://host:5432/db}; without credentials
 * @param username database user
 * @param password secret reference, {@code env:NAME} or {@code encrypted:…}; never the password itself
 * @param table the table to read, optionally schema-qualified; exclusive with {@code query}
 * @param query a SELECT whose rows are read; exclusive with {@code table}
 * @param extractMode FULL reads every row, INCREMENTAL only rows after the last run's high-water mark (default FULL)
 * @param incrementalColumn timestamp or increasing column that marks new rows; required for INCREMENTAL
 * @param schedule cron expression or preset such as {@code @daily}; null when runs are triggered by a DAG
 * @param fetchSize rows fetched per round trip
 * @param datasetSchemaRef the dataset whose schema every target shares; null uses the default target
 * @param targets conditional targets; each takes the records that match its condition
 * @param defaultTargetDatasetName the dataset for records that match no target
 */
public record JdbcConnector(
    String identifier,
    String displayName,
    String description,
    JdbcDatabase database,
    String url,
    String username,
    String password,
    String table,
    String query,
    ExtractMode extractMode,
    String incrementalColumn,
    String schedule,
    Integer fetchSize,
    String datasetSchemaRef,
    List<Target> targets,
    String defaultTargetDatasetName)
    implements Connector {

  public static final String TYPE = "jdbc";

  /** {@code user:password@} in a URL authority, or a {@code password=} property. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)(//[^/@:]+:)[^/]*(@)|(password=)[^;&]*");

  public JdbcConnector {
    Checks.entityIdentifier(identifier, "connector");
    String what = "connector " + identifier;
    Checks.required(database, what, "database");
    Checks.required(url, what, "url");
    Checks.valid(url.startsWith("jdbc:"), what, "url", "must start with jdbc:, e.g. jdbc:postgresql://host:5432/db");
    boolean hasTable = table != null && !table.isBlank();
    boolean hasQuery = query != null && !query.isBlank();
    Checks.check(hasTable || hasQuery, ProblemCode.MISSING_REQUIRED, "table",
        "Cannot build " + what + ": table or query is required");
    Checks.valid(!(hasTable && hasQuery), what, "query", "cannot be set together with table; keep one of them");
    extractMode = Checks.orDefault(extractMode, ExtractMode.FULL);
    if (extractMode == ExtractMode.INCREMENTAL) {
      Checks.required(incrementalColumn, what, "incremental_column");
    }
    Checks.positive(fetchSize, what, "fetch_size");
    targets = Checks.list(targets);
  }

  @Override
  public String landingFolder() {
    return null;
  }

  /** Like the record's own form, with credentials that are not secret references masked. */
  @Override
  public String toString() {
    String maskedPassword = password == null || Secrets.isReference(password) ? password : "****";
    String maskedUrl = URL_PASSWORD.matcher(url).replaceAll("$1$3****$2");
    return "JdbcConnector[identifier=" + identifier + ", displayName=" + displayName + ", description="
        + description + ", database=" + database + ", url=" + maskedUrl + ", username=" + username
        + ", password=" + maskedPassword + ", table=" + table + ", query=" + query + ", extractMode="
        + extractMode + ", incrementalColumn=" + incrementalColumn + ", schedule=" + schedule + ", fetchSize="
        + fetchSize + ", datasetSchemaRef=" + datasetSchemaRef + ", targets=" + targets
        + ", defaultTargetDatasetName=" + defaultTargetDatasetName + "]";
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier)
        .displayName(displayName)
        .description(description)
        .database(database)
        .url(url)
        .username(username)
        .password(password)
        .table(table)
        .query(query)
        .extractMode(extractMode)
        .incrementalColumn(incrementalColumn)
        .schedule(schedule)
        .fetchSize(fetchSize)
        .datasetSchemaRef(datasetSchemaRef)
        .defaultTargetDatasetName(defaultTargetDatasetName);
    b.targets.addAll(targets);
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String displayName;
    private String description;
    private JdbcDatabase database;
    private String url;
    private String username;
    private String password;
    private String table;
    private String query;
    private ExtractMode extractMode;
    private String incrementalColumn;
    private String schedule;
    private Integer fetchSize;
    private String datasetSchemaRef;
    private final List<Target> targets = new ArrayList<>();
    private String defaultTargetDatasetName;

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder database(JdbcDatabase database) {
      this.database = database;
      return this;
    }

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder username(String username) {
      this.username = username;
      return this;
    }

    /** A secret reference: {@code env:NAME} or {@code encrypted:…}. */
    public Builder password(String password) {
      this.password = password;
      return this;
    }

    public Builder table(String table) {
      this.table = table;
      return this;
    }

    public Builder query(String query) {
      this.query = query;
      return this;
    }

    public Builder extractMode(ExtractMode extractMode) {
      this.extractMode = extractMode;
      return this;
    }

    public Builder incrementalColumn(String incrementalColumn) {
      this.incrementalColumn = incrementalColumn;
      return this;
    }

    public Builder schedule(String schedule) {
      this.schedule = schedule;
      return this;
    }

    public Builder fetchSize(Integer fetchSize) {
      this.fetchSize = fetchSize;
      return this;
    }

    public Builder datasetSchemaRef(String datasetSchemaRef) {
      this.datasetSchemaRef = datasetSchemaRef;
      return this;
    }

    public Builder addTarget(Target target) {
      this.targets.add(target);
      return this;
    }

    /** Replaces the targets. */
    public Builder targets(List<Target> targets) {
      this.targets.clear();
      this.targets.addAll(targets);
      return this;
    }

    public Builder defaultTargetDatasetName(String defaultTargetDatasetName) {
      this.defaultTargetDatasetName = defaultTargetDatasetName;
      return this;
    }

    public JdbcConnector build() {
      return BuildSites.mark(new JdbcConnector(identifier, displayName, description, database, url, username,
          password, table, query, extractMode, incrementalColumn, schedule, fetchSize, datasetSchemaRef, targets,
          defaultTargetDatasetName));
    }
  }
}
