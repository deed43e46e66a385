package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A query the Investigation Center runs to show the records behind an alert's features (S1 §6.1.3,
 * §15.2.8.3). The SQL runs on the CDD with these placeholders substituted: {@code {dataset_table}},
 * {@code {activity.<column>}}, {@code {occurred_before}}, {@code {occurred_after}} and, for grouping
 * queries, {@code {primary_identifiers}}.
 *
 * <pre>{@code
 * TraceQuery.builder("round_amounts_tq")
 *     .features("round_amounts")
 *     .dataset("transaction")
 *     .sql("SELECT * FROM {dataset_table} WHERE account_id = {activity.account_id}")
 *     .build();
 * }</pre>
 *
 * @param identifier unique within the flow
 * @param identifierColumn the column that identifies a returned record, e.g. {@code trans_id}
 * @param features the features whose records the query returns; none for a global trace query
 * @param dataset the dataset queried as {@code {dataset_table}}
 * @param sql the query
 * @param parquetIndex a parquet index of the dataset to read instead of Postgres; its identifier field
 *     should match the query's filter
 * @param isGroupingQuery the query covers all sub-entities of a grouping entity through
 *     {@code {primary_identifiers}}; needs the flow's identifiers
 */
public record TraceQuery(
    String identifier,
    String identifierColumn,
    List<String> features,
    String dataset,
    String sql,
    String parquetIndex,
    boolean isGroupingQuery) {

  public TraceQuery {
    Checks.identifier(identifier, "trace query", "identifier", Identifiers.NAME);
    String what = "trace query " + identifier;
    features = Checks.list(features);
    Checks.required(dataset, what, "dataset");
    Checks.required(sql, what, "sql");
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier);
    b.identifierColumn = identifierColumn;
    b.features.addAll(features);
    b.dataset = dataset;
    b.sql = sql;
    b.parquetIndex = parquetIndex;
    b.isGroupingQuery = isGroupingQuery;
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String identifierColumn;
    private final List<String> features = new ArrayList<>();
    private String dataset;
    private String sql;
    private String parquetIndex;
    private boolean isGroupingQuery;

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    public Builder identifierColumn(String identifierColumn) {
      this.identifierColumn = identifierColumn;
      return this;
    }

    public Builder features(String... features) {
      this.features.addAll(Arrays.asList(features));
      return this;
    }

    public Builder dataset(String dataset) {
      this.dataset = dataset;
      return this;
    }

    public Builder sql(String sql) {
      this.sql = sql;
      return this;
    }

    public Builder parquetIndex(String parquetIndex) {
      this.parquetIndex = parquetIndex;
      return this;
    }

    public Builder isGroupingQuery(boolean isGroupingQuery) {
      this.isGroupingQuery = isGroupingQuery;
      return this;
    }

    public TraceQuery build() {
      return BuildSites.mark(
          new TraceQuery(identifier, identifierColumn, features, dataset, sql, parquetIndex, isGroupingQuery));
    }
  }
}
