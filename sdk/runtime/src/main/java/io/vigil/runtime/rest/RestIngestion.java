package io.vigil.runtime.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.NullNode;
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
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * REST ingestion without its HTTP transport: the REST-enabled connectors of a solution, their record
 * schemas and durable buffers, the flush schedule, and {@link #ingest}, which takes one request's body
 * to its answer. {@link RestIngestServer} serves it on its own port; {@code vigil serve} serves the same
 * object behind its bearer-token auth, so both answer alike.
 */
public final class RestIngestion implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RestIngestion.class);
  /** Problems listed in a 400 answer; the count says how many there were in all. */
  static final int MAX_PROBLEMS = 100;
  private static final AtomicInteger FLUSH_THREADS = new AtomicInteger();
  private static final ObjectMapper JSON = JsonMapper.builder(JsonFactory.builder()
          // Untrusted input: bound what one document may make the parser build.
          .streamReadConstraints(StreamReadConstraints.builder()
              .maxNestingDepth(64).maxNumberLength(100).maxStringLength(1_000_000).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  /**
   * One request's outcome.
   *
   * @param status 202, 400, 404, 413 or 503
   * @param body the JSON answer
   * @param accepted records accepted (0 unless 202)
   * @param reason why it was refused, for metrics: {@code malformed}, {@code invalid}, {@code too_large},
   *     {@code unknown_connector}, {@code unavailable}; null when accepted
   */
  public record Reply(int status, Map<String, Object> body, int accepted, String reason) {}

  private final SolutionCatalog catalog;
  private final RestIngestOptions options;
  private final Map<String, ConnectorBuffer> buffers;
  private final Map<String, RecordSchema> schemas;
  private final ScheduledExecutorService scheduler;
  private final Set<String> flushRequested = ConcurrentHashMap.newKeySet();
  private final FileChannel lockFile;
  private final FileLock lock;
  private volatile boolean closed;

  private RestIngestion(SolutionCatalog catalog, ObjectStore objects, Layout layout, Path bufferDir, RestIngestOptions options)
      throws IOException {
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
    try {
      for (RecordSchema s : schemas.values()) {
        opened.put(s.connector(), new ConnectorBuffer(s, bufferDir.resolve(s.connector()), options.clock(), objects, layout));
      }
    } catch (RuntimeException e) {
      opened.values().forEach(ConnectorBuffer::close);
      lock.release();
      lockFile.close();
      throw e;
    }
    this.buffers = opened;
    this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "vigil-rest-flush-" + FLUSH_THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    long every = options.checkInterval().toMillis();
    scheduler.scheduleWithFixedDelay(this::flushDue, every, every, TimeUnit.MILLISECONDS);
  }

  /**
   * Opens the ingestion of a process's stores: the solution's bucket and, unless the options name one,
   * the buffer {@code <VIGIL_HOME>/rest-buffer/<solution>}. The options' host, port and threads are the
   * transport's and are not used here.
   *
   * @throws VigilException INVALID_METADATA when a REST-enabled connector cannot take records (its
   *     schema dataset is missing, a mapping names an unknown field, its files are Parquet);
   *     CONFLICT when another server uses the buffer
   */
  public static RestIngestion open(SolutionCatalog catalog, Stores stores, RestIngestOptions options) {
    Layout layout = new Layout(catalog.solution(), stores.settings().warehouseRoot());
    Path dir = options.bufferDir() != null ? options.bufferDir()
        : stores.settings().home().resolve("rest-buffer").resolve(catalog.solution());
    return open(catalog, stores.objects(), layout, dir, options);
  }

  /** Opens the ingestion writing to {@code objects} under {@code layout}, buffering in {@code bufferDir}. */
  public static RestIngestion open(SolutionCatalog catalog, ObjectStore objects, Layout layout, Path bufferDir,
      RestIngestOptions options) {
    if (!layout.solution().equals(catalog.solution())) {
      throw new IllegalArgumentException("Cannot start REST ingestion: the layout is for solution " + layout.solution()
          + ", the catalog for " + catalog.solution());
    }
    try {
      return new RestIngestion(catalog, objects, layout, bufferDir, options);
    } catch (IOException e) {
      throw RuntimeErrors.restServerUnstartable(catalog.solution(), e);
    }
  }

  /** Whether the catalog has a flat-file connector with {@code rest_config.enable}. */
  public static boolean hasRestConnectors(SolutionCatalog catalog) {
    return catalog.all(EntityKind.CONNECTOR, Connector.class).stream()
        .anyMatch(c -> c instanceof FlatFileConnector f && f.restConfig() != null && f.restConfig().enable());
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

  public String solution() {
    return catalog.solution();
  }

  public RestIngestOptions options() {
    return options;
  }

  /** The connectors served: flat-file connectors with {@code rest_config.enable}. */
  public Set<String> connectors() {
    return buffers.keySet();
  }

  public boolean closed() {
    return closed;
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

  /** Per connector, the records buffered and the files waiting to land, for a health answer. */
  public Map<String, Object> status() {
    Map<String, Object> byConnector = new LinkedHashMap<>();
    buffers.forEach((c, b) -> byConnector.put(c, Map.of("buffered", b.buffered(), "pending_files", b.pending())));
    return byConnector;
  }

  /** The buffer of a served connector. */
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

  /** The answer for a connector that is not served: unknown, or not REST-enabled. */
  public Reply unknownConnector(String connector) {
    boolean known = catalog.find(EntityKind.CONNECTOR, connector) != null;
    return refused(404, known ? "connector " + connector + " does not take REST records (rest_config.enable is off)"
        : "unknown connector", "unknown_connector");
  }

  /**
   * Validates and buffers one request's records: a JSON object or an array of objects, all or nothing.
   * The transport has already refused a body over {@link RestIngestOptions#maxBodyBytes()}.
   */
  public Reply ingest(String connector, byte[] body) {
    ConnectorBuffer buffer = buffers.get(connector);
    RecordSchema schema = schemas.get(connector);
    if (buffer == null) {
      return unknownConnector(connector);
    }
    if (closed) {
      return refused(503, "the server is shutting down; retry later", "unavailable");
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
            return refused(413, "the body holds more than " + maxRecords + " records; send fewer records per request", "too_large");
          }
          JsonNode record = p.readValueAsTree();
          records.add(record == null ? NullNode.getInstance() : record);
        }
      } else if (t == JsonToken.START_OBJECT) {
        records.add(p.readValueAsTree());
      } else {
        return refused(400, "not valid JSON: expected an object or an array of objects", "malformed");
      }
      if (p.nextToken() != null) {
        throw new JsonParseException(p, "trailing content after the JSON value");
      }
    } catch (JsonProcessingException e) {
      // Jackson's messages quote the input; only the position is repeated.
      JsonLocation at = e.getLocation();
      return refused(400, "not valid JSON" + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()),
          "malformed");
    } catch (IOException e) {
      return refused(400, "not valid JSON", "malformed");
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
      return new Reply(400, answer, 0, "invalid");
    }
    long buffered;
    if (!accepted.isEmpty()) {
      try {
        buffered = buffer.append(accepted);
      } catch (IOException | IllegalStateException e) {
        LOG.error("REST ingestion: cannot buffer {} records of connector {}: {}", accepted.size(), schema.connector(), e.getMessage());
        return refused(503, "cannot buffer the records now; nothing was accepted, retry later", "unavailable");
      }
    } else {
      buffered = buffer.buffered();
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("accepted", accepted.size());
    answer.put("buffered", buffered);
    if (buffered >= schema.maxBufferedRecords()) {
      requestFlush(schema.connector());
    }
    return new Reply(202, answer, accepted.size(), null);
  }

  private static Reply refused(int status, String message, String reason) {
    return new Reply(status, error(message), 0, reason);
  }

  static Map<String, Object> error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("error", message);
    return m;
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

  /**
   * Stops the scheduler (a flush in progress finishes; it is crash-safe if it does not) and closes the
   * buffers. Buffered records are not flushed; they stay on disk for the next server. Stop the transport
   * first, so that no request is being buffered.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      scheduler.shutdown();
      if (!scheduler.awaitTermination(30, TimeUnit.SECONDS)) {
        scheduler.shutdownNow();
      }
    } catch (InterruptedException e) {
      scheduler.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      buffers.values().forEach(ConnectorBuffer::close);
      try {
        lock.release();
        lockFile.close();
      } catch (IOException e) {
        LOG.warn("REST ingestion: cannot release the buffer lock: {}", e.getMessage());
      }
    }
  }
}
