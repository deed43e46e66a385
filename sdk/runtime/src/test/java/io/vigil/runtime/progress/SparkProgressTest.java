package io.vigil.runtime.progress;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.runtime.testing.TestSpark;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Progress comes from Spark's listener events: the tasks that really finished and the rows really written. */
class SparkProgressTest {
  private static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = TestSpark.start();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @Test
  void reportsFinishedTasksAndWrittenRows(@TempDir Path dir) throws Exception {
    Recording progress = new Recording();
    try (SparkProgress watch = SparkProgress.watch(spark, progress)) {
      spark.range(0, 10_000, 1, 4).write().parquet(dir.resolve("out").toString());
      spark.sparkContext().listenerBus().waitUntilEmpty();
      assertThat(watch.rowsWritten()).isEqualTo(10_000);
    }
    assertThat(progress.lines).anyMatch(l -> l.equals("tasks 4/4"));
    assertThat(progress.lines).anyMatch(l -> l.equals("rows written 10000/-1"));
    int seen = progress.lines.size();
    spark.range(0, 10, 1, 2).count();
    spark.sparkContext().listenerBus().waitUntilEmpty();
    assertThat(progress.lines).as("nothing is reported once the watch is closed").hasSize(seen);
  }

  private static final class Recording implements Progress {
    final List<String> lines = new ArrayList<>();

    @Override
    public synchronized void stage(String name) {
      lines.add("stage " + name);
    }

    @Override
    public synchronized void advance(String unit, long done, long total) {
      lines.add(unit + " " + done + "/" + total);
    }

    @Override
    public synchronized void done(String summary) {
      lines.add("done " + summary);
    }
  }
}
