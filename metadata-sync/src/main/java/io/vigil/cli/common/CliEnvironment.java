package io.vigil.cli.common;

import java.util.Map;

/**
 * The environment variables commands read their configuration from. Tests replace it, since a JVM
 * cannot change its own environment.
 */
public final class CliEnvironment {
  private static volatile Map<String, String> override;

  private CliEnvironment() {}

  public static Map<String, String> get() {
    Map<String, String> o = override;
    return o != null ? o : System.getenv();
  }

  /** Uses {@code env} instead of the process environment until the returned handle is closed. */
  public static AutoCloseable use(Map<String, String> env) {
    Map<String, String> previous = override;
    override = Map.copyOf(env);
    return () -> override = previous;
  }
}
