package io.vigil.runtime.realtime;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.IntSupplier;

/**
 * What {@code GET /metrics} shows, in Prometheus' text format: requests by endpoint and status,
 * their latency, the matches and alerts of each flow, the REST records ingested per connector, the
 * requests refused and why, and the queue.
 */
final class RealtimeMetrics {
  /** Latency buckets in seconds: fine below 25 ms, where the goal lies. */
  private static final double[] BUCKETS = {0.001, 0.002, 0.005, 0.01, 0.015, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests;
  private final Histogram latency;
  private final Counter matches;
  private final Counter alerts;
  private final Counter rejected;
  private final Counter ingested;

  RealtimeMetrics(IntSupplier queueDepth, IntSupplier inFlight) {
    requests = Counter.builder().name("vigil_realtime_requests").help("Requests answered, by endpoint and HTTP status")
        .labelNames("endpoint", "status").register(registry);
    latency = Histogram.builder().name("vigil_realtime_request_duration_seconds")
        .help("Time from a request's arrival to its answer, by endpoint").labelNames("endpoint").classicOnly()
        .classicUpperBounds(BUCKETS).register(registry);
    matches = Counter.builder().name("vigil_realtime_matches").help("Evaluated records that raised an unsuppressed alert")
        .labelNames("flow").register(registry);
    alerts = Counter.builder().name("vigil_realtime_alerts").help("Alerts raised, suppressed ones included").labelNames("flow")
        .register(registry);
    rejected = Counter.builder().name("vigil_realtime_rejected").help("Requests refused, by reason")
        .labelNames("reason").register(registry);
    ingested = Counter.builder().name("vigil_realtime_ingested_records").help("REST records accepted into a connector's buffer")
        .labelNames("connector").register(registry);
    GaugeWithCallback.builder().name("vigil_realtime_queue_depth").help("Requests waiting for a worker")
        .callback(cb -> cb.call(queueDepth.getAsInt())).register(registry);
    GaugeWithCallback.builder().name("vigil_realtime_in_flight").help("Requests being evaluated")
        .callback(cb -> cb.call(inFlight.getAsInt())).register(registry);
  }

  void answered(String endpoint, int status, long startNanos) {
    requests.labelValues(endpoint, Integer.toString(status)).inc();
    latency.labelValues(endpoint).observe((System.nanoTime() - startNanos) / 1e9);
  }

  void decided(String flow, boolean match, int alertCount) {
    if (match) {
      matches.labelValues(flow).inc();
    }
    if (alertCount > 0) {
      alerts.labelValues(flow).inc(alertCount);
    }
  }

  void ingested(String connector, int records) {
    ingested.labelValues(connector).inc(records);
  }

  void rejected(String reason) {
    rejected.labelValues(reason).inc();
  }

  byte[] scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  static String contentType() {
    return PrometheusTextFormatWriter.CONTENT_TYPE;
  }
}
