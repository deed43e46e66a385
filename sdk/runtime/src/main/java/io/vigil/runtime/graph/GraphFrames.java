package io.vigil.runtime.graph;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;

import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.flow.PropertyToFieldMapping;
import io.vigil.api.graph.Property;
import io.vigil.runtime.errors.GraphErrors;
import io.vigil.runtime.schema.SparkSchemas;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * Turns a caller's rows into the rows of a nodes or edges table (S1 §19.3): {@code id}, an optional
 * {@code effective_date} (the execution date when absent), {@code source_node} and {@code target_node}
 * for edges, and one column per declared property under its short key (AN, NM, CT, …) or under a field
 * that a property-to-field mapping names. The properties become one JSON object; a column the type
 * does not declare is an error, never dropped quietly.
 */
final class GraphFrames {
  static final String ID = "id";
  static final String EFFECTIVE_DATE = "effective_date";
  static final String SOURCE_NODE = "source_node";
  static final String TARGET_NODE = "target_node";
  /** Nulls are written, so that the merge in Postgres can tell "cleared" from "not given" (see GraphUpsert). */
  private static final Map<String, String> JSON_OPTIONS = Map.of("ignoreNullFields", "false",
      "timestampFormat", "yyyy-MM-dd'T'HH:mm:ss");

  private GraphFrames() {}

  /** Node rows: node_type, id, effective_date, properties (JSON text), tr_job_ts. */
  static Dataset<Row> nodes(GraphMeta meta, io.vigil.api.graph.NodeType type, Dataset<Row> rows,
      List<PropertyToFieldMapping> mappings, LocalDateTime executionDate) {
    Map<String, Column> props = properties(meta, rows, mappings, Set.of(ID, EFFECTIVE_DATE), type.properties(),
        p -> meta.nodeProperty(type, p));
    requireColumn(meta, rows, ID);
    Property key = type.keyProperty();
    if (key != null && !props.containsKey(key.identifier())) {
      // The key property is the node's identity (AN of an account): without a column of its own it is the id.
      props.put(key.identifier(), col(ID).cast(SparkSchemas.sparkType(key.type())).as(key.identifier()));
    }
    return rows.select(
        lit(type.identifier()).as("node_type"),
        col(ID).cast(DataTypes.StringType).as(ID),
        effectiveDate(rows, executionDate),
        json(props).as("properties"),
        lit(Timestamp.valueOf(executionDate)).as(TechnicalColumns.TR_JOB_TS));
  }

  /** Edge rows: edge_type, id, source_type, source_node, target_type, target_node, effective_date, properties, tr_job_ts. */
  static Dataset<Row> edges(GraphMeta meta, io.vigil.api.graph.EdgeType type, String sourceType, String targetType,
      Dataset<Row> rows, List<PropertyToFieldMapping> mappings, LocalDateTime executionDate) {
    Map<String, Column> props = properties(meta, rows, mappings, Set.of(ID, EFFECTIVE_DATE, SOURCE_NODE, TARGET_NODE),
        type.properties(), p -> meta.edgeProperty(type, p));
    for (String required : List.of(ID, SOURCE_NODE, TARGET_NODE)) {
      requireColumn(meta, rows, required);
    }
    return rows.select(
        lit(type.identifier()).as("edge_type"),
        col(ID).cast(DataTypes.StringType).as(ID),
        lit(sourceType).as("source_type"),
        col(SOURCE_NODE).cast(DataTypes.StringType).as(SOURCE_NODE),
        lit(targetType).as("target_type"),
        col(TARGET_NODE).cast(DataTypes.StringType).as(TARGET_NODE),
        effectiveDate(rows, executionDate),
        json(props).as("properties"),
        lit(Timestamp.valueOf(executionDate)).as(TechnicalColumns.TR_JOB_TS));
  }

  /**
   * The property columns by key, cast to the declared types. A mapping's field stands for its
   * property; every other column that is not one of {@code reserved} must be a declared property.
   */
  private static Map<String, Column> properties(GraphMeta meta, Dataset<Row> rows, List<PropertyToFieldMapping> mappings,
      Set<String> reserved, List<Property> declared, java.util.function.Function<String, Property> lookup) {
    Map<String, String> fieldOf = new LinkedHashMap<>();
    for (PropertyToFieldMapping m : mappings) {
      lookup.apply(m.property());
      requireColumn(meta, rows, m.field());
      fieldOf.put(m.property(), m.field());
    }
    List<String> columns = Arrays.asList(rows.columns());
    List<String> mappedFields = new ArrayList<>(fieldOf.values());
    for (String c : columns) {
      if (!reserved.contains(c) && !mappedFields.contains(c) && !fieldOf.containsKey(c)) {
        lookup.apply(c);
        fieldOf.put(c, c);
      }
    }
    Map<String, Column> out = new LinkedHashMap<>();
    // In declaration order, so the JSON of a node reads like its type.
    for (Property p : declared) {
      String field = fieldOf.get(p.identifier());
      if (field != null) {
        out.put(p.identifier(), col("`" + field + "`").cast(SparkSchemas.sparkType(p.type())).as(p.identifier()));
      }
    }
    return out;
  }

  private static Column json(Map<String, Column> props) {
    return props.isEmpty() ? lit("{}") : to_json(struct(props.values().toArray(Column[]::new)), JSON_OPTIONS);
  }

  private static Column effectiveDate(Dataset<Row> rows, LocalDateTime executionDate) {
    boolean given = Arrays.asList(rows.columns()).contains(EFFECTIVE_DATE);
    return (given ? col(EFFECTIVE_DATE).cast(DataTypes.TimestampType) : lit(Timestamp.valueOf(executionDate))).as(EFFECTIVE_DATE);
  }

  private static void requireColumn(GraphMeta meta, Dataset<Row> rows, String column) {
    if (!Arrays.asList(rows.columns()).contains(column)) {
      throw GraphErrors.columnMissing(meta.verb(), column, Arrays.asList(rows.columns()));
    }
  }
}
