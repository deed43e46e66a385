package io.vigil.runtime.progress;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.SparkContext;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Feeds a {@link Progress} from Spark's own listener events while some work runs: the tasks of the
 * running stages that finished, and the rows that finished tasks read and wrote. Watch a piece of
 * work in a try-with-resources block; closing stops the watch.
 */
public final class SparkProgress implements AutoCloseable {
  private final SparkContext context;
  private final Listener listener;

  private SparkProgress(SparkContext context, Listener listener) {
    this.context = context;
    this.listener = listener;
  }

  /** Starts reporting the jobs {@code spark} runs to {@code progress}. */
  public static SparkProgress watch(SparkSession spark, Progress progress) {
    Listener listener = new Listener(progress);
    if (progress != Progress.NONE) {
      spark.sparkContext().addSparkListener(listener);
    }
    return new SparkProgress(spark.sparkContext(), listener);
  }

  /** Rows that the watched tasks wrote so far. */
  public long rowsWritten() {
    return listener.written.get();
  }

  @Override
  public void close() {
    context.removeSparkListener(listener);
  }

  private static final class Listener extends SparkListener {
    private final Progress progress;
    private final Map<Integer, int[]> stages = new HashMap<>();
    private final AtomicLong read = new AtomicLong();
    private final AtomicLong written = new AtomicLong();

    Listener(Progress progress) {
      this.progress = progress;
    }

    @Override
    public synchronized void onStageSubmitted(SparkListenerStageSubmitted event) {
      stages.put(event.stageInfo().stageId(), new int[] {0, event.stageInfo().numTasks()});
      report();
    }

    @Override
    public synchronized void onStageCompleted(SparkListenerStageCompleted event) {
      stages.remove(event.stageInfo().stageId());
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd event) {
      int[] stage = stages.get(event.stageId());
      if (stage != null && event.taskInfo().successful()) {
        stage[0]++;
      }
      TaskMetrics metrics = event.taskMetrics();
      if (metrics != null) {
        read.addAndGet(metrics.inputMetrics().recordsRead());
        written.addAndGet(metrics.outputMetrics().recordsWritten());
      }
      report();
    }

    private void report() {
      long done = 0;
      long total = 0;
      for (int[] s : stages.values()) {
        done += s[0];
        total += s[1];
      }
      if (total > 0) {
        progress.advance("tasks", done, total);
      }
      if (read.get() > 0) {
        progress.advance("rows read", read.get(), -1);
      }
      if (written.get() > 0) {
        progress.advance("rows written", written.get(), -1);
      }
    }
  }
}
