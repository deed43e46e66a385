package io.vigil.api.distribution;

/** How a target authenticates Vigil's HTTP requests (S1 §9.2, §10.6.2). */
public enum AuthenticationMode {
  /** No credentials are sent. */
  NO_AUTH,
  /** HTTP basic authentication with the {@code username} and {@code password} configuration keys. */
  BASIC_AUTH,
  /** An {@code Authorization: Bearer} header with the {@code token} configuration key. */
  BEARER_TOKEN
}
