package io.vigil.runtime.realtime;

import io.vigil.runtime.store.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens of {@code POST /auth} (S1 §10.4): a client named {@code platform-ingestion-<solution>}
 * that presents the expected secret gets a random bearer token for a while. Only a hash of each
 * token is kept, and secrets are compared in constant time. Tokens live in memory: after a restart
 * clients authenticate again.
 */
final class TokenAuthority {
  /** A token as handed out: its text and how long it lives. */
  record Issued(String token, long expiresInSeconds) {}

  private final String clientId;
  private final byte[] secret;
  private final Duration ttl;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Long> expiries = new ConcurrentHashMap<>();

  TokenAuthority(String solution, Secret secret, Duration ttl, Clock clock) {
    this.clientId = "platform-ingestion-" + solution;
    this.secret = secret.reveal().getBytes(StandardCharsets.UTF_8);
    this.ttl = ttl;
    this.clock = clock;
  }

  String clientId() {
    return clientId;
  }

  /** A new token for a client with the right id and secret, else empty. */
  Optional<Issued> issue(String client, String presented) {
    boolean idOk = client != null && MessageDigest.isEqual(client.getBytes(StandardCharsets.UTF_8),
        clientId.getBytes(StandardCharsets.UTF_8));
    boolean secretOk = presented != null && MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), secret);
    if (!idOk || !secretOk) {
      return Optional.empty();
    }
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    long now = clock.millis();
    expiries.put(hash(token), now + ttl.toMillis());
    expiries.values().removeIf(e -> e <= now);
    return Optional.of(new Issued(token, ttl.toSeconds()));
  }

  /** Whether an {@code Authorization} header carries a token that is still valid. */
  boolean accepts(String authorization) {
    if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    Long expiry = expiries.get(hash(authorization.substring(7).strip()));
    return expiry != null && expiry > clock.millis();
  }

  private static String hash(String token) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
