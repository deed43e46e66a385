package io.vigil.runtime.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which of Spark's real analysis errors count as bad code (not retried) and which as data not landed yet. */
class AnalysisErrorsTest {
  static SparkSession spark;

  @TempDir static Path dir;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
  }

  @Test
  void anUnresolvedColumnIsBadCodeWithoutItsPlan() {
    Throwable e = catchThrowable(() -> spark.range(3).toDF("n").selectExpr("amount + 1").collect());
    Throwable found = AnalysisErrors.find(new RuntimeException("cell failed", e));
    assertThat(found).isSameAs(e);
    assertThat(AnalysisErrors.errorClass(found)).isEqualTo("UNRESOLVED_COLUMN.WITH_SUGGESTION");
    assertThat(AnalysisErrors.withoutPlan(found.getMessage())).contains("amount").doesNotContain("\n");
  }

  @Test
  void aPathOrDeltaTableThatDoesNotExistYetIsLeftToTheRetries() {
    Throwable path = catchThrowable(() -> spark.read().parquet(dir.resolve("not-landed").toString()));
    assertThat(AnalysisErrors.errorClass(path)).isEqualTo("PATH_NOT_FOUND");
    assertThat(AnalysisErrors.find(path)).isNull();
    Throwable delta = catchThrowable(() -> spark.read().format("delta").load(dir.resolve("no-table").toString()).collect());
    assertThat(delta).isNotNull();
    assertThat(AnalysisErrors.find(delta)).as(AnalysisErrors.errorClass(delta)).isNull();
  }
}
