package io.vigil.runtime.testing;

import io.vigil.runtime.spark.SparkSessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/** One local Spark session with Delta for a test class. */
public final class TestSpark {
  private TestSpark() {}

  public static SparkSession start() {
    Map<String, String> conf = SparkSessions.merge(SparkSessions.defaults("local[2]"),
        Map.of("spark.sql.shuffle.partitions", "2", "spark.default.parallelism", "2"));
    return SparkSessions.getOrCreate(conf);
  }
}
