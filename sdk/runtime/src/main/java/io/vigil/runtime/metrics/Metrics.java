package io.vigil.runtime.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The operational metrics of one job run (S1 §18): rows written, rejected and published per
 * dataset as {@code <dataset>-written_rows} etc., plus whatever the job logs. Thread-safe.
 */
public final class Metrics {
  private final Map<String, Double> values = new LinkedHashMap<>();

  /** Sets a metric (the last value wins, as with MLflow's log_metric). */
  public synchronized void log(String name, double value) {
    values.put(name, value);
  }

  /** Adds to a counter metric. */
  public synchronized void add(String name, double delta) {
    values.merge(name, delta, Double::sum);
  }

  public synchronized Map<String, Double> snapshot() {
    return Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }
}
