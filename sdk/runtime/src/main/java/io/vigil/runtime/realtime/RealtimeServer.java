package io.vigil.runtime.realtime;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import io.undertow.util.SameThreadExecutor;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.decisioning.Distribution;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.histogram.PublishedHistograms;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.rest.RestIngestion;
import io.vigil.runtime.store.Postgres;
import io.vigil.runtime.store.Secret;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code vigil serve}: the real-time endpoints of a solution's flows with {@code realtime} (S1 §10),
 * on Undertow.
 *
 * <ul>
 *   <li>{@code POST /auth} with {@code {"clientId": "platform-ingestion-<solution>", "clientSecret": …}}
 *       answers {@code {"result": {"token": …, "expires_in": …}}}, or 401.
 *   <li>{@code POST /evaluate/v1/<solution>/<flow>} with a bearer token and one JSON record: 200 with
 *       {@code match}, the alerts, the score and the top features, once the record, its evaluated
 *       activity, its decision and its alerts are committed to Postgres. 400 with a reason per field
 *       for a record that does not fit the connector's schema, 401 without a valid token, 404 for an
 *       unknown flow, 413 for a body over the limit, 503 with {@code Retry-After} when the queue is
 *       full or the server is stopping.
 *   <li>{@code POST /ingest/v1/<solution>/<connector>}, when started with a {@link RestIngestion}: the
 *       REST ingestion of the solution's REST-enabled connectors, with the answers of
 *       {@link io.vigil.runtime.rest.RestIngestServer} (202, 400 per field, 413, 404), behind the same
 *       bearer token (401 without one). Bodies are buffered by the workers, so a full queue gives 503.
 *   <li>{@code GET /health} and {@code GET /metrics} (Prometheus text).
 * </ul>
 *
 * Requests are evaluated by a fixed set of workers fed by a bounded queue; what does not fit is
 * refused at once, so that an overload never grows the latency of what is accepted. The alerts
 * table is the outbox of distribution: a background task sends what is waiting to each flow's
 * {@code distribution_target_identifier}. {@link #close} stops taking requests, lets those in
 * flight finish, and closes the pool.
 */
public final class RealtimeServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RealtimeServer.class);
  private static final String EVALUATE = "/evaluate/v1/";
  private static final String INGEST = "/ingest/v1/";
  private static final LocalDateTime EPOCH = LocalDateTime.of(1970, 1, 1, 0, 0);
  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
          // Untrusted input: bound what one document may make the parser build.
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(32).maxNumberLength(100).maxStringLength(100_000).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .build();

  private final RunContext context;
  private final RealtimeOptions options;
  private final Clock clock;
  private final String solution;
  private final Map<String, RealtimeFlow> flows = new LinkedHashMap<>();
  private final TokenAuthority tokens;
  private final HikariDataSource pool;
  private final ThreadPoolExecutor workers;
  private final ScheduledExecutorService outbox;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final RealtimeMetrics metrics;
  private final GracefulShutdownHandler shutdown;
  private final Undertow undertow;
  /** The REST ingestion served under {@value #INGEST}, or null. */
  private final RestIngestion ingestion;
  private volatile boolean closing;

  private RealtimeServer(RunContext context, RealtimeOptions options, Secret clientSecret, Function<String, RecordScorer> scorers,
      RestIngestion ingestion, Clock clock) {
    this.context = context;
    this.ingestion = ingestion;
    this.options = options;
    this.clock = clock;
    this.solution = context.catalog().solution();
    String schema = context.layout().cddSchema(Environment.PUBLIC);
    for (EvaluationFlow f : context.catalog().all(io.vigil.api.entity.EntityKind.EVALUATION_FLOW, EvaluationFlow.class)) {
      if (f.realtime() != null) {
        flows.put(f.identifier(), RealtimeFlow.of(context.catalog(), schema, f, scorers.apply(f.identifier()),
            context.stores().postgres().withConnection(c -> PublishedHistograms.load(c, schema, f.identifier()))));
      }
    }
    if (flows.isEmpty()) {
      throw RuntimeErrors.realtimeNothingToServe(solution);
    }
    this.tokens = new TokenAuthority(solution, clientSecret, options.tokenTtl(), clock);
    this.pool = pool(context.stores().postgres(), flows.values().iterator().next().decision().searchPathStatement(), options);
    this.workers = new ThreadPoolExecutor(options.workers(), options.workers(), 0, TimeUnit.MILLISECONDS,
        new ArrayBlockingQueue<>(options.queueCapacity()), daemon("vigil-realtime-worker"), new ThreadPoolExecutor.AbortPolicy());
    // One server-wide entity limit, the larger of the two; each endpoint checks its own.
    long maxEntity = Math.max(options.maxBodyBytes(), ingestion == null ? 0 : ingestion.options().maxBodyBytes());
    this.metrics = new RealtimeMetrics(() -> workers.getQueue().size(), inFlight::get);
    this.outbox = Executors.newSingleThreadScheduledExecutor(daemon("vigil-realtime-outbox"));
    this.shutdown = Handlers.gracefulShutdown(this::route);
    Undertow built = Undertow.builder()
        .addHttpListener(options.port(), options.host())
        // Undertow's own threads only read and write; evaluation runs on the bounded workers.
        .setIoThreads(Math.max(2, Runtime.getRuntime().availableProcessors()))
        .setWorkerThreads(2)
        .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, maxEntity)
        .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
        .setHandler(shutdown)
        .build();
    try {
      built.start();
    } catch (RuntimeException e) {
      pool.close();
      workers.shutdownNow();
      outbox.shutdownNow();
      throw RuntimeErrors.realtimeServerUnstartable(solution, options.host() + ":" + options.port(), e);
    }
    this.undertow = built;
    long every = options.distributeEvery().toMillis();
    outbox.scheduleWithFixedDelay(this::distribute, every, every, TimeUnit.MILLISECONDS);
    LOG.info("Real-time evaluation of solution {} listening on {} for flows {}", solution, uri(), flows.keySet());
  }

  /**
   * Starts serving the real-time flows of {@code context}'s solution from its public environment.
   *
   * @param scorers the in-JVM scorer of each flow, by flow identifier
   * @throws io.vigil.api.VigilException when no flow has realtime, a flow cannot be served, or the
   *     port cannot be bound
   */
  public static RealtimeServer start(RunContext context, RealtimeOptions options, Secret clientSecret,
      Function<String, RecordScorer> scorers) {
    return new RealtimeServer(context, options, clientSecret, scorers, null, Clock.systemUTC());
  }

  /**
   * {@link #start(RunContext, RealtimeOptions, Secret, Function)}, also serving {@code ingestion}'s REST
   * endpoints behind the same token. The server owns {@code ingestion} from then on and closes it last.
   */
  public static RealtimeServer start(RunContext context, RealtimeOptions options, Secret clientSecret,
      Function<String, RecordScorer> scorers, RestIngestion ingestion) {
    return new RealtimeServer(context, options, clientSecret, scorers, ingestion, Clock.systemUTC());
  }

  /** The server's base address, e.g. {@code http://127.0.0.1:8490}. */
  public URI uri() {
    InetSocketAddress address = (InetSocketAddress) undertow.getListenerInfo().get(0).getAddress();
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return URI.create("http://" + host + ":" + address.getPort());
  }

  /** The flows served. */
  public List<String> flows() {
    return List.copyOf(flows.keySet());
  }

  /** Sends every flow's waiting alerts to its target now, as the background task does. */
  public void distributeNow() {
    for (RealtimeFlow f : flows.values()) {
      String target = f.flow().realtime().distributionTargetIdentifier();
      Distribution.distributeAlertedActivities(context, f.id(), target, EPOCH, now().plusDays(1), false,
          Distribution.DEFAULT_BATCH_SIZE, Distribution.DEFAULT_PARALLELISM);
    }
  }

  private void distribute() {
    if (closing) {
      return;
    }
    try {
      distributeNow();
    } catch (RuntimeException e) {
      // The alerts stay waiting in their table; the next round sends them.
      LOG.warn("Real-time distribution: {}", e instanceof io.vigil.api.VigilException v ? v.idAndMessage() : e.getMessage());
    }
  }

  private void route(HttpServerExchange ex) {
    long start = System.nanoTime();
    String path = ex.getRequestPath();
    String method = ex.getRequestMethod().toString();
    if (path.equals("/health")) {
      Map<String, Object> status = new LinkedHashMap<>();
      status.put("status", closing ? "stopping" : "ok");
      status.put("solution", solution);
      status.put("flows", flows.keySet());
      status.put("queue", workers.getQueue().size());
      if (ingestion != null) {
        status.put("connectors", ingestion.status());
      }
      send(ex, "health", closing ? 503 : 200, status, start);
    } else if (path.equals("/metrics")) {
      ex.getResponseHeaders().put(Headers.CONTENT_TYPE, RealtimeMetrics.contentType());
      ex.getResponseSender().send(ByteBuffer.wrap(metrics.scrape()));
    } else if (path.equals("/auth")) {
      if (!method.equals("POST")) {
        send(ex, "auth", 405, error("use POST"), start);
        return;
      }
      receive(ex, "auth", options.maxBodyBytes(), start, body -> authenticate(ex, body, start));
    } else if (path.startsWith(EVALUATE)) {
      evaluateRoute(ex, path.substring(EVALUATE.length()), method, start);
    } else if (path.startsWith(INGEST) && ingestion != null) {
      ingestRoute(ex, path.substring(INGEST.length()), method, start);
    } else {
      send(ex, "other", 404, error("no such endpoint; POST " + EVALUATE + "{solution}/{flow}, POST /auth, GET /health or /metrics"),
          start);
    }
  }

  private void evaluateRoute(HttpServerExchange ex, String rest, String method, long start) {
    if (!tokens.accepts(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
      metrics.rejected("unauthorized");
      ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
      send(ex, "evaluate", 401, error("a valid bearer token is required; POST /auth first"), start);
      return;
    }
    String[] parts = rest.split("/", -1);
    RealtimeFlow flow = parts.length == 2 && parts[0].equals(solution) ? flows.get(parts[1]) : null;
    if (flow == null) {
      send(ex, "evaluate", 404, error(parts.length == 2 && !parts[0].equals(solution) ? "unknown solution; this server serves "
          + solution : "unknown flow; the real-time flows are " + flows.keySet()), start);
      return;
    }
    if (!method.equals("POST")) {
      send(ex, "evaluate", 405, error("use POST"), start);
      return;
    }
    if (closing) {
      overloaded(ex, "evaluate", "stopping", start);
      return;
    }
    receive(ex, "evaluate", options.maxBodyBytes(), start, body -> {
      try {
        workers.execute(() -> evaluate(ex, flow, body, start));
      } catch (RejectedExecutionException e) {
        overloaded(ex, "evaluate", closing ? "stopping" : "queue_full", start);
      }
    });
  }

  /** REST ingestion: the same token as /evaluate, then the standalone server's answers. */
  private void ingestRoute(HttpServerExchange ex, String rest, String method, long start) {
    if (!tokens.accepts(ex.getRequestHeaders().getFirst(Headers.AUTHORIZATION))) {
      metrics.rejected("unauthorized");
      ex.getResponseHeaders().put(Headers.WWW_AUTHENTICATE, "Bearer");
      send(ex, "ingest", 401, error("a valid bearer token is required; POST /auth first"), start);
      return;
    }
    String[] parts = rest.split("/", -1);
    if (parts.length != 2 || !parts[0].equals(solution)) {
      send(ex, "ingest", 404, error(parts.length == 2 ? "unknown solution; this server serves " + solution
          : "no such endpoint; POST " + INGEST + "{solution}/{connector}"), start);
      return;
    }
    String connector = parts[1];
    if (!ingestion.connectors().contains(connector)) {
      RestIngestion.Reply unknown = ingestion.unknownConnector(connector);
      send(ex, "ingest", unknown.status(), unknown.body(), start);
      return;
    }
    if (!method.equals("POST")) {
      send(ex, "ingest", 405, error("use POST"), start);
      return;
    }
    String encoding = ex.getRequestHeaders().getFirst(Headers.CONTENT_ENCODING);
    if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
      send(ex, "ingest", 415, error("Content-Encoding " + (encoding.length() > 20 ? "given" : encoding) + " is not supported"), start);
      return;
    }
    if (closing) {
      overloaded(ex, "ingest", "stopping", start);
      return;
    }
    receive(ex, "ingest", ingestion.options().maxBodyBytes(), start, body -> {
      try {
        // Buffering writes and syncs a file: on a worker, never on the I/O thread.
        workers.execute(() -> ingest(ex, connector, body, start));
      } catch (RejectedExecutionException e) {
        overloaded(ex, "ingest", closing ? "stopping" : "queue_full", start);
      }
    });
  }

  private void ingest(HttpServerExchange ex, String connector, byte[] body, long start) {
    inFlight.incrementAndGet();
    try {
      RestIngestion.Reply reply = ingestion.ingest(connector, body);
      if (reply.reason() == null) {
        metrics.ingested(connector, reply.accepted());
      } else {
        metrics.rejected(reply.reason());
      }
      send(ex, "ingest", reply.status(), reply.body(), start);
    } catch (RuntimeException e) {
      LOG.error("REST ingestion into connector {} failed: {}", connector, e.getMessage(), e);
      send(ex, "ingest", 500, error("internal error; nothing was accepted"), start);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void evaluate(HttpServerExchange ex, RealtimeFlow flow, byte[] body, long start) {
    inFlight.incrementAndGet();
    try {
      JsonNode record;
      try {
        record = JSON.readTree(body);
      } catch (JsonProcessingException e) {
        metrics.rejected("malformed");
        var at = e.getLocation();
        send(ex, "evaluate", 400, error("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column "
            + at.getColumnNr()) + (e.getOriginalMessage() != null && e.getOriginalMessage().contains("constraint")
            ? " (it exceeds the parser's limits)" : "")), start);
        return;
      }
      if (record == null || !record.isObject()) {
        metrics.rejected("malformed");
        send(ex, "evaluate", 400, error("expected one JSON object"), start);
        return;
      }
      RealtimeFlow.Answer answer = flow.evaluate(pool, record, now());
      if (answer.status() == 200) {
        metrics.decided(flow.id(), answer.match(), answer.alerts());
      } else {
        metrics.rejected("invalid");
      }
      send(ex, "evaluate", answer.status(), answer.body(), start);
    } catch (Exception e) {
      LOG.error("Real-time evaluation of flow {} failed: {}", flow.id(), e.getMessage(), e);
      send(ex, "evaluate", 500, error("internal error; nothing was stored"), start);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private void authenticate(HttpServerExchange ex, byte[] body, long start) {
    String client = null;
    String secret = null;
    try {
      JsonNode json = JSON.readTree(body);
      if (json != null && json.isObject()) {
        client = json.path("clientId").isTextual() ? json.get("clientId").textValue() : null;
        secret = json.path("clientSecret").isTextual() ? json.get("clientSecret").textValue() : null;
      }
    } catch (java.io.IOException e) {
      send(ex, "auth", 400, error("expected {\"clientId\": …, \"clientSecret\": …}"), start);
      return;
    }
    var issued = tokens.issue(client, secret);
    if (issued.isEmpty()) {
      metrics.rejected("bad_credentials");
      send(ex, "auth", 401, error("invalid client credentials"), start);
      return;
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("token", issued.get().token());
    result.put("expires_in", issued.get().expiresInSeconds());
    send(ex, "auth", 200, Map.of("result", result), start);
  }

  /** Reads the whole body, refusing one over {@code limit}, then hands it on off the I/O thread's stack. */
  private void receive(HttpServerExchange ex, String endpoint, long limit, long start, java.util.function.Consumer<byte[]> then) {
    long declared = ex.getRequestContentLength();
    if (declared > limit) {
      tooLarge(ex, endpoint, limit, start);
      return;
    }
    ex.getRequestReceiver().receiveFullBytes(
        (e, bytes) -> {
          if (bytes.length > limit) {
            // A chunked body under the server-wide limit but over this endpoint's.
            tooLarge(e, endpoint, limit, start);
          } else {
            e.dispatch(SameThreadExecutor.INSTANCE, () -> then.accept(bytes));
          }
        },
        (e, failure) -> {
          if (e.isResponseStarted()) {
            e.endExchange();
          } else {
            tooLarge(e, endpoint, limit, start);
          }
        });
  }

  private void tooLarge(HttpServerExchange ex, String endpoint, long limit, long start) {
    metrics.rejected("too_large");
    ex.setPersistent(false);
    send(ex, endpoint, 413, error("the body exceeds the limit of " + limit + " bytes"), start);
  }

  private void overloaded(HttpServerExchange ex, String endpoint, String reason, long start) {
    metrics.rejected(reason);
    ex.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
    send(ex, endpoint, 503, error(reason.equals("stopping") ? "the server is stopping; retry on another instance"
        : "too many requests in flight; retry shortly"), start);
  }

  private void send(HttpServerExchange ex, String endpoint, int status, Object body, long start) {
    byte[] bytes;
    try {
      bytes = JSON.writeValueAsBytes(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    ex.setStatusCode(status);
    ex.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
    ex.getResponseSender().send(ByteBuffer.wrap(bytes));
    metrics.answered(endpoint, status, start);
  }

  private static Map<String, Object> error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    return m;
  }

  private LocalDateTime now() {
    // Millisecond precision: what Spark, Delta and the JSON answers all keep alike.
    return LocalDateTime.now(clock.withZone(ZoneOffset.UTC)).truncatedTo(ChronoUnit.MILLIS);
  }

  private static HikariDataSource pool(Postgres pg, String initSql, RealtimeOptions options) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(pg.url());
    Properties props = pg.jdbcProperties();
    config.setUsername(props.getProperty("user"));
    config.setPassword(props.getProperty("password"));
    config.setMaximumPoolSize(options.workers());
    config.setMinimumIdle(options.workers());
    config.setAutoCommit(false);
    config.setConnectionInitSql(initSql);
    config.setPoolName("vigil-realtime");
    config.addDataSourceProperty("reWriteBatchedInserts", "true");
    return new HikariDataSource(config);
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  /** Stops taking requests, waits for those in flight (up to the drain timeout), then closes the pool. */
  @Override
  public void close() {
    if (closing) {
      return;
    }
    closing = true;
    shutdown.shutdown();
    try {
      if (!shutdown.awaitShutdown(options.drainTimeout().toMillis())) {
        LOG.warn("Real-time evaluation: requests still in flight after {}", options.drainTimeout());
      }
      workers.shutdown();
      outbox.shutdown();
      workers.awaitTermination(options.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
      outbox.awaitTermination(options.drainTimeout().toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      undertow.stop();
      pool.close();
      if (ingestion != null) {
        // Last: no request is buffering any more. Buffered records stay on disk for the next server.
        ingestion.close();
      }
      LOG.info("Real-time evaluation of solution {} stopped", solution);
    }
  }
}
