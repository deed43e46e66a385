package io.vigil.runtime.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.runtime.testing.TestSpark;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class TrainingDataTest {
  static SparkSession spark;
  static Dataset<Row> df;

  @BeforeAll
  static void data() {
    spark = TestSpark.start();
    StructType schema = new StructType().add("occurred_on", DataTypes.DateType).add("amount", DataTypes.DoubleType);
    df = spark.createDataFrame(List.of(RowFactory.create(Date.valueOf("1995-03-01"), 1.0),
        RowFactory.create(Date.valueOf("1995-01-31"), 2.0), RowFactory.create(null, 3.0)), schema);
  }

  @Test
  void theRowCountAndTheRangeOfAColumnComeFromOneAggregation() {
    assertThat(TrainingData.of(df, "occurred_on")).isEqualTo(new TrainingData(3, "occurred_on", "1995-01-31", "1995-03-01"));
    assertThat(TrainingData.of(df, null)).isEqualTo(TrainingData.rows(3));
    assertThat(TrainingData.of(df.limit(0), "occurred_on")).isEqualTo(new TrainingData(0, "occurred_on", null, null));
    assertThatThrownBy(() -> TrainingData.of(df, "job_ts")).isInstanceOf(VigilException.class)
        .hasMessage("Cannot record the training data: it has no column job_ts (columns: occurred_on, amount)");
  }
}
