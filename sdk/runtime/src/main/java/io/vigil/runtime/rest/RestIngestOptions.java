package io.vigil.runtime.rest;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link RestIngestServer} listens, where it buffers and how often it checks for due flushes.
 *
 * <pre>{@code
 * RestIngestOptions.builder().port(8480).build()
 * }</pre>
 *
 * @param host the address to bind (default {@code 127.0.0.1}: the endpoint has no authentication of
 *     its own, so expose it only behind a gateway that authenticates clients)
 * @param port the TCP port; 0 picks a free one (see {@link RestIngestServer#port()})
 * @param bufferDir the durable buffer; null means {@code <VIGIL_HOME>/rest-buffer/<solution>}
 * @param maxBodyBytes the largest request body accepted; larger ones get 413 (default 10 MB)
 * @param maxRecordsPerRequest the most records one request may hold; more get 413 (default 10,000).
 *     Bounds the memory a request takes, since even {@code {}} is a record
 * @param clock the time used to stamp records and decide time-based flushes (tests inject one)
 * @param checkInterval how often buffers are checked for a due time-based flush (default 1 s)
 * @param threads threads serving HTTP requests (default 8)
 */
public record RestIngestOptions(
    String host,
    int port,
    Path bufferDir,
    long maxBodyBytes,
    int maxRecordsPerRequest,
    Clock clock,
    Duration checkInterval,
    int threads) {

  public static final long DEFAULT_MAX_BODY_BYTES = 10L * 1024 * 1024;
  public static final int DEFAULT_MAX_RECORDS_PER_REQUEST = 10_000;

  public RestIngestOptions {
    host = host == null || host.isBlank() ? "127.0.0.1" : host;
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("Cannot use port " + port + ": it must be 0..65535");
    }
    if (maxBodyBytes <= 0) {
      maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
    }
    if (maxRecordsPerRequest <= 0) {
      maxRecordsPerRequest = DEFAULT_MAX_RECORDS_PER_REQUEST;
    }
    clock = clock == null ? Clock.systemUTC() : clock;
    checkInterval = checkInterval == null || checkInterval.isNegative() || checkInterval.isZero()
        ? Duration.ofSeconds(1) : checkInterval;
    threads = threads <= 0 ? 8 : threads;
  }

  /** Loopback, a free port, the default buffer directory. */
  public static RestIngestOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private String host;
    private int port;
    private Path bufferDir;
    private long maxBodyBytes;
    private int maxRecordsPerRequest;
    private Clock clock;
    private Duration checkInterval;
    private int threads;

    private Builder() {}

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder bufferDir(Path bufferDir) {
      this.bufferDir = bufferDir;
      return this;
    }

    public Builder maxBodyBytes(long maxBodyBytes) {
      this.maxBodyBytes = maxBodyBytes;
      return this;
    }

    public Builder maxRecordsPerRequest(int maxRecordsPerRequest) {
      this.maxRecordsPerRequest = maxRecordsPerRequest;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    public Builder checkInterval(Duration checkInterval) {
      this.checkInterval = checkInterval;
      return this;
    }

    public Builder threads(int threads) {
      this.threads = threads;
      return this;
    }

    public RestIngestOptions build() {
      return new RestIngestOptions(host, port, bufferDir, maxBodyBytes, maxRecordsPerRequest, clock, checkInterval, threads);
    }
  }
}
