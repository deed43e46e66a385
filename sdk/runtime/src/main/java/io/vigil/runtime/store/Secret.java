package io.vigil.runtime.store;

import java.util.Objects;

/** A secret value that never shows itself in logs, messages or {@code toString}. */
public final class Secret {
  private final String value;

  private Secret(String value) {
    this.value = Objects.requireNonNull(value, "value");
  }

  public static Secret of(String value) {
    return value == null ? null : new Secret(value);
  }

  /** The secret itself; pass it straight to the client that needs it and nowhere else. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "****";
  }
}
