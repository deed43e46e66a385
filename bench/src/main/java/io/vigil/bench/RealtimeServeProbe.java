package io.vigil.bench;

import io.vigil.runtime.JobContext;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.realtime.RealtimeOptions;
import io.vigil.runtime.realtime.RealtimeServer;
import io.vigil.runtime.realtime.RecordScorers;
import io.vigil.runtime.store.Secret;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.concurrent.CountDownLatch;

/**
 * The server of the real-time benchmark, in its own JVM: it attaches to the embedded stack that the
 * driver started under VIGIL_HOME and starts {@link RealtimeServer} the way {@code vigil serve} does
 * (public environment, {@link RecordScorers} over the context's registry, the command's defaults of 8
 * workers and a queue of 512), for the benchmark's solution built in code rather than compiled from a
 * directory. It prints {@code READY <port>} and serves until SIGTERM, then drains like the command.
 *
 * <pre>RealtimeServeProbe CASE_MANAGER_URL [WORKERS] [QUEUE]</pre> with VIGIL_HOME and
 * VIGIL_REALTIME_CLIENT_SECRET in the environment.
 */
public final class RealtimeServeProbe {
  private RealtimeServeProbe() {}

  public static void main(String[] args) throws Exception {
    String caseManager = args[0];
    int workers = args.length > 1 ? Integer.parseInt(args[1]) : 8;
    int queue = args.length > 2 ? Integer.parseInt(args[2]) : 512;
    String secret = System.getenv("VIGIL_REALTIME_CLIENT_SECRET");
    StoreSettings settings = StoreSettings.fromEnvironment(System.getenv());
    CountDownLatch stopped = new CountDownLatch(1);
    try (Stores stores = Stores.open(settings);
        JobContext context = JobContext.builder(RealtimeBenchSolution.catalog(caseManager)).settings(stores.settings())
            .models(LocalModelRegistry.under(stores.settings().home())).environment(Environment.PUBLIC)
            .executionDate(LocalDateTime.now(ZoneOffset.UTC)).writer("vigil-serve").open()) {
      if (stores.embedded() != null) {
        throw new IllegalStateException("Cannot serve the benchmark: no stack is running under " + settings.home());
      }
      RealtimeOptions options = RealtimeOptions.builder().port(0).workers(workers).queueCapacity(queue)
          .distributeEvery(Duration.ofSeconds(5)).build();
      RealtimeServer server = RealtimeServer.start(context, options, Secret.of(secret), flow -> RecordScorers.of(context, flow));
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "bench-serve-shutdown"));
      System.out.println("READY " + server.uri().getPort());
      System.out.flush();
      stopped.await();
    }
  }
}
