package io.vigil.cli.dev;

import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.cli.realtime.Serving;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.progress.Progress;
import io.vigil.runtime.realtime.RealtimeOptions;
import io.vigil.runtime.realtime.RealtimeServer;
import io.vigil.runtime.realtime.client.RealtimeAnswer;
import io.vigil.runtime.realtime.client.RealtimeClient;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The demo's real-time part: {@code vigil serve}'s server started on the demo's solution as the command
 * starts it, transactions sent one at a time through {@link RealtimeClient}, and the latency the client saw.
 */
final class DemoRealtime {
  /** What the client saw. Latencies are the client's, from request to parsed answer, over loopback. */
  record Result(URI uri, int sent, int answered, int matches, int alerts, double p50Millis, double p99Millis, List<String> failures) {}

  private DemoRealtime() {}

  /**
   * Serves {@code solution}'s real-time flows on a free loopback port, sends {@code records} to {@code flow}
   * one after the other, sends the alerts waiting in the outbox, and stops the server (draining it).
   */
  static Result run(Path solution, String solutionName, String secret, String flow, List<Map<String, Object>> records) {
    RealtimeOptions options = RealtimeOptions.builder().port(0).workers(4).distributeEvery(Duration.ofHours(1)).build();
    try (JobContext context = WorkspaceOptions.open(solution, Environment.PUBLIC, "vigil-serve", Progress.NONE,
        LocalDateTime.now(ZoneOffset.UTC))) {
      RealtimeServer server = Serving.start(context, options);
      try {
        RealtimeClient client = RealtimeClient.builder(server.uri(), solutionName, secret).build();
        long[] nanos = new long[records.size()];
        int answered = 0;
        int matches = 0;
        int alerts = 0;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < records.size(); i++) {
          long t0 = System.nanoTime();
          RealtimeAnswer answer = client.evaluate(flow, records.get(i));
          nanos[i] = System.nanoTime() - t0;
          if (answer.ok()) {
            answered++;
            matches += answer.match() ? 1 : 0;
            alerts += answer.alerts().size();
          } else if (failures.size() < 5) {
            failures.add(records.get(i).get("trans_id") + ": " + answer.status() + " " + answer.error());
          }
        }
        // The outbox's next round would send them; sending now lets the demo show them received.
        server.distributeNow();
        Arrays.sort(nanos);
        return new Result(server.uri(), records.size(), answered, matches, alerts, millis(nanos, 0.50), millis(nanos, 0.99),
            List.copyOf(failures));
      } finally {
        server.close();
      }
    }
  }

  /** The nearest-rank percentile of sorted durations, in milliseconds. */
  private static double millis(long[] sorted, double p) {
    int rank = (int) Math.ceil(p * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }

  /** The first {@code n} transactions of a Berka-like CSV as JSON records, their ids prefixed so they stand apart. */
  static List<Map<String, Object>> records(String csv, int n, String idPrefix) {
    List<String> lines = csv.lines().toList();
    String[] header = lines.get(0).split(";");
    List<Map<String, Object>> out = new ArrayList<>();
    for (String line : lines.subList(1, Math.min(lines.size(), n + 1))) {
      String[] values = line.split(";", -1);
      Map<String, Object> record = new LinkedHashMap<>();
      for (int i = 0; i < header.length; i++) {
        Object value = switch (header[i]) {
          case "amount", "balance" -> Double.parseDouble(values[i]);
          case "trans_id" -> idPrefix + values[i];
          default -> values[i];
        };
        record.put(header[i], value);
      }
      out.add(record);
    }
    return out;
  }
}
