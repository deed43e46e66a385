package io.vigil.runtime.realtime;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@code vigil serve} runs: where it listens, how much work it takes at once, and how long its
 * tokens live.
 *
 * @param host the address to bind; loopback unless a gateway sits in front
 * @param port the port, 0 for any free one
 * @param workers threads that evaluate requests, and the size of the Postgres pool
 * @param queueCapacity requests waiting for a worker; past it the server answers 503
 * @param maxBodyBytes the largest body accepted; larger ones get 413
 * @param tokenTtl how long a token from {@code POST /auth} stays valid
 * @param distributeEvery how often the alerts outbox is sent to the flows' targets
 * @param drainTimeout how long a shutdown waits for requests in flight
 */
public record RealtimeOptions(String host, int port, int workers, int queueCapacity, int maxBodyBytes, Duration tokenTtl,
    Duration distributeEvery, Duration drainTimeout) {
  public RealtimeOptions {
    Objects.requireNonNull(host, "host");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Cannot serve on port " + port + ": ports are 0 to 65535");
    }
    positive(workers, "workers");
    positive(queueCapacity, "queue capacity");
    positive(maxBodyBytes, "max body bytes");
    Objects.requireNonNull(tokenTtl, "tokenTtl");
    Objects.requireNonNull(distributeEvery, "distributeEvery");
    Objects.requireNonNull(drainTimeout, "drainTimeout");
  }

  public static Builder builder() {
    return new Builder();
  }

  private static void positive(int value, String what) {
    if (value <= 0) {
      throw new IllegalArgumentException("Cannot serve with a " + what + " of " + value + ": it must be positive");
    }
  }

  public static final class Builder {
    private String host = "127.0.0.1";
    private int port = 8490;
    private int workers = 8;
    private int queueCapacity = 512;
    private int maxBodyBytes = 64 * 1024;
    private Duration tokenTtl = Duration.ofHours(1);
    private Duration distributeEvery = Duration.ofSeconds(5);
    private Duration drainTimeout = Duration.ofSeconds(30);

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder workers(int workers) {
      this.workers = workers;
      return this;
    }

    public Builder queueCapacity(int queueCapacity) {
      this.queueCapacity = queueCapacity;
      return this;
    }

    public Builder maxBodyBytes(int maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder tokenTtl(Duration tokenTtl) {
      this.tokenTtl = tokenTtl;
      return this;
    }

    public Builder distributeEvery(Duration distributeEvery) {
      this.distributeEvery = distributeEvery;
      return this;
    }

    public Builder drainTimeout(Duration drainTimeout) {
      this.drainTimeout = drainTimeout;
      return this;
    }

    public RealtimeOptions build() {
      return new RealtimeOptions(host, port, workers, queueCapacity, maxBodyBytes, tokenTtl, distributeEvery, drainTimeout);
    }
  }
}
