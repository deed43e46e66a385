package io.vigil.runtime.mlflow;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * How requests authenticate: not at all, with a bearer token, or with HTTP basic auth (MLflow's
 * {@code --app-name basic-auth}). It knows its secrets so that it can remove them from any text that
 * leaves the package; {@link #toString()} never shows them.
 */
final class MlflowCredentials {
  private static final MlflowCredentials NONE = new MlflowCredentials(null, null, null);

  private final String username;
  private final String password;
  private final String token;

  private MlflowCredentials(String username, String password, String token) {
    this.username = username;
    this.password = password;
    this.token = token;
  }

  static MlflowCredentials none() {
    return NONE;
  }

  static MlflowCredentials token(String token) {
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("An MLflow token must not be empty");
    }
    return new MlflowCredentials(null, null, token);
  }

  static MlflowCredentials basic(String username, String password) {
    if (username == null || username.isBlank() || password == null) {
      throw new IllegalArgumentException("MLflow basic auth needs a username and a password");
    }
    return new MlflowCredentials(username, password, null);
  }

  /** The value of the Authorization header, when there is one. */
  Optional<String> authorization() {
    if (token != null) {
      return Optional.of("Bearer " + token);
    }
    if (password != null) {
      String pair = username + ":" + password;
      return Optional.of("Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
    }
    return Optional.empty();
  }

  /** {@code text} with every secret this holds, plain or as sent, replaced by {@code ***}. */
  String redact(String text) {
    if (text == null) {
      return null;
    }
    String out = text;
    for (String secret : new String[] {token, password, authorization().map(a -> a.substring(a.indexOf(' ') + 1)).orElse(null)}) {
      if (secret != null && !secret.isEmpty()) {
        out = out.replace(secret, "***");
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return token != null ? "token" : password != null ? "user " + username : "anonymous";
  }
}
