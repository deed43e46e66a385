package io.vigil.cli.realtime;

import io.vigil.api.time.TimeText;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.decisioning.CallbackDrain;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.progress.Progress;
import io.vigil.runtime.realtime.RealtimeOptions;
import io.vigil.runtime.realtime.RealtimeServer;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/** {@code vigil serve}: the real-time endpoints of a solution's flows. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the real-time flows of a solution (flows with realtime) from the public environment: POST /auth for a",
      "token, POST /evaluate/v1/{solution}/{flow} to evaluate one record, GET /health and GET /metrics. Each answered",
      "record is stored with its decision and alerts before the answer; waiting alerts go to the flows' targets, and",
      "closed alerts' callbacks left in the outboxes (see vigil alerts close) to the flows' callback targets.",
      "POST /ingest/v1/{solution}/{connector} takes REST records for the connectors with rest_config.enable, behind the",
      "same token.",
      "Runs until SIGTERM or Ctrl-C, then drains the requests in flight. The client secret comes from",
      "realtime_client_secret in solution.yaml, else VIGIL_REALTIME_CLIENT_SECRET."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:stopped", "1:internal error, or the port could not be bound", "2:invalid command line",
        "3:invalid solution, no real-time flow, a flow that cannot be served, or no client secret"})
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
  Path solution;

  @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "<address>", description = "Address to bind (default: ${DEFAULT-VALUE}).")
  String host;

  @Option(names = "--port", defaultValue = "8490", paramLabel = "<port>", description = "Port; 0 for a free one (default: ${DEFAULT-VALUE}).")
  int port;

  @Option(names = "--workers", defaultValue = "8", paramLabel = "<n>",
      description = "Threads that evaluate requests, and Postgres connections (default: ${DEFAULT-VALUE}).")
  int workers;

  @Option(names = "--queue", defaultValue = "512", paramLabel = "<n>",
      description = "Requests that may wait for a worker; past it the answer is 503 (default: ${DEFAULT-VALUE}).")
  int queue;

  @Option(names = "--max-body", defaultValue = "65536", paramLabel = "<bytes>",
      description = "The largest request body; larger ones get 413 (default: ${DEFAULT-VALUE}).")
  int maxBody;

  @Option(names = "--token-ttl", defaultValue = "PT1H", paramLabel = "<duration>", description = "How long a token lives (default: ${DEFAULT-VALUE}).")
  String tokenTtl;

  @Option(names = "--distribute-every", defaultValue = "PT5S", paramLabel = "<duration>",
      description = "How often waiting alerts are sent to the flows' targets (default: ${DEFAULT-VALUE}).")
  String distributeEvery;

  @Option(names = "--callbacks-every", defaultValue = "PT10S", paramLabel = "<duration>",
      description = "How often closures left in the flows' callback outboxes are called back (default: ${DEFAULT-VALUE}).")
  String callbacksEvery;

  @Override
  public Integer call() throws Exception {
    RealtimeOptions options = RealtimeOptions.builder().host(host).port(port).workers(workers).queueCapacity(queue)
        .maxBodyBytes(maxBody).tokenTtl(duration("--token-ttl", tokenTtl)).distributeEvery(duration("--distribute-every", distributeEvery)).build();
    Duration callbacks = duration("--callbacks-every", callbacksEvery);
    if (callbacks.isNegative() || callbacks.isZero()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--callbacks-every': '"
          + callbacksEvery + "' is not positive");
    }
    PrintWriter out = spec.commandLine().getOut();
    CountDownLatch stopped = new CountDownLatch(1);
    try (JobContext context = WorkspaceOptions.open(solution, Environment.PUBLIC, "vigil-serve", Progress.NONE,
        LocalDateTime.now(ZoneOffset.UTC)); CallbackDrain drain = CallbackDrain.every(context, callbacks)) {
      RealtimeServer server = Serving.start(context, options);
      Thread hook = new Thread(() -> {
        server.close();
        stopped.countDown();
      }, "vigil-serve-shutdown");
      Runtime.getRuntime().addShutdownHook(hook);
      out.println("Serving flows " + server.flows() + " of solution " + context.catalog().solution() + " on " + server.uri());
      out.println("  POST " + server.uri() + "/auth, POST " + server.uri() + "/evaluate/v1/" + context.catalog().solution()
          + "/{flow}, GET /health, GET /metrics. Stop with Ctrl-C or SIGTERM.");
      out.flush();
      stopped.await();
    }
    return ExitCodes.OK;
  }

  private Duration duration(String option, String text) {
    try {
      return TimeText.duration(text);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': '" + text
          + "' is not a duration (PT5S, 5s, 10m, 1h)");
    }
  }
}
