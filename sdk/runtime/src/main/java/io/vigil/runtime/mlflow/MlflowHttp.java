package io.vigil.runtime.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

/**
 * The HTTP side of the client: JSON calls to {@code /api/2.0/mlflow/…} and file transfers to the
 * artifact proxy, with the Authorization header, over HTTP/1.1 (uvicorn, which serves MLflow 3,
 * rejects the h2c upgrade the JDK client offers on requests with a body).
 */
final class MlflowHttp {
  static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration TRANSFER_TIMEOUT = Duration.ofMinutes(30);

  private final URI base;
  private final MlflowCredentials credentials;
  private final HttpClient http;

  MlflowHttp(URI base, MlflowCredentials credentials) {
    this.base = base;
    this.credentials = credentials;
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  URI base() {
    return base;
  }

  MlflowCredentials credentials() {
    return credentials;
  }

  /** GET {@code /api/2.0/mlflow/<method>?<query>}. */
  JsonNode get(String method, Map<String, String> query, String action) {
    return json(call("GET", api(method, query), null, action), action);
  }

  /** Like {@link #get} but null when MLflow answers RESOURCE_DOES_NOT_EXIST. */
  JsonNode getIfExists(String method, Map<String, String> query, String action) {
    HttpResponse<String> response = call("GET", api(method, query), null, action);
    if (isMissing(response)) {
      return null;
    }
    return json(response, action);
  }

  JsonNode post(String method, JsonNode body, String action) {
    return json(call("POST", api(method, Map.of()), body, action), action);
  }

  JsonNode delete(String method, JsonNode body, String action) {
    return json(call("DELETE", api(method, Map.of()), body, action), action);
  }

  /** GET an absolute URL of the same server (the artifact proxy's listing) as JSON. */
  JsonNode getUrl(URI url, String action) {
    return json(call("GET", url, null, action), action);
  }

  /** PUT a file's bytes to {@code url}. */
  void upload(URI url, Path file, String action) {
    HttpRequest.Builder request = request(url, TRANSFER_TIMEOUT).header("Content-Type", "application/octet-stream");
    try {
      request.PUT(HttpRequest.BodyPublishers.ofFile(file));
    } catch (IOException e) {
      throw RuntimeErrors.artifactFilesFailed(action, e);
    }
    json(send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), action), action);
  }

  /** GET {@code url} into {@code target}, through a temporary sibling so that a failed transfer leaves nothing. */
  void download(URI url, Path target, String action) {
    HttpResponse<InputStream> response = send(request(url, TRANSFER_TIMEOUT).GET().build(),
        HttpResponse.BodyHandlers.ofInputStream(), action);
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        String text = new String(body.readAllBytes(), StandardCharsets.UTF_8);
        throw failure(action, response.statusCode(), text);
      }
      Files.createDirectories(target.toAbsolutePath().getParent());
      Path partial = target.resolveSibling(target.getFileName() + ".partial");
      Files.copy(body, partial, StandardCopyOption.REPLACE_EXISTING);
      Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw RuntimeErrors.artifactFilesFailed(action, e);
    }
  }

  private HttpResponse<String> call(String method, URI url, JsonNode body, String action) {
    HttpRequest.Builder request = request(url, CALL_TIMEOUT).header("Accept", "application/json");
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
    }
    return send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8), action);
  }

  private HttpRequest.Builder request(URI url, Duration timeout) {
    HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout);
    credentials.authorization().ifPresent(value -> request.header("Authorization", value));
    return request;
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler, String action) {
    try {
      return http.send(request, handler);
    } catch (IOException e) {
      throw unreachable(action, base, e, credentials);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw RuntimeErrors.interrupted(action, e);
    }
  }

  private JsonNode json(HttpResponse<String> response, String action) {
    if (response.statusCode() / 100 != 2) {
      throw failure(action, response.statusCode(), response.body());
    }
    try {
      String body = response.body();
      return body == null || body.isBlank() ? JSON.createObjectNode() : JSON.readTree(body);
    } catch (JsonProcessingException e) {
      throw unreadable(action, base, e, credentials);
    }
  }

  private VigilException failure(String action, int status, String body) {
    String errorCode = null;
    String message = body;
    try {
      JsonNode error = body == null || body.isBlank() ? null : JSON.readTree(body);
      if (error != null && error.isObject()) {
        errorCode = error.path("error_code").isTextual() ? error.get("error_code").asText() : null;
        message = error.path("message").isTextual() ? error.get("message").asText() : body;
      }
    } catch (JsonProcessingException e) {
      // Not JSON (a proxy's or the auth app's page): show the text.
    }
    return answered(action, base, status, errorCode, message, credentials);
  }

  // Every text from the server or the transport may echo a credential, so it is redacted before it
  // reaches a message.

  static VigilException answered(String action, URI base, int status, String errorCode, String detail,
      MlflowCredentials credentials) {
    return RuntimeErrors.mlflowAnswered(action, base, status, errorCode, credentials.redact(detail));
  }

  static VigilException unreachable(String action, URI base, IOException cause, MlflowCredentials credentials) {
    String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
    return RuntimeErrors.mlflowUnreachable(action, base, credentials.redact(why), cause);
  }

  static VigilException unreadable(String action, URI base, Exception cause, MlflowCredentials credentials) {
    return RuntimeErrors.mlflowUnreadable(action, base, credentials.redact(String.valueOf(cause.getMessage())), cause);
  }

  private static boolean isMissing(HttpResponse<String> response) {
    if (response.statusCode() != 404) {
      return false;
    }
    try {
      return "RESOURCE_DOES_NOT_EXIST".equals(JSON.readTree(response.body()).path("error_code").asText());
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  private URI api(String method, Map<String, String> query) {
    StringBuilder url = new StringBuilder(base.toString()).append("/api/2.0/mlflow/").append(method);
    char separator = '?';
    for (Map.Entry<String, String> e : new java.util.TreeMap<>(query).entrySet()) {
      url.append(separator).append(e.getKey()).append('=').append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
      separator = '&';
    }
    return URI.create(url.toString());
  }
}
