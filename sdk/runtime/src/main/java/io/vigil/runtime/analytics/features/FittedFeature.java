package io.vigil.runtime.analytics.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.runtime.analytics.Columns;
import io.vigil.runtime.analytics.ModelFolder;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.ByteType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.ShortType;
import org.apache.spark.sql.types.StringType;

/** One fitted feature: the same rule as a Spark expression and as a plain function of one value. */
sealed interface FittedFeature extends Serializable permits FittedFeature.Numeric, FittedFeature.Categoric {
  String name();

  /** The feature as a double column computed from the field. */
  Column column();

  /** The feature of one field value (null for missing). */
  double extract(Object value);

  /** Checks that a field of Spark type {@code type} can feed this feature. */
  void check(DataType type, String verb);

  ObjectNode toJson();

  static FittedFeature fromJson(JsonNode node) {
    String name = node.path("name").asText();
    if ("numeric".equals(node.path("type").asText())) {
      return new Numeric(name, node.path("fill").asDouble());
    }
    Map<String, Double> codes = new TreeMap<>();
    node.path("codes").fields().forEachRemaining(e -> codes.put(e.getKey(), e.getValue().asDouble()));
    return new Categoric(name, codes, node.path("missing").asDouble(), node.path("unseen").asDouble());
  }

  /**
   * A numeric field; a missing value (null, NaN, ±infinity) becomes {@code fill}.
   */
  record Numeric(String name, double fill) implements FittedFeature {
    @Override
    public Column column() {
      Column x = Columns.col(name).cast("double");
      return functions.when(Columns.missing(x), functions.lit(fill)).otherwise(x);
    }

    @Override
    public double extract(Object value) {
      if (value == null) {
        return fill;
      }
      double x;
      if (value instanceof BigDecimal d) {
        x = d.doubleValue();
      } else if (value instanceof Number n) {
        x = n.doubleValue();
      } else {
        throw RuntimeErrors.recordValueNotANumber(name, value.getClass());
      }
      return Double.isFinite(x) ? x : fill;
    }

    @Override
    public void check(DataType type, String verb) {
      if (!(type instanceof NumericType)) {
        throw RuntimeErrors.numericFeatureColumnInvalid(verb, name, type.simpleString());
      }
    }

    @Override
    public ObjectNode toJson() {
      return ModelFolder.object().put("name", name).put("type", "numeric").put("fill", fill);
    }
  }

  /**
   * A categorical field: a known value becomes its code, a missing one {@code missing}, any other value
   * {@code unseen}.
   */
  record Categoric(String name, Map<String, Double> codes, double missing, double unseen) implements FittedFeature {
    public Categoric {
      codes = Map.copyOf(new TreeMap<>(codes));
    }

    @Override
    public Column column() {
      Column x = Columns.col(name).cast("string");
      Column code;
      if (codes.isEmpty()) {
        code = functions.lit(null).cast("double");
      } else {
        List<Column> kv = new ArrayList<>();
        new TreeMap<>(codes).forEach((k, v) -> {
          kv.add(functions.lit(k));
          kv.add(functions.lit(v));
        });
        code = functions.try_element_at(functions.map(kv.toArray(Column[]::new)), x);
      }
      return functions.when(x.isNull(), functions.lit(missing)).otherwise(functions.coalesce(code, functions.lit(unseen)));
    }

    @Override
    public double extract(Object value) {
      if (value == null) {
        return missing;
      }
      String text;
      if (value instanceof String s) {
        text = s;
      } else if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
          || value instanceof Boolean) {
        text = value.toString();
      } else {
        throw RuntimeErrors.recordValueNotACategory(name, value.getClass());
      }
      Double code = codes.get(text);
      return code != null ? code : unseen;
    }

    @Override
    public void check(DataType type, String verb) {
      if (!(type instanceof StringType || type instanceof IntegerType || type instanceof LongType || type instanceof ShortType
          || type instanceof ByteType || type instanceof BooleanType)) {
        throw RuntimeErrors.categoricFeatureColumnInvalid(verb, name, type.simpleString());
      }
    }

    @Override
    public ObjectNode toJson() {
      ObjectNode node = ModelFolder.object().put("name", name).put("type", "categoric").put("missing", missing).put("unseen", unseen);
      ObjectNode c = node.putObject("codes");
      new TreeMap<>(codes).forEach(c::put);
      return node;
    }
  }
}
