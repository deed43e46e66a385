package io.vigil.sync.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** Converts Delta table definitions (location, Spark schema, partition columns) to resource specs and back. */
final class DeltaSpecs {
  private DeltaSpecs() {}

  /** A Delta table as sync wants it. */
  record DeltaTableSpec(String location, StructType schema, List<String> partitionBy) {
    public DeltaTableSpec {
      partitionBy = List.copyOf(partitionBy);
    }
  }

  static Map<String, Object> toSpec(String location, StructType schema, List<String> partitionBy) {
    Map<String, Object> spec = new LinkedHashMap<>();
    spec.put("location", location);
    List<Map<String, Object>> columns = new ArrayList<>();
    for (StructField f : schema.fields()) {
      Map<String, Object> col = new LinkedHashMap<>();
      col.put("name", f.name());
      col.put("type", f.dataType().catalogString());
      col.put("nullable", f.nullable());
      columns.add(col);
    }
    spec.put("columns", columns);
    spec.put("partition_by", partitionBy);
    return spec;
  }

  @SuppressWarnings("unchecked")
  static DeltaTableSpec fromSpec(Map<String, Object> spec) {
    List<StructField> fields = new ArrayList<>();
    for (Map<String, Object> c : (List<Map<String, Object>>) spec.get("columns")) {
      fields.add(DataTypes.createStructField((String) c.get("name"), parseType((String) c.get("type")),
          (Boolean) c.get("nullable")));
    }
    return new DeltaTableSpec((String) spec.get("location"), DataTypes.createStructType(fields),
        (List<String>) spec.get("partition_by"));
  }

  static DataType parseType(String catalogString) {
    return DataType.fromDDL(catalogString);
  }
}
