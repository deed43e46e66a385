package io.vigil.runtime.dataset;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.storage.StorageLevel;

/**
 * Rows conformed to a dataset and validated, cached once so that counting, storing and rejecting
 * read the input a single time; with their counts.
 */
final class Prepared implements AutoCloseable {
  final Dataset<Row> rows;
  final long input;
  final long rejected;
  final long warned;
  final Map<String, Long> byValidator;
  /** Kept rows per field whose value is not among the field's valid_values. */
  final Map<String, Long> outsideValidValues;

  private Prepared(Dataset<Row> rows, long input, long rejected, long warned, Map<String, Long> byValidator,
      Map<String, Long> outsideValidValues) {
    this.rows = rows;
    this.input = input;
    this.rejected = rejected;
    this.warned = warned;
    this.byValidator = byValidator;
    this.outsideValidValues = outsideValidValues;
  }

  static Prepared of(Dataset<Row> input, DataSet ds, boolean schemaPadding) {
    List<RowValidation.Check> checks = RowValidation.checks(ds);
    Dataset<Row> validated = RowValidation.apply(Conformer.conform(input, ds, schemaPadding), checks);
    if (ds.ingestionMode() == IngestionMode.APPEND) {
      // Only rejected rows need their raw record, and only here is it final: keyed writes still reject
      // duplicate keys later. Spark then serialises just those rows, and the cache holds no copy of the rest.
      validated = validated.withColumn(Internal.RAW, when(col(Internal.REJECT_REASON).isNotNull(), col(Internal.RAW)));
    }
    Dataset<Row> rows = validated.persist(StorageLevel.MEMORY_AND_DISK());
    List<Column> aggs = new ArrayList<>(List.of(
        count(lit(1)),
        sum(when(col(Internal.REJECT_REASON).isNotNull(), 1).otherwise(0)),
        sum(when(size(col(Internal.WARNED)).gt(0), 1).otherwise(0))));
    for (RowValidation.Check c : checks) {
      String name = c.validator().name();
      aggs.add(sum(when(col(Internal.REJECT_VALIDATOR).equalTo(name).or(array_contains(col(Internal.WARNED), name)), 1)
          .otherwise(0)));
    }
    // valid_values document a field's values (the guide does not enforce them): a kept row with another
    // value is counted for its field, in the same single pass over the cached rows.
    List<Field> documented = ds.fieldList().stream().filter(f -> !f.validValues().isEmpty()).toList();
    for (Field f : documented) {
      Column value = col(f.identifier()).cast(DataTypes.StringType);
      aggs.add(sum(when(col(Internal.REJECT_REASON).isNull().and(value.isNotNull())
          .and(not(value.isin(f.validValues().toArray()))), 1).otherwise(0)));
    }
    Row stats = rows.agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).first();
    Map<String, Long> byValidator = new LinkedHashMap<>();
    for (int i = 0; i < checks.size(); i++) {
      byValidator.merge(checks.get(i).validator().name(), value(stats, 3 + i), Long::sum);
    }
    Map<String, Long> outside = new LinkedHashMap<>();
    for (int i = 0; i < documented.size(); i++) {
      long n = value(stats, 3 + checks.size() + i);
      if (n > 0) {
        outside.put(documented.get(i).identifier(), n);
      }
    }
    return new Prepared(rows, value(stats, 0), value(stats, 1), value(stats, 2), byValidator, outside);
  }

  Dataset<Row> valid() {
    return rows.where(col(Internal.REJECT_REASON).isNull());
  }

  Dataset<Row> invalid() {
    return rows.where(col(Internal.REJECT_REASON).isNotNull());
  }

  private static long value(Row row, int i) {
    return row.isNullAt(i) ? 0 : ((Number) row.get(i)).longValue();
  }

  @Override
  public void close() {
    rows.unpersist();
  }
}
