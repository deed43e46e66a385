package io.vigil.runtime.store;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.runtime.errors.RuntimeErrors;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.gaul.s3proxy.BlobStores;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;

/**
 * The embedded stores: PostgreSQL (zonky) and an S3 endpoint (S3Proxy on the file system), both
 * on loopback, with their data under one home directory so that it survives a restart. One stack
 * runs per home; {@code stack.json} tells other processes where it listens, and the S3 secret is
 * kept in a file only the owner can read.
 */
public final class EmbeddedStack implements AutoCloseable {
  public static final String ACCESS_KEY = "vigil";
  private static final String STATE_FILE = "stack.json";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;
  private final EmbeddedPostgres postgres;
  private final S3Proxy s3;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final Secret s3Secret;

  private EmbeddedStack(Path home, EmbeddedPostgres postgres, S3Proxy s3, FileChannel lockChannel, FileLock lock, Secret s3Secret) {
    this.home = home;
    this.postgres = postgres;
    this.s3 = s3;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.s3Secret = s3Secret;
  }

  /** Starts the stack under {@code home}, reusing its data. Fails with CONFLICT when another process runs it. */
  public static EmbeddedStack start(Path home) {
    try {
      Files.createDirectories(home);
      FileChannel channel = FileChannel.open(home.resolve("stack.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null;
      }
      if (lock == null) {
        channel.close();
        throw RuntimeErrors.embeddedStackRunning(home);
      }
      Secret secret = s3Secret(home);
      EmbeddedPostgres pg = null;
      S3Proxy proxy = null;
      try {
        pg = EmbeddedPostgres.builder()
            .setDataDirectory(home.resolve("postgres"))
            .setCleanDataDirectory(false)
            .setPort(0)
            .setServerConfig("listen_addresses", "127.0.0.1")
            .setServerConfig("synchronous_commit", "off")
            .setServerConfig("max_connections", "100")
            .setPGStartupWait(Duration.ofSeconds(60))
            .start();
        proxy = startS3(home.resolve("s3"), secret);
      } catch (Exception e) {
        closeQuietly(pg, proxy);
        lock.release();
        channel.close();
        throw RuntimeErrors.embeddedStackUnstartable(home, e);
      }
      EmbeddedStack stack = new EmbeddedStack(home, pg, proxy, channel, lock, secret);
      stack.writeState();
      return stack;
    } catch (IOException e) {
      throw RuntimeErrors.embeddedStackUnstartable(home, e);
    }
  }

  /** Settings that point at a stack another process runs under {@code home}, or null when none answers. */
  public static StoreSettings attach(StoreSettings base) {
    Path state = base.home().resolve(STATE_FILE);
    if (!Files.isRegularFile(state)) {
      return null;
    }
    try {
      @SuppressWarnings("unchecked")
      Map<String, Object> s = JSON.readValue(Files.readString(state), Map.class);
      long pid = ((Number) s.get("pid")).longValue();
      int pgPort = ((Number) s.get("pg_port")).intValue();
      URI s3 = URI.create((String) s.get("s3_endpoint"));
      if (ProcessHandle.current().pid() == pid || !ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
          || !listening(pgPort) || !listening(s3.getPort())) {
        return null;
      }
      Secret secret = Secret.of(Files.readString(Path.of((String) s.get("s3_secret_file"))).strip());
      return base.withPostgres((String) s.get("pg_url"), "postgres", null)
          .withObjectStore(s3.toString(), ACCESS_KEY, secret);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Settings that point at this stack, keeping user, warehouse and home of {@code base}. */
  public StoreSettings settings(StoreSettings base) {
    return base.withPostgres(pgUrl(), "postgres", null).withObjectStore(s3Endpoint(), ACCESS_KEY, s3Secret);
  }

  public String pgUrl() {
    return "jdbc:postgresql://127.0.0.1:" + postgres.getPort() + "/postgres";
  }

  public String s3Endpoint() {
    return "http://127.0.0.1:" + s3.getPort();
  }

  public Path home() {
    return home;
  }

  /** The file holding the S3 secret key (readable by the owner only). */
  public Path s3SecretFile() {
    return home.resolve("secrets").resolve("s3-secret-key");
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(home.resolve(STATE_FILE));
    } catch (IOException ignored) {
      // The next start rewrites it; attach() also checks the pid.
    }
    closeQuietly(postgres, s3);
    try {
      lock.release();
      lockChannel.close();
    } catch (IOException ignored) {
      // Closing the channel releases the lock in any case.
    }
  }

  private void writeState() throws IOException {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("pid", ProcessHandle.current().pid());
    state.put("pg_port", postgres.getPort());
    state.put("pg_url", pgUrl());
    state.put("s3_endpoint", s3Endpoint());
    state.put("s3_access_key", ACCESS_KEY);
    state.put("s3_secret_file", s3SecretFile().toString());
    state.put("started_at", Instant.now().toString());
    Files.writeString(home.resolve(STATE_FILE), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(state));
  }

  private static S3Proxy startS3(Path dir, Secret secret) throws Exception {
    Files.createDirectories(dir);
    Properties props = new Properties();
    props.setProperty("jclouds.filesystem.basedir", dir.toString());
    props.setProperty("jclouds.identity", ACCESS_KEY);
    props.setProperty("jclouds.credential", secret.reveal());
    BlobStore store = BlobStores.create("filesystem", props);
    S3Proxy proxy = S3Proxy.builder()
        .blobStore(store)
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, secret.reveal())
        .ignoreUnknownHeaders(true)
        .endpoint(URI.create("http://127.0.0.1:0"))
        .build();
    proxy.start();
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!"STARTED".equals(proxy.getState())) {
      if (System.nanoTime() > deadline) {
        proxy.stop();
        throw new IllegalStateException("S3Proxy did not start within 30 s");
      }
      Thread.sleep(20);
    }
    return proxy;
  }

  /** The S3 secret of this home, created once with owner-only permissions. */
  private static Secret s3Secret(Path home) throws IOException {
    Path file = home.resolve("secrets").resolve("s3-secret-key");
    if (Files.isRegularFile(file)) {
      return Secret.of(Files.readString(file, StandardCharsets.UTF_8).strip());
    }
    Files.createDirectories(file.getParent());
    byte[] bytes = new byte[24];
    new SecureRandom().nextBytes(bytes);
    String value = HexFormat.of().formatHex(bytes);
    Files.writeString(file, value, StandardCharsets.UTF_8);
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      Files.setPosixFilePermissions(file.getParent(), PosixFilePermissions.fromString("rwx------"));
    } catch (UnsupportedOperationException ignored) {
      // Not a POSIX file system; the home directory's own permissions apply.
    }
    return Secret.of(value);
  }

  private static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void closeQuietly(EmbeddedPostgres pg, S3Proxy proxy) {
    if (proxy != null) {
      try {
        proxy.stop();
      } catch (Exception ignored) {
        // Stopping is best effort; the process is about to release the port anyway.
      }
    }
    if (pg != null) {
      try {
        pg.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
