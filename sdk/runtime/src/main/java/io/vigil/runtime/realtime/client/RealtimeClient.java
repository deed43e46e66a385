package io.vigil.runtime.realtime.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A typed client of {@code vigil serve}: it authenticates with the solution's client secret, keeps
 * the token, authenticates again when the token has expired, and evaluates records. Thread-safe.
 *
 * <pre>{@code
 * RealtimeClient client = RealtimeClient.builder(URI.create("http://127.0.0.1:8490"), "aml", secret).build();
 * RealtimeAnswer answer = client.evaluate("card_payment", Map.of("trans_id", "t1", "amount", 950.0));
 * if (answer.match()) { ... }
 * }</pre>
 */
public final class RealtimeClient {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final URI base;
  private final String solution;
  private final String clientSecret;
  private final Duration timeout;
  private final HttpClient http;
  private volatile String token;

  private RealtimeClient(Builder b) {
    this.base = b.base;
    this.solution = b.solution;
    this.clientSecret = b.clientSecret;
    this.timeout = b.timeout;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(b.timeout).build();
  }

  public static Builder builder(URI base, String solution, String clientSecret) {
    return new Builder(base, solution, clientSecret);
  }

  /**
   * Gets a token from {@code POST /auth}.
   *
   * @throws IllegalStateException when the server refuses the credentials; the message never holds them
   */
  public void authenticate() {
    String body = json(Map.of("clientId", "platform-ingestion-" + solution, "clientSecret", clientSecret));
    HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/auth")).timeout(timeout)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    if (r.statusCode() != 200) {
      throw new IllegalStateException("Cannot authenticate to " + base + ": the server answered " + r.statusCode());
    }
    token = tree(r.body()).path("result").path("token").asText();
  }

  /** Evaluates one record of {@code flow}; authenticates first when needed, and once more after a 401. */
  public RealtimeAnswer evaluate(String flow, Map<String, ?> record) {
    return evaluateJson(flow, json(record));
  }

  /** The same with the record as JSON text, sent as it is. */
  public RealtimeAnswer evaluateJson(String flow, String record) {
    if (token == null) {
      authenticate();
    }
    HttpResponse<String> r = post(flow, record);
    if (r.statusCode() == 401) {
      authenticate();
      r = post(flow, record);
    }
    return answer(r);
  }

  private HttpResponse<String> post(String flow, String record) {
    URI uri = base.resolve("/evaluate/v1/" + URLEncoder.encode(solution, StandardCharsets.UTF_8) + "/"
        + URLEncoder.encode(flow, StandardCharsets.UTF_8));
    return send(HttpRequest.newBuilder(uri).timeout(timeout).header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.ofString(record)).build());
  }

  private static RealtimeAnswer answer(HttpResponse<String> r) {
    JsonNode body = tree(r.body());
    List<RealtimeAnswer.Alert> alerts = new ArrayList<>();
    for (JsonNode a : body.path("alerts")) {
      alerts.add(new RealtimeAnswer.Alert(a.path("alert_id").asText(), a.path("risk").asText(),
          a.path("severity").isNumber() ? a.get("severity").asInt() : null, text(a, "display_name"), text(a, "description"),
          a.path("suppressed").asBoolean()));
    }
    Integer retryAfter = r.headers().firstValue("Retry-After").map(Integer::valueOf).orElse(null);
    return new RealtimeAnswer(r.statusCode(), body.path("match").asBoolean(false), text(body, "tr_id"),
        body.path("score").isNumber() ? body.get("score").asDouble() : null, alerts, text(body, "error"), retryAfter, body);
  }

  private static String text(JsonNode node, String field) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot reach " + base + ": " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while calling " + base, e);
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Cannot write the record as JSON: " + e.getOriginalMessage(), e);
    }
  }

  private static JsonNode tree(String text) {
    try {
      return text == null || text.isEmpty() ? JSON.createObjectNode() : JSON.readTree(text);
    } catch (JsonProcessingException e) {
      return JSON.createObjectNode();
    }
  }

  public static final class Builder {
    private final URI base;
    private final String solution;
    private final String clientSecret;
    private Duration timeout = Duration.ofSeconds(10);

    private Builder(URI base, String solution, String clientSecret) {
      this.base = Objects.requireNonNull(base, "base");
      this.solution = Objects.requireNonNull(solution, "solution");
      this.clientSecret = Objects.requireNonNull(clientSecret, "clientSecret");
    }

    public Builder timeout(Duration timeout) {
      this.timeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    public RealtimeClient build() {
      return new RealtimeClient(this);
    }
  }
}
