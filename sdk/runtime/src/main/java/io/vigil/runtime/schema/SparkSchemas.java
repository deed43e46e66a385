package io.vigil.runtime.schema;

import static io.vigil.api.dataset.TechnicalColumns.TR_ID;
import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_PARTITION;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_FILE;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_LINE;
import static io.vigil.api.dataset.TechnicalColumns.TR_STATUS;
import static io.vigil.api.dataset.TechnicalColumns.TR_STATUS_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_TIMESTAMP;
import static io.vigil.api.dataset.TechnicalColumns.TR_WRITER;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.risk.Risk;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Spark schemas of Vigil tables: a dataset's fields, its technical columns, and rejected rows. */
public final class SparkSchemas {
  /** Rejected-rows columns. */
  public static final String REJECTED_VALIDATOR = "validator";
  public static final String REJECTED_REASON = "reason";
  public static final String REJECTED_RECORD = "record";

  private SparkSchemas() {}

  public static DataType sparkType(io.vigil.api.dataset.DataType type) {
    return switch (type) {
      case INT -> DataTypes.IntegerType;
      case LONG -> DataTypes.LongType;
      case DOUBLE -> DataTypes.DoubleType;
      case STRING -> DataTypes.StringType;
      case BOOLEAN -> DataTypes.BooleanType;
      case TIMESTAMP -> DataTypes.TimestampType;
    };
  }

  /** The Spark type of a field, an array when {@code array_indicator} is set. */
  public static DataType sparkType(Field field) {
    DataType element = sparkType(field.dataType());
    return field.arrayIndicator() ? DataTypes.createArrayType(element, true) : element;
  }

  /** The dataset's own fields, in order, all nullable. */
  public static StructType fields(DataSet dataset) {
    List<StructField> out = new ArrayList<>();
    for (Field f : dataset.fieldList()) {
      out.add(DataTypes.createStructField(f.identifier(), sparkType(f), true));
    }
    return DataTypes.createStructType(out);
  }

  /** The technical columns, in {@link io.vigil.api.dataset.TechnicalColumns#ALL} order. */
  public static StructType technical() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField(TR_ID, DataTypes.StringType, false),
        DataTypes.createStructField(TR_TIMESTAMP, DataTypes.TimestampType, true),
        DataTypes.createStructField(TR_JOB_TS, DataTypes.TimestampType, false),
        DataTypes.createStructField(TR_PARTITION, DataTypes.StringType, true),
        DataTypes.createStructField(TR_STATUS, DataTypes.StringType, true),
        DataTypes.createStructField(TR_STATUS_JOB_TS, DataTypes.TimestampType, true),
        DataTypes.createStructField(TR_WRITER, DataTypes.StringType, true),
        DataTypes.createStructField(TR_SOURCE_FILE, DataTypes.StringType, true),
        DataTypes.createStructField(TR_SOURCE_LINE, DataTypes.LongType, true)));
  }

  /** A dataset's Delta table: its fields, then the technical columns. */
  public static StructType table(DataSet dataset) {
    List<StructField> out = new ArrayList<>(List.of(fields(dataset).fields()));
    out.addAll(List.of(technical().fields()));
    return DataTypes.createStructType(out);
  }

  /** APPEND tables are partitioned by the occurred-on month; keyed tables are not partitioned. */
  public static List<String> partitionColumns(DataSet dataset) {
    return dataset.ingestionMode() == IngestionMode.APPEND ? List.of(TR_PARTITION) : List.of();
  }

  /** A dataset's rejected rows: why, where from, and the raw record as JSON. */
  public static StructType rejected() {
    return DataTypes.createStructType(List.of(
        DataTypes.createStructField(TR_JOB_TS, DataTypes.TimestampType, false),
        DataTypes.createStructField(TR_WRITER, DataTypes.StringType, true),
        DataTypes.createStructField(REJECTED_VALIDATOR, DataTypes.StringType, true),
        DataTypes.createStructField(REJECTED_REASON, DataTypes.StringType, false),
        DataTypes.createStructField(TR_SOURCE_FILE, DataTypes.StringType, true),
        DataTypes.createStructField(TR_SOURCE_LINE, DataTypes.LongType, true),
        DataTypes.createStructField(REJECTED_RECORD, DataTypes.StringType, true)));
  }

  /** The Delta schema of a flow's evaluated activities: the CDD table's columns, then every other technical column. */
  public static StructType evaluated(EvaluationFlow flow, DataSet input, List<Risk> risks) {
    CddTable cdd = CddTables.evaluatedActivities("unused", flow, input, risks);
    List<StructField> out = new ArrayList<>();
    java.util.Set<String> names = new java.util.LinkedHashSet<>();
    for (CddColumn c : cdd.columns()) {
      out.add(DataTypes.createStructField(c.name(), fromSql(c.sqlType()), c.nullable()));
      names.add(c.name());
    }
    for (StructField t : technical().fields()) {
      if (names.add(t.name())) {
        out.add(t);
      }
    }
    return DataTypes.createStructType(out);
  }

  /** The Spark type of a CDD column type; JSON is kept as text. */
  static DataType fromSql(String sqlType) {
    if (sqlType.endsWith("[]")) {
      return DataTypes.createArrayType(fromSql(sqlType.substring(0, sqlType.length() - 2)), true);
    }
    return switch (sqlType) {
      case "integer" -> DataTypes.IntegerType;
      case "bigint" -> DataTypes.LongType;
      case "double precision" -> DataTypes.DoubleType;
      case "boolean" -> DataTypes.BooleanType;
      case "timestamp", "timestamptz" -> DataTypes.TimestampType;
      default -> DataTypes.StringType;
    };
  }
}
