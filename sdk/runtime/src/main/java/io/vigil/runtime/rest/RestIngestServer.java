package io.vigil.runtime.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vigil.api.VigilException;
import io.vigil.api.connector.Connector;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.entity.EntityKind;
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
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
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
 * next server. There is no authentication: bind to loopback (the default) behind a gateway.
 */
public final class RestIngestServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestIngestServer.class);
  private static final String INGEST = "/ingest/v1/";
  /** Problems listed in a 400 answer; the count says how many there were in all. */
  static final int MAX_PROBLEMS = 100;
  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
          // Untrusted input: bound what one document may make the parser build.
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(64).maxNumberLength(100).maxStringLength(1_000_000).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private final SolutionCatalog catalog;
  private final RestIngestOptions options;
  private final Map<String, ConnectorBuffer> buffers;
  private final Map<String, RecordSchema> schemas;
  private final HttpServer http;
  private final ExecutorService httpThreads;
  private final ScheduledExecutorService scheduler;
  private final Set<String> flushRequested = ConcurrentHashMap.newKeySet();
  private final FileChannel lockFile;
  private final FileLock lock;
  private volatile boolean closed;

  private RestIngestServer(SolutionCatalog catalog, ObjectStore objects, Layout layout, Path bufferDir,
      RestIngestOptions options) throws IOException {
    this.catalog = catalog;
    this.options = options;
    this.schemas = schemas(catalog);
    Files.createDirectories(bufferDir);
    this.lockFile = FileChannel.open(bufferDir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock held;
    try {
      held = lockFile.tryLock();
    } catch (OverlappingFileLockException e) {
      held = null;
    }
    if (held == null) {
      lockFile.close();
      throw RuntimeErrors.restBufferLocked(bufferDir);
    }
    this.lock = held;
    Map<String, ConnectorBuffer> opened = new LinkedHashMap<>();
    HttpServer server = null;
    try {
      for (RecordSchema s : schemas.values()) {
        opened.put(s.connector(), new ConnectorBuffer(s, bufferDir.resolve(s.connector()), options.clock(), objects, layout));
      }
      this.buffers = opened;
      server = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 64);
    } catch (IOException | RuntimeException e) {
      opened.values().forEach(ConnectorBuffer::close);
      lock.release();
      lockFile.close();
      throw e;
    }
    this.http = server;
    this.httpThreads = Executors.newFixedThreadPool(options.threads(), threads("vigil-rest-http"));
    http.setExecutor(httpThreads);
    http.createContext("/", this::handle);
    this.scheduler = Executors.newSingleThreadScheduledExecutor(threads("vigil-rest-flush"));
    http.start();
    long every = options.checkInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::flushDue, every, every, TimeUnit.MILLISECONDS);
    LOG.info("REST ingestion for solution {} listening on {} for connectors {}", catalog.solution(), uri(), buffers.keySet());
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
    Layout layout = new Layout(catalog.solution(), stores.settings().warehouseRoot());
    Path dir = options.bufferDir() != null ? options.bufferDir()
        : stores.settings().home().resolve("rest-buffer").resolve(catalog.solution());
    return start(catalog, stores.objects(), layout, dir, options);
  }

  /** Starts a server writing to {@code objects} under {@code layout}, buffering in {@code bufferDir}. */
  public static RestIngestServer start(SolutionCatalog catalog, ObjectStore objects, Layout layout, Path bufferDir,
      RestIngestOptions options) {
    if (!layout.solution().equals(catalog.solution())) {
      throw new IllegalArgumentException("Cannot start REST ingestion: the layout is for solution " + layout.solution()
          + ", the catalog for " + catalog.solution());
    }
    try {
      return new RestIngestServer(catalog, objects, layout, bufferDir, options);
    } catch (IOException e) {
      throw RuntimeErrors.restServerUnstartable(catalog.solution(), e);
    }
  }

  private static Map<String, RecordSchema> schemas(SolutionCatalog catalog) {
    Map<String, RecordSchema> out = new LinkedHashMap<>();
    List<String> problems = new ArrayList<>();
    for (Connector c : catalog.all(EntityKind.CONNECTOR, Connector.class)) {
      if (!(c instanceof FlatFileConnector f) || f.restConfig() == null || !f.restConfig().enable()) {
        continue;
      }
      SolutionCatalog.Entry entry = catalog.find(EntityKind.DATASET, f.schemaDatasetName());
      if (entry == null) {
        problems.add("connector " + f.identifier() + ": its schema dataset " + f.schemaDatasetName() + " does not exist");
        continue;
      }
      try {
        out.put(f.identifier(), new RecordSchema(f, (DataSet) entry.entity()));
      } catch (IllegalArgumentException e) {
        problems.add("connector " + f.identifier() + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw RuntimeErrors.restConnectorsInvalid(catalog.solution(), problems);
    }
    return out;
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
    return buffers.keySet();
  }

  /** Records of a connector buffered and not yet sealed for a flush. */
  public long buffered(String connector) {
    return buffer(connector).buffered();
  }

  /**
   * Lands what the connector has buffered now, plus anything an earlier failed or interrupted flush
   * left, and empties the buffer. Safe to call from any thread at any time.
   *
   * @throws VigilException NOT_FOUND for a connector not served; STORE_FAILURE when the object store
   *     fails, in which case the records stay buffered and a later flush retries them
   */
  public FlushResult flush(String connector) {
    return buffer(connector).flush();
  }

  /** {@link #flush} of every served connector; fails on the first that cannot be flushed. */
  public List<FlushResult> flushAll() {
    List<FlushResult> out = new ArrayList<>();
    for (ConnectorBuffer b : buffers.values()) {
      out.add(b.flush());
    }
    return out;
  }

  /** The buffer of a served connector (package-private for tests). */
  ConnectorBuffer buffer(String connector) {
    if (closed) {
      throw new IllegalStateException("The REST ingestion server is closed");
    }
    ConnectorBuffer b = buffers.get(connector);
    if (b == null) {
      throw RuntimeErrors.restConnectorNotServed(connector, catalog.solution(), buffers.keySet());
    }
    return b;
  }

  /** The scheduler's check: flushes every buffer whose interval has passed or whose failed delivery is due again. */
  private void flushDue() {
    long now = options.clock().millis();
    for (Map.Entry<String, ConnectorBuffer> e : buffers.entrySet()) {
      if (closed) {
        return;
      }
      if (e.getValue().due(now)) {
        flushQuietly(e.getKey());
      }
    }
  }

  private void flushQuietly(String connector) {
    try {
      buffers.get(connector).flush();
    } catch (RuntimeException e) {
      if (!closed) {
        LOG.warn("REST ingestion: {}", e instanceof VigilException v ? v.idAndMessage() : e.getMessage());
      }
    }
  }

  /** Asks the scheduler to flush a full buffer, once however many requests fill it meanwhile. */
  private void requestFlush(String connector) {
    if (closed || !flushRequested.add(connector)) {
      return;
    }
    try {
      scheduler.execute(() -> {
        flushRequested.remove(connector);
        if (!closed) {
          flushQuietly(connector);
        }
      });
    } catch (java.util.concurrent.RejectedExecutionException e) {
      flushRequested.remove(connector); // closing
    }
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
        Map<String, Object> byConnector = new LinkedHashMap<>();
        buffers.forEach((c, b) -> byConnector.put(c, Map.of("buffered", b.buffered(), "pending_files", b.pending())));
        status.put("status", closed ? "closing" : "ok");
        status.put("solution", catalog.solution());
        status.put("connectors", byConnector);
        send(ex, closed ? 503 : 200, status);
        return;
      }
      if (!path.startsWith(INGEST)) {
        send(ex, 404, error("no such endpoint; POST " + INGEST + "{solution}/{connector} or GET /health"));
        return;
      }
      String[] parts = path.substring(INGEST.length()).split("/", -1);
      if (parts.length != 2 || !parts[0].equals(catalog.solution())) {
        send(ex, 404, error(parts.length == 2 ? "unknown solution; this server serves " + catalog.solution()
            : "no such endpoint; POST " + INGEST + "{solution}/{connector}"));
        return;
      }
      String connector = parts[1];
      ConnectorBuffer buffer = buffers.get(connector);
      RecordSchema schema = schemas.get(connector);
      if (buffer == null) {
        boolean known = catalog.find(EntityKind.CONNECTOR, connector) != null;
        send(ex, 404, error(known ? "connector " + connector + " does not take REST records (rest_config.enable is off)"
            : "unknown connector"));
        return;
      }
      if (!ex.getRequestMethod().equals("POST")) {
        methodNotAllowed(ex, "POST");
        return;
      }
      ingest(ex, schema, buffer);
    } catch (RuntimeException e) {
      LOG.error("REST ingestion: unexpected failure on {}", ex.getRequestURI().getRawPath(), e);
      trySend(ex, 500, error("internal error"));
    }
  }

  private void ingest(HttpExchange ex, RecordSchema schema, ConnectorBuffer buffer) throws IOException {
    if (closed) {
      send(ex, 503, error("the server is shutting down; retry later"));
      return;
    }
    String encoding = ex.getRequestHeaders().getFirst("Content-Encoding");
    if (encoding != null && !encoding.equalsIgnoreCase("identity")) {
      send(ex, 415, error("Content-Encoding " + (encoding.length() > 20 ? "given" : encoding) + " is not supported"));
      return;
    }
    long limit = options.maxBodyBytes();
    String declared = ex.getRequestHeaders().getFirst("Content-Length");
    if (declared != null) {
      try {
        if (Long.parseLong(declared.trim()) > limit) {
          send(ex, 413, error("the body exceeds the limit of " + limit + " bytes; send fewer records per request"));
          return;
        }
      } catch (NumberFormatException e) {
        send(ex, 400, error("Content-Length is not a number"));
        return;
      }
    }
    byte[] body;
    try (InputStream in = ex.getRequestBody()) {
      // Read one byte past the limit to tell a body that is exactly at the limit from a larger one.
      body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
    }
    if (body.length > limit) {
      send(ex, 413, error("the body exceeds the limit of " + limit + " bytes; send fewer records per request"));
      return;
    }
    List<JsonNode> records = new ArrayList<>();
    int maxRecords = options.maxRecordsPerRequest();
    // Streamed, so that a body of many tiny records is refused before it is all in memory.
    try (JsonParser p = JSON.createParser(body)) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.START_ARRAY) {
        while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
          if (t == null) {
            throw new JsonParseException(p, "unexpected end of input");
          }
          if (records.size() == maxRecords) {
            send(ex, 413, error("the body holds more than " + maxRecords + " records; send fewer records per request"));
            return;
          }
          JsonNode record = p.readValueAsTree();
          records.add(record == null ? NullNode.getInstance() : record);
        }
      } else if (t == JsonToken.START_OBJECT) {
        records.add(p.readValueAsTree());
      } else {
        send(ex, 400, error("not valid JSON: expected an object or an array of objects"));
        return;
      }
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "trailing content after the JSON value");
      }
    } catch (JsonProcessingException e) {
      // Jackson's messages quote the input; only the position is repeated.
      JsonLocation at = e.getLocation();
      send(ex, 400, error("not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr())));
      return;
    }
    RecordSchema.Problems problems = new RecordSchema.Problems(MAX_PROBLEMS);
    List<Map<String, String>> accepted = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      Map<String, String> values = schema.validate(records.get(i), i, problems);
      if (values != null) {
        accepted.add(values);
      }
    }
    if (problems.total() > 0) {
      Map<String, Object> answer = error("invalid records; none of this request was accepted");
      answer.put("problem_count", problems.total());
      answer.put("problems", problems.kept());
      send(ex, 400, answer);
      return;
    }
    long buffered = 0;
    if (!accepted.isEmpty()) {
      try {
        buffered = buffer.append(accepted);
      } catch (IOException | IllegalStateException e) {
        LOG.error("REST ingestion: cannot buffer {} records of connector {}: {}", accepted.size(), schema.connector(), e.getMessage());
        send(ex, 503, error("cannot buffer the records now; nothing was accepted, retry later"));
        return;
      }
    } else {
      buffered = buffer.buffered();
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", accepted.size());
    answer.put("buffered", buffered);
    send(ex, 202, answer);
    if (buffered >= schema.maxBufferedRecords()) {
      requestFlush(schema.connector());
    }
  }

  private static Map<String, Object> error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    return m;
  }

  private static void methodNotAllowed(HttpExchange ex, String allowed) throws IOException {
    ex.getResponseHeaders().set("Allow", allowed);
    send(ex, 405, error("method not allowed; use " + allowed));
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
      scheduler.shutdown();
      awaitQuietly(httpThreads);
      awaitQuietly(scheduler); // a flush in progress finishes; it is crash-safe if it does not
    } finally {
      buffers.values().forEach(ConnectorBuffer::close);
      try {
        lock.release();
        lockFile.close();
      } catch (IOException e) {
        LOG.warn("REST ingestion: cannot release the buffer lock: {}", e.getMessage());
      }
      LOG.info("REST ingestion for solution {} stopped", catalog.solution());
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
