package io.vigil.runtime.dataset;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.from_json;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.schema.DateParsing;
import io.vigil.runtime.schema.SparkSchemas;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Brings incoming rows to a dataset's schema: every field typed as declared (text parsed with the
 * field's {@code date_format}, arrays from JSON text), and a rejection reason for each value that
 * does not parse. Nothing is dropped: a bad row keeps its raw form for the rejected-rows table.
 */
final class Conformer {
  /** Technical columns an input may carry through: set by upload, or the UPDATE deletion marker. */
  static final Set<String> PASS_THROUGH = Set.of(TechnicalColumns.TR_SOURCE_FILE, TechnicalColumns.TR_SOURCE_LINE,
      TechnicalColumns.TR_TIMESTAMP, TechnicalColumns.TR_STATUS);

  private Conformer() {}

  /**
   * @param schemaPadding fill fields the input lacks with nulls instead of failing
   */
  static Dataset<Row> conform(Dataset<Row> input, DataSet dataset, boolean schemaPadding) {
    Set<String> present = Set.of(input.columns());
    List<String> missing = dataset.fieldList().stream().map(Field::identifier).filter(f -> !present.contains(f)).toList();
    if (!missing.isEmpty() && !schemaPadding) {
      throw RuntimeErrors.datasetFieldsMissing(dataset.identifier(), missing);
    }
    List<String> extra = Arrays.stream(input.columns())
        .filter(c -> dataset.findField(c) == null && !TechnicalColumns.isReserved(c) && !Internal.isInternal(c))
        .toList();
    if (!extra.isEmpty()) {
      throw RuntimeErrors.datasetColumnsUndeclared(dataset.identifier(), extra);
    }
    List<Column> out = new ArrayList<>();
    List<Column> reasons = new ArrayList<>();
    for (Field f : dataset.fieldList()) {
      if (!present.contains(f.identifier())) {
        out.add(lit(null).cast(SparkSchemas.sparkType(f)).as(f.identifier()));
        continue;
      }
      DataType from = input.schema().apply(f.identifier()).dataType();
      Column raw = col(f.identifier());
      Column typed = convert(raw, from, f);
      if (!from.equals(SparkSchemas.sparkType(f))) {
        Column given = from.equals(DataTypes.StringType) ? when(trim(raw).equalTo(""), lit(null)).otherwise(raw) : raw;
        reasons.add(when(given.isNotNull().and(typed.isNull()),
            concat(lit("field " + f.identifier() + ": '"), given.cast(DataTypes.StringType),
                lit("' is not " + describe(f)))));
      }
      out.add(typed.as(f.identifier()));
    }
    for (String pass : PASS_THROUGH) {
      if (present.contains(pass)) {
        out.add(col(pass));
      }
    }
    Column reason = reasons.isEmpty() ? lit(null).cast(DataTypes.StringType)
        : coalesce(reasons.toArray(Column[]::new));
    Column existingReason = present.contains(Internal.REJECT_REASON) ? col(Internal.REJECT_REASON) : lit(null).cast(DataTypes.StringType);
    out.add(coalesce(existingReason, reason).as(Internal.REJECT_REASON));
    out.add(present.contains(Internal.RAW) ? col(Internal.RAW) : rawJson(input).as(Internal.RAW));
    if (present.contains(Internal.ORDINAL)) {
      out.add(col(Internal.ORDINAL));
    }
    return input.select(out.toArray(Column[]::new));
  }

  private static Column rawJson(Dataset<Row> input) {
    Column[] cols = Arrays.stream(input.schema().fields()).map(StructField::name)
        .filter(c -> !Internal.isInternal(c)).map(c -> col("`" + c + "`")).toArray(Column[]::new);
    return to_json(struct(cols));
  }

  private static Column convert(Column raw, DataType from, Field f) {
    DataType to = SparkSchemas.sparkType(f);
    if (from.equals(to)) {
      return raw;
    }
    if (from.equals(DataTypes.StringType)) {
      Column text = when(trim(raw).equalTo(""), lit(null)).otherwise(trim(raw));
      if (to instanceof ArrayType) {
        return from_json(text, to);
      }
      if (to.equals(DataTypes.TimestampType)) {
        return f.dateFormat() != null ? DateParsing.timestamp(text, f.dateFormat()) : to_timestamp(text);
      }
      if (to.equals(DataTypes.BooleanType)) {
        Column lower = org.apache.spark.sql.functions.lower(text);
        return when(lower.isin("true", "t", "yes", "y", "1"), lit(true))
            .when(lower.isin("false", "f", "no", "n", "0"), lit(false));
      }
      return text.cast(to);
    }
    return raw.cast(to);
  }

  private static String describe(Field f) {
    String type = (f.arrayIndicator() ? "an array of " : "a ") + f.dataType();
    return f.dateFormat() != null && f.dataType() == io.vigil.api.dataset.DataType.TIMESTAMP
        ? type + " in format " + f.dateFormat() : type;
  }

  /** The input column list, for messages. */
  static String columns(Dataset<Row> df) {
    return Arrays.stream(df.columns()).collect(Collectors.joining(", "));
  }
}
