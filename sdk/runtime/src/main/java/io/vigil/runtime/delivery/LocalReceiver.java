package io.vigil.runtime.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A stand-in case manager for the demo, tests and benchmarks: an HTTP endpoint on loopback, on a
 * free port, that takes JSON arrays of alerts, keeps each alert once by its id, and counts what
 * it had already. It can misbehave on purpose: answer 503 to a share of requests, answer slowly,
 * refuse wrong credentials with 401, and close the connection without an answer.
 *
 * <pre>{@code
 * try (LocalReceiver cm = LocalReceiver.builder().failFraction(0.2).latency(Duration.ofMillis(20)).start()) {
 *   HttpDelivery delivery = HttpDelivery.builder(cm.url()).build();
 *   ...
 *   cm.stats().distinctItems();
 * }
 * }</pre>
 *
 * <p>Answers: 200 {@code {"received": n, "duplicates": d}} once stored; 400 for a body that is not
 * a JSON array of objects that all have the id field; 401 for wrong credentials; 405 for other
 * methods than POST; 503, or the status planned for that request, for a planned failure.
 */
public final class LocalReceiver implements AutoCloseable {
  /** When a planned connection drop happens. */
  public enum Drop {
    /** Halfway through reading the body: nothing is stored. */
    BEFORE_STORING,
    /** After the alerts are stored, before the answer: a retry brings duplicates. */
    AFTER_STORING
  }

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final TypeReference<List<Map<String, Object>>> ITEMS = new TypeReference<>() {};

  private final Builder config;
  private final HttpServer server;
  private final ExecutorService threads;
  private final AtomicInteger arrivals = new AtomicInteger();
  private final Map<String, Map<String, Object>> stored = new LinkedHashMap<>();
  private final List<ReceivedRequest> requests = new ArrayList<>();
  private final BufferedWriter journal;
  private int accepted;
  private int itemsReceived;
  private int duplicates;

  private LocalReceiver(Builder config) throws IOException {
    this.config = config;
    // The JDK server reads this once, when its first instance is made; without it small answers wait for Nagle.
    if (System.getProperty("sun.net.httpserver.nodelay") == null) {
      System.setProperty("sun.net.httpserver.nodelay", "true");
    }
    this.journal = config.journal == null ? null : Files.newBufferedWriter(config.journal, StandardCharsets.UTF_8,
        StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    if (config.tls != null) {
      HttpsServer https = HttpsServer.create(loopback, 64);
      https.setHttpsConfigurator(new HttpsConfigurator(config.tls));
      this.server = https;
    } else {
      this.server = HttpServer.create(loopback, 64);
    }
    this.threads = Executors.newFixedThreadPool(config.threads, r -> {
      Thread t = new Thread(r, "vigil-local-receiver");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(threads);
    server.createContext("/", this::handle);
    server.start();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Where to post alerts: {@code http://127.0.0.1:<port>/alerts}, https with {@link Builder#tls}. */
  public URI url() {
    return URI.create((config.tls == null ? "http" : "https") + "://127.0.0.1:" + server.getAddress().getPort()
        + "/alerts");
  }

  public synchronized ReceiverStats stats() {
    return new ReceiverStats(requests.size(), accepted, itemsReceived, stored.size(), duplicates);
  }

  /** The alerts kept, once each, in the order they first arrived. */
  public synchronized List<Map<String, Object>> received() {
    return List.copyOf(stored.values());
  }

  /** Every request so far, in arrival order. */
  public synchronized List<ReceivedRequest> requests() {
    List<ReceivedRequest> out = new ArrayList<>(requests);
    out.sort((a, b) -> Integer.compare(a.number(), b.number()));
    return out;
  }

  private void handle(HttpExchange exchange) throws IOException {
    int number = arrivals.incrementAndGet();
    String key = exchange.getRequestHeaders().getFirst(HttpDelivery.IDEMPOTENCY_KEY);
    try (exchange) {
      if (!exchange.getRequestMethod().equals("POST")) {
        answer(exchange, number, key, 0, 405, "{\"error\":\"POST only\"}");
        return;
      }
      if (config.authorization != null
          && !config.authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
        exchange.getRequestBody().readAllBytes();
        answer(exchange, number, key, 0, 401, "{\"error\":\"unauthorized\"}");
        return;
      }
      Drop drop = config.drops.get(number);
      if (drop == Drop.BEFORE_STORING) {
        readHalf(exchange);
        log(number, 0, key, 0);
        throw new IOException("planned drop of request " + number + " before storing");
      }
      byte[] body = exchange.getRequestBody().readAllBytes();
      Integer planned = config.statuses.get(number);
      if (planned != null || plannedFailure(number)) {
        int status = planned != null ? planned : 503;
        answer(exchange, number, key, 0, status, "{\"error\":\"planned failure\"}");
        return;
      }
      List<Map<String, Object>> items = parse(body);
      if (items == null) {
        answer(exchange, number, key, 0, 400, "{\"error\":\"expected a JSON array of objects that all have '"
            + config.idField + "'\"}");
        return;
      }
      pause(config.latency.plus(config.stalls.getOrDefault(number, Duration.ZERO)));
      int dupes = store(items);
      if (drop == Drop.AFTER_STORING) {
        log(number, 0, key, items.size());
        throw new IOException("planned drop of request " + number + " after storing");
      }
      answer(exchange, number, key, items.size(), 200,
          "{\"received\":" + items.size() + ",\"duplicates\":" + dupes + "}");
    }
  }

  private boolean plannedFailure(int number) {
    // Spread evenly: request n fails when n·f crosses a whole number, so no run of failures is longer than needed.
    return Math.floor(number * config.failFraction) > Math.floor((number - 1) * config.failFraction);
  }

  private List<Map<String, Object>> parse(byte[] body) {
    List<Map<String, Object>> items;
    try {
      items = JSON.readValue(body, ITEMS);
    } catch (IOException notAnArrayOfObjects) {
      return null;
    }
    for (Map<String, Object> item : items) {
      if (item == null || item.get(config.idField) == null) {
        return null;
      }
    }
    return items;
  }

  private synchronized int store(List<Map<String, Object>> items) {
    int dupes = 0;
    for (Map<String, Object> item : items) {
      String id = String.valueOf(item.get(config.idField));
      if (stored.containsKey(id)) {
        dupes++;
        continue;
      }
      stored.put(id, item);
      if (journal != null) {
        try {
          journal.write(JSON.writeValueAsString(item));
          journal.newLine();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    if (journal != null) {
      try {
        journal.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    accepted++;
    itemsReceived += items.size();
    duplicates += dupes;
    return dupes;
  }

  private void answer(HttpExchange exchange, int number, String key, int items, int status, String json)
      throws IOException {
    log(number, status, key, items);
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  private synchronized void log(int number, int status, String key, int items) {
    requests.add(new ReceivedRequest(number, status, key, items));
  }

  private static void readHalf(HttpExchange exchange) throws IOException {
    String length = exchange.getRequestHeaders().getFirst("Content-Length");
    long half = length == null ? 0 : Long.parseLong(length) / 2;
    InputStream in = exchange.getRequestBody();
    in.readNBytes((int) Math.min(half, Integer.MAX_VALUE));
  }

  private static void pause(Duration d) {
    if (d.isZero()) {
      return;
    }
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops at once; requests in flight get no answer. The journal is flushed and closed. */
  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
    if (journal != null) {
      synchronized (this) {
        try {
          journal.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }

  @Override
  public String toString() {
    return "LocalReceiver[" + url() + "]";
  }

  public static final class Builder {
    private String idField = "id";
    private Duration latency = Duration.ZERO;
    private double failFraction;
    private String authorization;
    private final Map<Integer, Drop> drops = new HashMap<>();
    private final Map<Integer, Duration> stalls = new HashMap<>();
    private final Map<Integer, Integer> statuses = new HashMap<>();
    private Path journal;
    private SSLContext tls;
    private int threads = 8;

    private Builder() {}

    /** The item key alerts are deduped by; {@code id} by default. */
    public Builder idField(String idField) {
      this.idField = Objects.requireNonNull(idField, "idField");
      return this;
    }

    /** How long every request waits before it is stored and answered. */
    public Builder latency(Duration latency) {
      this.latency = nonNegative(latency, "latency");
      return this;
    }

    /** The share of requests answered 503 without storing, spread evenly over arrivals (0.2: every fifth). */
    public Builder failFraction(double failFraction) {
      if (!(failFraction >= 0 && failFraction <= 1)) {
        throw new IllegalArgumentException("Cannot configure the receiver: failFraction must be in 0..1: " + failFraction);
      }
      this.failFraction = failFraction;
      return this;
    }

    /** Requests without these basic-auth credentials get 401. */
    public Builder expectBasic(String username, String password) {
      this.authorization = "Basic " + Base64.getEncoder()
          .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
      return this;
    }

    /** Requests without this bearer token get 401. */
    public Builder expectBearer(String token) {
      this.authorization = "Bearer " + Objects.requireNonNull(token, "token");
      return this;
    }

    /** Closes the connection of the {@code requestNumber}-th request (from 1) without an answer. */
    public Builder dropConnection(int requestNumber, Drop when) {
      this.drops.put(requestNumber, Objects.requireNonNull(when, "when"));
      return this;
    }

    /** Answers the {@code requestNumber}-th request (from 1) with {@code status} and stores nothing. */
    public Builder status(int requestNumber, int status) {
      if (status < 400 || status > 599) {
        throw new IllegalArgumentException("Cannot configure the receiver: a planned status must be 4xx or 5xx: " + status);
      }
      this.statuses.put(requestNumber, status);
      return this;
    }

    /** Makes the {@code requestNumber}-th request (from 1) wait {@code extra} more before it is stored and answered. */
    public Builder stall(int requestNumber, Duration extra) {
      this.stalls.put(requestNumber, nonNegative(extra, "extra"));
      return this;
    }

    /** Also appends each newly kept alert to {@code file} as one JSON line. */
    public Builder journal(Path file) {
      this.journal = Objects.requireNonNull(file, "file");
      return this;
    }

    /** Serves HTTPS with {@code context}'s key, e.g. a self-signed certificate. */
    public Builder tls(SSLContext context) {
      this.tls = Objects.requireNonNull(context, "context");
      return this;
    }

    /** Requests handled at once; 8 by default. */
    public Builder threads(int threads) {
      if (threads <= 0) {
        throw new IllegalArgumentException("Cannot configure the receiver: threads must be positive: " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Starts the receiver on a free loopback port.
     *
     * @throws io.vigil.api.VigilException STORE_FAILURE when the port or the journal cannot be opened
     */
    public LocalReceiver start() {
      try {
        return new LocalReceiver(this);
      } catch (IOException e) {
        throw RuntimeErrors.receiverUnstartable(e);
      }
    }

    private static Duration nonNegative(Duration d, String name) {
      if (d == null || d.isNegative()) {
        throw new IllegalArgumentException("Cannot configure the receiver: " + name + " must not be negative: " + d);
      }
      return d;
    }
  }
}
