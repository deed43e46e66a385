package io.vigil.runtime.delivery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.ToStringSerializer;
import io.vigil.api.VigilException;
import io.vigil.api.distribution.HttpEndpoint;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import javax.net.ssl.SSLHandshakeException;

/**
 * Posts batches of items as JSON arrays to one HTTP endpoint (S1 §9), over HTTP/1.1, with the
 * endpoint's credentials, TLS verification, timeouts and {@link RetryPolicy}.
 *
 * <p>Each item carries its own stable id under {@code idField}; each request carries an
 * {@code Idempotency-Key} made from the batch's ids, the same for every attempt and every rerun
 * of the same batch, so that a receiver can drop what a retry or a crash sends twice.
 *
 * <p>Connection errors, timeouts and the policy's statuses are retried, {@code maxAttempts} times
 * in all, waiting {@code policy.delay(n)} with jitter (between half and all of it) before retry
 * {@code n}. A 401 or 403 fails at once. Any other status fails at once too: it will not change on
 * its own. No message carries a credential. Instances are thread-safe.
 *
 * <pre>{@code
 * HttpDelivery delivery = HttpDelivery.builder(URI.create("https://cm.example.com/api/alerts"))
 *     .credentials(Credentials.bearer(token))
 *     .retryPolicy(RetryPolicy.defaults())
 *     .build();
 * BatchOutcome outcome = delivery.deliver(List.of(Map.of("id", "a1", "risk", "big_mover")));
 * }</pre>
 */
public final class HttpDelivery {
  /** The header each request carries its batch's key in. */
  public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
  /** Used when neither the builder nor the endpoint sets a request timeout. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static final ObjectMapper JSON = JsonMapper.builder()
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .addModule(new SimpleModule().addSerializer(TemporalAccessor.class, ToStringSerializer.instance))
      .build();

  private final URI url;
  private final String shownUrl;
  private final Credentials credentials;
  private final RetryPolicy retryPolicy;
  private final Duration requestTimeout;
  private final Map<String, String> headers;
  private final String idField;
  private final HttpClient client;

  private HttpDelivery(Builder b) {
    this.url = b.url;
    this.shownUrl = withoutUserInfo(b.url);
    this.credentials = b.credentials;
    this.retryPolicy = b.retryPolicy;
    this.requestTimeout = b.requestTimeout;
    this.headers = Map.copyOf(b.headers);
    this.idField = b.idField;
    HttpClient.Builder client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(b.connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER);
    if (!b.verifyTls) {
      client.sslContext(InsecureTls.context());
    }
    this.client = client.build();
  }

  public static Builder builder(URI url) {
    return new Builder(url);
  }

  /**
   * A builder for a target's endpoint: its URL, retry policy, TLS verification and timeout, with
   * {@code credentials} and {@code headers} already resolved from the endpoint's secret references.
   */
  public static Builder builder(HttpEndpoint endpoint, Credentials credentials, Map<String, String> headers) {
    Builder b = new Builder(URI.create(endpoint.url()))
        .credentials(credentials)
        .retryPolicy(endpoint.retryPolicy())
        .verifyTls(endpoint.verify())
        .headers(headers);
    if (endpoint.timeoutSeconds() != null) {
      b.requestTimeout(Duration.ofSeconds(endpoint.timeoutSeconds()));
    }
    return b;
  }

  /** The URL requests go to, with any user-info hidden. */
  public String target() {
    return shownUrl;
  }

  public String idField() {
    return idField;
  }

  /**
   * The key a batch with these item ids is sent under: the same for the same ids in any order.
   * It is {@code vigil-} and 40 hex digits of the SHA-256 of the sorted ids.
   */
  public static String idempotencyKey(List<String> ids) {
    List<String> sorted = new ArrayList<>(ids);
    sorted.sort(null);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String id : sorted) {
        sha.update(id.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) '\n');
      }
      return "vigil-" + HexFormat.of().formatHex(sha.digest()).substring(0, 40);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /**
   * Posts {@code items} as one JSON array, retrying as the policy says. It never throws for what
   * the target or the network does; the outcome says whether the batch arrived.
   *
   * @param items the batch; each item must hold a distinct non-null value under {@link #idField()}
   * @throws io.vigil.api.VigilException INVALID_ARGUMENT when an item has no id, two share one, or
   *     an item cannot be written as JSON
   */
  public BatchOutcome deliver(List<? extends Map<String, ?>> items) {
    return deliver(items, (attempt, status, errorClass) -> { });
  }

  /** Told of each attempt as it ends, so that a caller can keep a durable record of every one. */
  @FunctionalInterface
  public interface AttemptListener {
    /**
     * @param attempt 1 for the first request of the batch, then 2, 3...
     * @param status the HTTP status answered, or 0 when none came
     * @param errorClass the simple name of the exception when no answer came, else null
     */
    void attempted(int attempt, int status, String errorClass);
  }

  /** As {@link #deliver(List)}, telling {@code listener} of every attempt. */
  public BatchOutcome deliver(List<? extends Map<String, ?>> items, AttemptListener listener) {
    List<String> ids = ids(items);
    String key = idempotencyKey(ids);
    byte[] body;
    try {
      body = JSON.writeValueAsBytes(items);
    } catch (JsonProcessingException e) {
      throw RuntimeErrors.deliveryItemsNotJson(e);
    }
    HttpRequest request = request(body, key);
    int attempts = 0;
    int lastStatus = 0;
    String error = null;
    while (attempts < retryPolicy.maxAttempts()) {
      if (attempts > 0 && !pause(attempts)) {
        return new BatchOutcome(key, ids, false, attempts, lastStatus, AttemptFailures.interrupted(shownUrl));
      }
      attempts++;
      boolean retryable;
      try {
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        lastStatus = response.statusCode();
        listener.attempted(attempts, lastStatus, null);
        if (lastStatus / 100 == 2) {
          return new BatchOutcome(key, ids, true, attempts, lastStatus, null);
        }
        if (lastStatus == 401 || lastStatus == 403) {
          return new BatchOutcome(key, ids, false, attempts, lastStatus, AttemptFailures.refused(shownUrl, lastStatus));
        }
        error = AttemptFailures.answered(shownUrl, lastStatus, credentials.scrub(response.body()));
        retryable = retryPolicy.retryOnStatus().contains(lastStatus);
      } catch (SSLHandshakeException e) {
        listener.attempted(attempts, 0, e.getClass().getSimpleName());
        return new BatchOutcome(key, ids, false, attempts, 0, credentials.scrub(AttemptFailures.handshake(shownUrl, e)));
      } catch (IOException e) {
        // Connection refused or closed, and HttpTimeoutException: worth another attempt.
        lastStatus = 0;
        listener.attempted(attempts, 0, e.getClass().getSimpleName());
        error = credentials.scrub(AttemptFailures.unreachable(shownUrl, e));
        retryable = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return new BatchOutcome(key, ids, false, attempts, lastStatus, AttemptFailures.interrupted(shownUrl));
      }
      if (!retryable) {
        break;
      }
    }
    return new BatchOutcome(key, ids, false, attempts, lastStatus, error);
  }

  private HttpRequest request(byte[] body, String key) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header(IDEMPOTENCY_KEY, key)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(b::setHeader);
    String authorization = credentials.authorization();
    if (authorization != null) {
      b.setHeader("Authorization", authorization);
    }
    return b.build();
  }

  // Equal jitter: at least half the policy's delay, so that backoff still grows, and spread so that
  // parallel batches that failed together do not retry together.
  private boolean pause(int retry) {
    long millis = retryPolicy.delay(retry).toMillis();
    long half = millis / 2;
    long wait = half + ThreadLocalRandom.current().nextLong(millis - half + 1);
    try {
      Thread.sleep(wait);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  List<String> ids(List<? extends Map<String, ?>> items) {
    List<String> ids = new ArrayList<>(items.size());
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < items.size(); i++) {
      Object id = items.get(i).get(idField);
      if (id == null || id.toString().isBlank()) {
        throw RuntimeErrors.deliveryItemWithoutId(idField, i);
      }
      if (!seen.add(id.toString())) {
        throw RuntimeErrors.deliveryIdDuplicated(idField, id.toString());
      }
      ids.add(id.toString());
    }
    return ids;
  }

  private static String withoutUserInfo(URI url) {
    return url.getRawUserInfo() == null ? url.toString() : url.toString().replace(url.getRawUserInfo() + "@", "***@");
  }

  @Override
  public String toString() {
    return "HttpDelivery[" + shownUrl + ", " + credentials + ", " + retryPolicy + "]";
  }

  public static final class Builder {
    private final URI url;
    private Credentials credentials = Credentials.none();
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private boolean verifyTls = true;
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String idField = "id";

    private Builder(URI url) {
      Objects.requireNonNull(url, "url");
      String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
      if (!url.isAbsolute() || !(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null) {
        throw RuntimeErrors.deliveryUrlInvalid(withoutUserInfo(url));
      }
      this.url = url;
    }

    public Builder credentials(Credentials credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /** False accepts any certificate and host name, e.g. a self-signed one; true by default. */
    public Builder verifyTls(boolean verifyTls) {
      this.verifyTls = verifyTls;
      return this;
    }

    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long one attempt may wait for the whole answer; a timeout is retried. */
    public Builder requestTimeout(Duration requestTimeout) {
      this.requestTimeout = positive(requestTimeout, "requestTimeout");
      return this;
    }

    /** Adds a header sent with every request; Authorization comes from the credentials and wins. */
    public Builder header(String name, String value) {
      this.headers.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public Builder headers(Map<String, String> headers) {
      headers.forEach(this::header);
      return this;
    }

    /** The item key holding each item's stable id; {@code id} by default. */
    public Builder idField(String idField) {
      this.idField = Objects.requireNonNull(idField, "idField");
      return this;
    }

    public HttpDelivery build() {
      return new HttpDelivery(this);
    }

    private static Duration positive(Duration d, String name) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException("Cannot configure delivery: " + name + " must be positive: " + d);
      }
      return d;
    }
  }
}
