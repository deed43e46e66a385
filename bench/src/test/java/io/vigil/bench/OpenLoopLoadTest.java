package io.vigil.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load generator against a real HTTP receiver on loopback (the JDK's server, not our code). */
class OpenLoopLoadTest {
  private HttpServer server;
  private final AtomicInteger received = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    // Every 10th request is refused with 503, every 25th stalls 300 ms, the rest answer 200.
    server.createContext("/r", exchange -> {
      int n = Integer.parseInt(exchange.getRequestURI().getQuery());
      received.incrementAndGet();
      if (n % 25 == 24) {
        sleep(300);
      }
      exchange.sendResponseHeaders(n % 10 == 9 ? 503 : 200, -1);
      exchange.close();
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void sendsOnScheduleCountsStatusesAndMeasuresStallsFromTheScheduledTime() {
    OpenLoopLoad load = new OpenLoopLoad(HttpClient.newHttpClient(), Duration.ofSeconds(5));
    URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/r?");

    OpenLoopLoad.Result result = load.run(new OpenLoopSchedule(100, 2),
        n -> HttpRequest.newBuilder(URI.create(base + Long.toString(n))).GET().build());

    assertThat(result.sent()).isEqualTo(200);
    assertThat(received.get()).isEqualTo(200);
    assertThat(result.ok()).isEqualTo(180);
    assertThat(result.status503()).isEqualTo(20);
    assertThat(result.answered()).isEqualTo(200);
    assertThat(result.otherErrors()).isZero();
    assertThat(result.failures()).isZero();
    assertThat(result.errorRate()).isEqualTo(0.1);
    assertThat(result.rate503()).isEqualTo(0.1);
    // 8 of 200 requests (4 %) stall 300 ms: the p99 and max see them, the median does not.
    assertThat(result.p50Millis()).isLessThan(100);
    assertThat(result.p99Millis()).isGreaterThanOrEqualTo(300);
    assertThat(result.maxMillis()).isGreaterThanOrEqualTo(300);
    // Open loop: the stalls did not hold the schedule back, the phase still took about 2 s.
    assertThat(result.wallSeconds()).isBetween(1.9, 3.0);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
