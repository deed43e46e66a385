package io.vigil.runtime.delivery;

import io.vigil.api.distribution.AuthenticationMode;
import io.vigil.runtime.store.Secret;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * Resolved credentials for a target: nothing, a user and password (BASIC), or a token (BEARER).
 * They never show themselves: {@code toString} names only the mode and the user.
 *
 * <pre>{@code
 * Credentials credentials = Credentials.basic("cm_user", resolver.resolve("env:CM_PASSWORD", "target cm"));
 * }</pre>
 */
public final class Credentials {
  private static final Credentials NONE = new Credentials(AuthenticationMode.NO_AUTH, null, null);

  private final AuthenticationMode mode;
  private final String username;
  private final Secret secret;

  private Credentials(AuthenticationMode mode, String username, Secret secret) {
    this.mode = mode;
    this.username = username;
    this.secret = secret;
  }

  public static Credentials none() {
    return NONE;
  }

  public static Credentials basic(String username, Secret password) {
    return new Credentials(AuthenticationMode.BASIC_AUTH, Objects.requireNonNull(username, "username"),
        Objects.requireNonNull(password, "password"));
  }

  public static Credentials bearer(Secret token) {
    return new Credentials(AuthenticationMode.BEARER_TOKEN, null, Objects.requireNonNull(token, "token"));
  }

  public AuthenticationMode mode() {
    return mode;
  }

  /** The {@code Authorization} header value, or null for no authentication. */
  String authorization() {
    return switch (mode) {
      case NO_AUTH -> null;
      case BASIC_AUTH -> "Basic " + Base64.getEncoder()
          .encodeToString((username + ":" + secret.reveal()).getBytes(StandardCharsets.UTF_8));
      case BEARER_TOKEN -> "Bearer " + secret.reveal();
    };
  }

  /** {@code text} with the secret and the header made from it replaced by {@code ***}, for messages. */
  String scrub(String text) {
    if (text == null || secret == null) {
      return text;
    }
    String header = authorization();
    String out = text.replace(header, "***").replace(header.substring(header.indexOf(' ') + 1), "***");
    return secret.reveal().isEmpty() ? out : out.replace(secret.reveal(), "***");
  }

  @Override
  public String toString() {
    return switch (mode) {
      case NO_AUTH -> "Credentials[NO_AUTH]";
      case BASIC_AUTH -> "Credentials[BASIC_AUTH, username=" + username + ", password=****]";
      case BEARER_TOKEN -> "Credentials[BEARER_TOKEN, token=****]";
    };
  }
}
