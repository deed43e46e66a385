package io.vigil.runtime.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operational metrics of one job run (S1 §18): rows written, rejected and published per
 * dataset as {@code <dataset>-written_rows} etc., plus whatever the job logs, and the files (PNG
 * charts, say) that go with them into the run's MLflow artifacts. Thread-safe.
 */
public final class Metrics {
  private final Map<String, Double> values = new LinkedHashMap<>();
  private final Map<String, byte[]> attachments = new LinkedHashMap<>();

  /** Sets a metric (the last value wins, as with MLflow's log_metric). */
  public synchronized void log(String name, double value) {
    values.put(name, value);
  }

  /** Adds to a counter metric. */
  public synchronized void add(String name, double delta) {
    values.merge(name, delta, Double::sum);
  }

  /**
   * Keeps a file for the run's artifacts (the last one of a path wins). The bytes are kept, not a path:
   * the run is reported after the job's temporary files are gone.
   *
   * @param artifactPath relative, {@code /}-separated, e.g. {@code drift/algo/amount.png}
   */
  public synchronized void attach(String artifactPath, byte[] content) {
    if (artifactPath.isBlank() || artifactPath.startsWith("/") || artifactPath.contains("..") || artifactPath.contains("\\")) {
      throw new IllegalArgumentException("An attachment's path must be relative and inside the run: " + artifactPath);
    }
    attachments.put(artifactPath, content.clone());
  }

  /** The attached files by artifact path, in the order attached. */
  public synchronized Map<String, byte[]> attachments() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(attachments));
  }

  public synchronized Map<String, Double> snapshot() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
