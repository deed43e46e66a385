package io.vigil.runtime.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.api.VigilException;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.runtime.store.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST ingestion into flat-file connectors (S1 §4.2, §10.4): an HTTP endpoint that validates JSON
 * records against a connector's schema dataset, buffers them durably, and lands them as one file
 * in the connector's landing folder when {@code max_buffered_records} is reached or
 * {@code flush_interval_minutes} has passed since the oldest buffered record. The normal {@code
 * upload()} of the connector then takes the file like any other.
 *
 * <pre>{@code
 * try (RestIngestServer server = RestIngestServer.start(catalog, stores, RestIngestOptions.builder().port(8480).build())) {
 *   // POST http://127.0.0.1:8480/ingest/v1/<solution>/<connector>
 * }
 * }</pre>
 *
 * <h2>Endpoints</h2>
 * <ul>
 *   <li>{@code POST /ingest/v1/{solution}/{connector}} with a JSON object or an array of objects.
 *       Only flat-file connectors with {@code rest_config.enable} are served; others get 404.
 *       <ul>
 *         <li>Each record's keys are the schema dataset's fields, or for a {@code nested} connector
 *             the dotted {@code field_mapping} paths (fields without a mapping are top-level keys).
 *             Unknown keys are refused; absent fields are null.
 *         <li>Values must have the field's type: INT and LONG whole JSON numbers in range, DOUBLE a
 *             number, BOOLEAN {@code true}/{@code false}, STRING a string, TIMESTAMP a string in the
 *             field's {@code date_format} (ISO 8601 without one), JSON arrays for {@code array_indicator}.
 *         <li>202 {@code {"accepted": n, "buffered": m}}: the records are on disk and survive a crash.
 *         <li>400 {@code {"error": ..., "problems": [{"record", "field", "reason"}], "problem_count"}}:
 *             nothing of the request was kept. Also for a body that is not JSON.
 *         <li>413 when the body exceeds {@link RestIngestOptions#maxBodyBytes()} or holds more than
 *             {@link RestIngestOptions#maxRecordsPerRequest()} records; 503 when the buffer
 *             cannot be written (retry later).
 *       </ul>
 *   <li>{@code GET /health}: 200 with the records buffered per connector.
 * </ul>
 *
 * <h2>Guarantees</h2>
 * An acknowledged record is landed exactly once, across crashes and restarts on the same buffer
 * directory (see {@link ConnectorBuffer}); a request is all or nothing. One server at a time may
 * use a buffer directory. {@link #close()} flushes nothing: buffered records wait on disk for the
 * next server. This standalone server has no authentication: bind it to loopback (the default) behind
 * a gateway. {@code vigil serve} serves the same endpoints (the same {@link RestIngestion}) behind its
 * bearer-token auth.
 */
public final class RestIngestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestIngestServer.class);
  private static final String INGEST = "/ingest/v1/";
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private final RestIngestion ingestion;
  private final RestIngestOptions options;
  private final HttpServer http;
  private final ExecutorService httpThreads;
  private volatile boolean closed;

  private RestIngestServer(RestIngestion ingestion, RestIngestOptions options) throws IOException {
    this.ingestion = ingestion;
    this.options = options;
    this.http = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
    this.httpThreads = Executors.newFixedThreadPool(options.threads(), threads("vigil-rest-http"));
    http.setExecutor(httpThreads);
    http.createContext("/", this::handle);
    http.start();
    LOG.info("REST ingestion for solution {} listening on {} for connectors {}", ingestion.solution(), uri(), ingestion.connectors());
  }

  /**
   * Starts a server on the stores of a process: the solution's bucket and, unless the options name
   * one, the buffer {@code <VIGIL_HOME>/rest-buffer/<solution>}.
   *
   * @throws VigilException INVALID_METADATA when a REST-enabled connector cannot take records (its
   *     schema dataset is missing, a mapping names an unknown field, its files are Parquet);
   *     CONFLICT when another server uses the buffer
   */
  public static RestIngestServer start(SolutionCatalog catalog, Stores stores, RestIngestOptions options) {
    return start(RestIngestion.open(catalog, stores, options), options);
  }

  /** Starts a server writing to {@code objects} under {@code layout}, buffering in {@code bufferDir}. */
  public static RestIngestServer start(SolutionCatalog catalog, ObjectStore objects, Layout layout, Path bufferDir,
      RestIngestOptions options) {
    return start(RestIngestion.open(catalog, objects, layout, bufferDir, options), options);
  }

  private static RestIngestServer start(RestIngestion ingestion, RestIngestOptions options) {
    try {
      return new RestIngestServer(ingestion, options);
    } catch (IOException | RuntimeException e) {
      ingestion.close();
      if (e instanceof IOException io) {
        throw RuntimeErrors.restServerUnstartable(ingestion.solution(), io);
      }
      throw (RuntimeException) e;
    }
  }

  /** The port the server listens on (the one chosen when the options said 0). */
  public int port() {
    return http.getAddress().getPort();
  }

  /** The server's base address, e.g. {@code http://127.0.0.1:8480}. */
  public URI uri() {
    String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
    return URI.create("http://" + host + ":" + port());
  }

  /** The connectors served: flat-file connectors with {@code rest_config.enable}. */
  public Set<String> connectors() {
    return ingestion.connectors();
  }

  /** Records of a connector buffered and not yet sealed for a flush. */
  public long buffered(String connector) {
    return ingestion.buffered(connector);
  }

  /**
   * Lands what the connector has buffered now, plus anything an earlier failed or interrupted flush
   * left, and empties the buffer. Safe to call from any thread at any time.
   *
   * @throws VigilException NOT_FOUND for a connector not served; STORE_FAILURE when the object store
   *     fails, in which case the records stay buffered and a later flush retries them
   */
  public FlushResult flush(String connector) {
    return ingestion.flush(connector);
  }

  /** {@link #flush} of every served connector; fails on the first that cannot be flushed. */
  public List<FlushResult> flushAll() {
    return ingestion.flushAll();
  }

  /** The buffer of a served connector (package-private for tests). */
  ConnectorBuffer buffer(String connector) {
    return ingestion.buffer(connector);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getRawPath();
      if (path.equals("/health")) {
        if (!ex.getRequestMethod().equals("GET") && !ex.getRequestMethod().equals("HEAD")) {
          methodNotAllowed(ex, "GET");
          return;
        }
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("status", closed ? "closing" : "ok");
        status.put("solution", ingestion.solution());
        status.put("connectors", ingestion.status());
        send(ex, closed ? 503 : 200, status);
        return;
      }
      if (!path.startsWith(INGEST)) {
        send(ex, 404, RestIngestion.error("no such endpoint; POST " + INGEST + "{solution}/{connector} or GET /health"));
        return;
      }
      String[] parts = path.substring(INGEST.length()).split("/", -1);
      if (parts.length != 2 || !parts[0].equals(ingestion.solution())) {
        send(ex, 404, RestIngestion.error(parts.length == 2 ? "unknown solution; this server serves " + ingestion.solution()
            : "no such endpoint; POST " + INGEST + "{solution}/{connector}"));
        return;
      }
      String connector = parts[1];
      if (!ingestion.connectors().contains(connector)) {
        RestIngestion.Reply unknown = ingestion.unknownConnector(connector);
        send(ex, unknown.status(), unknown.body());
        return;
      }
      if (!ex.getRequestMethod().equals("POST")) {
        methodNotAllowed(ex, "POST");
        return;
      }
      ingest(ex, connector);
    } catch (RuntimeException e) {
      LOG.error("REST ingestion: unexpected failure on {}", ex.getRequestURI().getRawPath(), e);
      trySend(ex, 500, RestIngestion.error("internal error"));
    }
  }

  private void ingest(HttpExchange ex, String connector) throws IOException {
    if (closed) {
      send(ex, 503, RestIngestion.error("the server is shutting down; retry later"));
      return;
    }
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
      send(ex, 415, RestIngestion.error("Content-Encoding " + (encoding.length() > 20 ? "given" : encoding) + " is not supported"));
      return;
    }
    long limit = options.maxBodyBytes();
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          send(ex, 413, RestIngestion.error("the body exceeds the limit of " + limit + " bytes; send fewer records per request"));
          return;
        }
      } catch (NumberFormatException e) {
        send(ex, 400, RestIngestion.error("Content-Length is not a number"));
        return;
      }
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      // Read one byte past the limit to tell a body that is exactly at the limit from a larger one.
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    }
    if (body.length > limit) {
      send(ex, 413, RestIngestion.error("the body exceeds the limit of " + limit + " bytes; send fewer records per request"));
      return;
    }
    RestIngestion.Reply reply = ingestion.ingest(connector, body);
    send(ex, reply.status(), reply.body());
  }

  private static void methodNotAllowed(HttpExchange ex, String allowed) throws IOException {
    ex.getResponseHeaders().set("Allow", allowed);
    send(ex, 405, RestIngestion.error("method not allowed; use " + allowed));
  }

  private static void send(HttpExchange ex, int status, Object body) throws IOException {
    byte[] bytes = JSON.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    boolean head = ex.getRequestMethod().equals("HEAD");
    ex.sendResponseHeaders(status, head ? -1 : bytes.length);
    if (!head) {
      try (OutputStream out = ex.getResponseBody()) {
        out.write(bytes);
      }
    }
  }

  private static void trySend(HttpExchange ex, int status, Object body) {
    try {
      send(ex, status, body);
    } catch (IOException | RuntimeException ignored) {
      // The headers were already sent, or the client is gone.
    }
  }

  /**
   * Stops accepting requests, waits briefly for those in progress, stops the scheduler and closes
   * the buffers. Buffered records are not flushed; they stay on disk for the next server.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      http.stop(1); // lets a request being answered finish, so its client hears the acknowledgement
      httpThreads.shutdown();
      awaitQuietly(httpThreads);
    } finally {
      ingestion.close();
      LOG.info("REST ingestion for solution {} stopped", ingestion.solution());
    }
  }

  private static void awaitQuietly(ExecutorService executor) {
    try {
      if (!executor.awaitTermination(30, TimeUnit.SECONDS)) {
        executor.shutdownNow();
      }
    } catch (InterruptedException e) {
      executor.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threads(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
