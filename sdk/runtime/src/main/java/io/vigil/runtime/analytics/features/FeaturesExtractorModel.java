package io.vigil.runtime.analytics.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.runtime.analytics.ModelFolder;
import io.vigil.runtime.analytics.TrainedModel;
import io.vigil.runtime.errors.RuntimeErrors;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;

/**
 * A fitted {@link FeaturesExtractor}: per feature its imputation value or its category numbers. It turns
 * records into double features on Spark ({@link #transform}) and one at a time ({@link #extract}), with
 * identical numbers.
 */
public final class FeaturesExtractorModel implements TrainedModel {
  public static final String KIND = "features_extractor";
  private static final String FILE = "features.json";

  private final List<FittedFeature> features;

  FeaturesExtractorModel(List<FittedFeature> features) {
    this.features = List.copyOf(features);
  }

  @Override
  public String kind() {
    return KIND;
  }

  /** The feature names, in order; each is the name of the field it comes from. */
  public List<String> featureNames() {
    return features.stream().map(FittedFeature::name).toList();
  }

  /**
   * {@code data} with every feature field replaced, in place, by its double feature; other columns are
   * kept unchanged (so keys stay beside the features). Select {@link #featureNames()} for the guide's
   * features-only frame.
   */
  public Dataset<Row> transform(Dataset<Row> data) {
    Map<String, Column> columns = new LinkedHashMap<>();
    for (FittedFeature f : features) {
      StructField field = field(data, f.name());
      f.check(field.dataType(), "transform features");
      columns.put(f.name(), f.column());
    }
    return data.withColumns(columns);
  }

  /** The features of one record (field name → value; an absent field is missing), in {@link #featureNames()} order. */
  public double[] extract(Map<String, ?> record) {
    double[] out = new double[features.size()];
    for (int i = 0; i < out.length; i++) {
      FittedFeature f = features.get(i);
      out[i] = f.extract(record.get(f.name()));
    }
    return out;
  }

  /** The value a missing numeric field gets, or the number of a missing category. */
  public double missingValue(String feature) {
    for (FittedFeature f : features) {
      if (f.name().equals(feature)) {
        return f instanceof FittedFeature.Numeric n ? n.fill() : ((FittedFeature.Categoric) f).missing();
      }
    }
    throw RuntimeErrors.featureNotFound(feature, featureNames());
  }

  /** The numbers of the categories of a categorical feature (empty for a numeric one). */
  public Map<String, Double> categories(String feature) {
    missingValue(feature);
    for (FittedFeature f : features) {
      if (f.name().equals(feature) && f instanceof FittedFeature.Categoric c) {
        return c.codes();
      }
    }
    return Map.of();
  }

  private static StructField field(Dataset<Row> data, String name) {
    for (StructField f : data.schema().fields()) {
      if (f.name().equals(name)) {
        return f;
      }
    }
    throw RuntimeErrors.columnNotFound("transform features", name, List.of(data.schema().fieldNames()));
  }

  @Override
  public void save(Path dir) {
    ModelFolder.create(dir, KIND);
    ObjectNode node = ModelFolder.object();
    ArrayNode list = node.putArray("features");
    features.forEach(f -> list.add(f.toJson()));
    ModelFolder.write(dir, FILE, node, KIND);
  }

  /** Reads a model written by {@link #save}; needs no SparkSession. */
  public static FeaturesExtractorModel load(Path dir) {
    ModelFolder.expect(dir, KIND);
    JsonNode node = ModelFolder.read(dir, FILE, KIND);
    List<FittedFeature> features = new ArrayList<>();
    for (JsonNode f : ModelFolder.required(node, "features", dir, KIND)) {
      features.add(FittedFeature.fromJson(f));
    }
    return new FeaturesExtractorModel(features);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof FeaturesExtractorModel m && features.equals(m.features);
  }

  @Override
  public int hashCode() {
    return features.hashCode();
  }
}
