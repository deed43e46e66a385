package io.vigil.runtime.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.store.ObjectStore;
import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The durable buffer of one connector: a directory of journal segments.
 *
 * <ul>
 *   <li>{@code active-<seq>.log} takes appends. Each accepted request is one line,
 *       {@code <crc32> <records> <epoch-millis> <json array of records>}, written and forced to disk
 *       before the request is acknowledged. A request is all or nothing: a line torn by a crash
 *       fails its checksum, was never acknowledged, and is cut off when the segment is replayed.
 *   <li>A flush seals the active segment by renaming it {@code sealed-<seq>-<yyyyMMddHHmmssSSS>.log}
 *       (appends continue in a new active segment), writes it as one landing object whose key is
 *       derived from that name alone, and only then deletes it. A crash in between leaves the sealed
 *       segment, which the next flush writes again under the same key: the object is replaced, never
 *       duplicated. If the key is already in the landing folder, or upload already archived it, the
 *       segment is simply deleted.
 * </ul>
 */
final class ConnectorBuffer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectorBuffer.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS").withZone(ZoneOffset.UTC);
  private static final Pattern ACTIVE = Pattern.compile("active-(\\d{12})\\.log");
  private static final Pattern SEALED = Pattern.compile("sealed-(\\d{12})-(\\d{17})\\.log");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonFactory FACTORY = JSON.getFactory();
  /** How long a failed delivery waits before the scheduler tries again. */
  static final long RETRY_MILLIS = 10_000;

  private record Sealed(long seq, String stamp, Path path) {}

  private final RecordSchema schema;
  private final Path dir;
  private final Clock clock;
  private final ObjectStore objects;
  private final Layout layout;
  /** Guards the active segment and the counters; held only for local file work, never for uploads. */
  private final ReentrantLock appendLock = new ReentrantLock();
  /** Serializes flushes of this connector, so each sealed segment is delivered by one thread. */
  private final ReentrantLock flushLock = new ReentrantLock();
  private final NavigableMap<Long, Sealed> sealed = new ConcurrentSkipListMap<>();
  /** Sealed segments whose landing object may already exist: recovered ones, and ones whose delivery failed. */
  private final Set<Long> uncertain = ConcurrentHashMap.newKeySet();
  private FileChannel active;
  private long activeSeq;
  private long activeSize;
  private long count;
  private long oldestMillis;
  private boolean closed;
  private volatile long retryAtMillis;

  /** Opens (creating if needed) the buffer in {@code dir} and replays what an earlier run left. */
  ConnectorBuffer(RecordSchema schema, Path dir, Clock clock, ObjectStore objects, Layout layout) {
    this.schema = schema;
    this.dir = dir;
    this.clock = clock;
    this.objects = objects;
    this.layout = layout;
    try {
      Files.createDirectories(dir);
      recover();
    } catch (IOException e) {
      throw RuntimeErrors.restBufferUnopenable(schema.connector(), dir, e);
    }
  }

  private void recover() throws IOException {
    List<Long> actives = new ArrayList<>();
    long maxSeq = 0;
    try (Stream<Path> files = Files.list(dir)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        String name = p.getFileName().toString();
        Matcher a = ACTIVE.matcher(name);
        Matcher s = SEALED.matcher(name);
        if (a.matches()) {
          actives.add(Long.parseLong(a.group(1)));
        } else if (s.matches()) {
          long seq = Long.parseLong(s.group(1));
          sealed.put(seq, new Sealed(seq, s.group(2), p));
          maxSeq = Math.max(maxSeq, seq);
        } else if (name.endsWith(".tmp")) {
          Files.delete(p); // a landing file being written when the process stopped
        }
      }
    }
    // Every segment an earlier run sealed may have reached the store before the crash.
    uncertain.addAll(sealed.keySet());
    actives.sort(null);
    activeSeq = maxSeq + 1;
    for (long seq : actives) {
      Path p = activePath(seq);
      Replay r = replay(p);
      boolean newest = seq == actives.get(actives.size() - 1) && seq > maxSeq;
      if (newest) {
        activeSeq = seq;
        count = r.records;
        oldestMillis = r.oldestMillis;
      } else if (r.records == 0) {
        Files.delete(p);
      } else {
        // Only one active segment exists unless something else wrote here; keep its records, in order.
        sealed.put(seq, sealTo(p, seq));
        maxSeq = Math.max(maxSeq, seq);
        activeSeq = Math.max(activeSeq, maxSeq + 1);
      }
    }
    openActive();
    if (count > 0 || !sealed.isEmpty()) {
      LOG.info("REST buffer of connector {}: {} buffered records and {} segments awaiting delivery recovered from {}",
          schema.connector(), count, sealed.size(), dir);
    }
  }

  private record Replay(long records, long oldestMillis) {}

  /** Counts the intact lines of a segment and cuts off a torn tail. */
  private Replay replay(Path p) throws IOException {
    long records = 0;
    long oldest = 0;
    long good = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(p))) {
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        Line l = Line.parse(line.toByteArray());
        if (l == null) {
          break;
        }
        if (records == 0) {
          oldest = l.millis;
        }
        records += l.records;
        good += line.size() + 1;
        line.reset();
      }
    }
    long size = Files.size(p);
    if (good < size) {
      LOG.warn("REST buffer of connector {}: cutting {} bytes of an unacknowledged, incomplete write from {}",
          schema.connector(), size - good, p.getFileName());
      try (FileChannel ch = FileChannel.open(p, StandardOpenOption.WRITE)) {
        ch.truncate(good);
        ch.force(true);
      }
    }
    return new Replay(records, oldest);
  }

  /** A journal line: {@code <crc32 hex> <records> <epoch millis> <json>}; the checksum covers all after the first space. */
  private record Line(long records, long millis, byte[] json) {
    static byte[] encode(int records, long millis, byte[] json) {
      byte[] head = (records + " " + millis + " ").getBytes(StandardCharsets.US_ASCII);
      CRC32 crc = new CRC32();
      crc.update(head);
      crc.update(json);
      byte[] sum = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
      ByteBuffer out = ByteBuffer.allocate(sum.length + head.length + json.length + 1);
      out.put(sum).put(head).put(json).put((byte) '\n');
      return out.array();
    }

    /** The line, or null when it is damaged. */
    static Line parse(byte[] line) {
      if (line.length < 9 || line[8] != ' ') {
        return null;
      }
      CRC32 crc = new CRC32();
      crc.update(line, 9, line.length - 9);
      String rest;
      try {
        long sum = Long.parseLong(new String(line, 0, 8, StandardCharsets.US_ASCII), 16);
        if (sum != crc.getValue()) {
          return null;
        }
        rest = new String(line, 9, Math.min(line.length - 9, 48), StandardCharsets.US_ASCII);
        int a = rest.indexOf(' ');
        int b = rest.indexOf(' ', a + 1);
        long records = Long.parseLong(rest.substring(0, a));
        long millis = Long.parseLong(rest.substring(a + 1, b));
        byte[] json = java.util.Arrays.copyOfRange(line, 9 + b + 1, line.length);
        return new Line(records, millis, json);
      } catch (RuntimeException e) {
        return null;
      }
    }
  }

  private Path activePath(long seq) {
    return dir.resolve(String.format("active-%012d.log", seq));
  }

  private void openActive() throws IOException {
    Path p = activePath(activeSeq);
    boolean created = !Files.exists(p);
    active = FileChannel.open(p, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    activeSize = active.size();
    if (created) {
      syncDir(); // the new name must survive a crash, or the next seq could be reused
    }
  }

  /**
   * Appends the records of one request and forces them to disk; when this returns they survive a
   * crash. Returns the number of records now buffered in the active segment.
   */
  long append(List<Map<String, String>> records) throws IOException {
    byte[] json = JSON.writeValueAsBytes(records);
    appendLock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the REST buffer is closed");
      }
      if (active == null) {
        openActive(); // an earlier seal could not open the next segment; try again
      }
      long now = clock.millis();
      ByteBuffer buf = ByteBuffer.wrap(Line.encode(records.size(), now, json));
      long start = activeSize;
      try {
        long pos = start;
        while (buf.hasRemaining()) {
          pos += active.write(buf, pos);
        }
        active.force(false);
      } catch (IOException e) {
        // Cut the partial line so the next append does not follow garbage, which replay would drop with it.
        try {
          active.truncate(start);
          active.force(false);
        } catch (IOException again) {
          closeActiveQuietly();
          e.addSuppressed(again);
        }
        throw e;
      }
      activeSize = start + buf.capacity();
      if (count == 0) {
        oldestMillis = now;
      }
      count += records.size();
      return count;
    } finally {
      appendLock.unlock();
    }
  }

  /** Records buffered and not yet sealed. */
  long buffered() {
    appendLock.lock();
    try {
      return count;
    } finally {
      appendLock.unlock();
    }
  }

  /** Segments sealed and not yet delivered. */
  int pending() {
    return sealed.size();
  }

  /** True when the oldest buffered record is older than the flush interval, or a failed delivery is due for retry. */
  boolean due(long nowMillis) {
    if (!sealed.isEmpty() && nowMillis >= retryAtMillis) {
      return true;
    }
    appendLock.lock();
    try {
      return count > 0 && nowMillis - oldestMillis >= schema.flushIntervalMillis();
    } finally {
      appendLock.unlock();
    }
  }

  boolean full() {
    return buffered() >= schema.maxBufferedRecords();
  }

  /** Where a simulated crash stops a flush; tests use it to prove recovery, production never does. */
  enum CrashPoint { NONE, AFTER_SEAL, AFTER_UPLOAD }

  /** Seals what is buffered and delivers every sealed segment, oldest first. */
  FlushResult flush() {
    return flush(CrashPoint.NONE);
  }

  FlushResult flush(CrashPoint crash) {
    flushLock.lock();
    try {
      if (crash != CrashPoint.NONE) {
        retryAtMillis = Long.MAX_VALUE; // a crashed process retries nothing; only the next server recovers
      }
      seal();
      List<String> keys = new ArrayList<>();
      long records = 0;
      if (crash == CrashPoint.AFTER_SEAL) {
        return new FlushResult(schema.connector(), keys, records);
      }
      for (Iterator<Sealed> it = sealed.values().iterator(); it.hasNext(); ) {
        Sealed s = it.next();
        Delivered d = deliver(s, crash == CrashPoint.AFTER_UPLOAD);
        if (crash == CrashPoint.AFTER_UPLOAD) {
          keys.add(d.key);
          records += d.records;
          continue;
        }
        it.remove();
        if (d != null) {
          keys.add(d.key);
          records += d.records;
        }
      }
      if (crash == CrashPoint.NONE) {
        retryAtMillis = 0;
      }
      return new FlushResult(schema.connector(), keys, records);
    } catch (IOException | RuntimeException e) {
      retryAtMillis = clock.millis() + RETRY_MILLIS;
      if (e instanceof VigilException v) {
        throw v;
      }
      throw RuntimeErrors.restFlushFailed(schema.connector(), e);
    } finally {
      flushLock.unlock();
    }
  }

  /** Renames the active segment to a sealed one and starts the next. */
  private void seal() throws IOException {
    appendLock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the REST buffer is closed");
      }
      if (count == 0) {
        return;
      }
      active.force(true);
      active.close();
      active = null;
      long seq = activeSeq;
      sealed.put(seq, sealTo(activePath(seq), seq));
      activeSeq = seq + 1;
      count = 0;
      oldestMillis = 0;
      activeSize = 0;
      try {
        openActive();
      } catch (IOException e) {
        // The records are safe in the sealed segment; append opens the next segment later.
        LOG.warn("REST buffer of connector {}: cannot start segment {}: {}", schema.connector(), activeSeq, e.getMessage());
      }
    } finally {
      appendLock.unlock();
    }
  }

  private Sealed sealTo(Path activeFile, long seq) throws IOException {
    String stamp = STAMP.format(clock.instant());
    Path to = dir.resolve(String.format("sealed-%012d-%s.log", seq, stamp));
    Files.move(activeFile, to, StandardCopyOption.ATOMIC_MOVE);
    syncDir();
    return new Sealed(seq, stamp, to);
  }

  private record Delivered(String key, long records) {}

  /** Writes one sealed segment to its landing key and deletes it; null when it had been delivered before. */
  private Delivered deliver(Sealed s, boolean keepSegment) throws IOException {
    String bucket = layout.bucket();
    String name = "rest_" + schema.connector() + "_" + s.stamp + "_" + s.seq + schema.format().extension();
    String key = layout.landingPrefix(schema.folder()) + name;
    if (uncertain.contains(s.seq) && alreadyDelivered(bucket, key, name)) {
      LOG.info("REST buffer of connector {}: {} was delivered before; dropping its segment", schema.connector(), key);
      Files.delete(s.path);
      syncDir();
      uncertain.remove(s.seq);
      return null;
    }
    Path tmp = dir.resolve(s.path.getFileName() + ".tmp");
    long records = writeLanding(s.path, tmp);
    try {
      uncertain.add(s.seq); // from here a failure may leave the object written
      objects.put(bucket, key, tmp);
    } finally {
      Files.deleteIfExists(tmp);
    }
    if (keepSegment) {
      return new Delivered(key, records);
    }
    Files.delete(s.path);
    syncDir();
    uncertain.remove(s.seq);
    LOG.info("REST buffer of connector {}: flushed {} records to {}", schema.connector(), records, ObjectStore.url(bucket, key));
    return new Delivered(key, records);
  }

  /**
   * True when the key is in the landing folder, or upload has archived a file of this name. Writing
   * it again would then duplicate records that upload already took.
   */
  private boolean alreadyDelivered(String bucket, String key, String name) {
    if (objects.exists(bucket, key)) {
      return true;
    }
    return objects.list(bucket, layout.archivePrefix(schema.connector())).stream().anyMatch(o -> o.fileName().equals(name));
  }

  /** Writes the landing file of a segment; returns its record count. */
  private long writeLanding(Path segment, Path out) throws IOException {
    List<String> fields = schema.fieldNames();
    Set<String> known = Set.copyOf(fields);
    long records = 0;
    long dropped = 0;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(segment));
        Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(out), schema.format().charset()))) {
      schema.format().writeHeader(w, fields);
      ByteArrayOutputStream line = new ByteArrayOutputStream();
      int b;
      while ((b = in.read()) >= 0) {
        if (b != '\n') {
          line.write(b);
          continue;
        }
        Line l = Line.parse(line.toByteArray());
        if (l == null) {
          // Sealed segments were checked when written; damage now is disk corruption, not a torn write.
          throw new IOException("segment " + segment.getFileName() + " is damaged; it is kept for inspection");
        }
        for (JsonNode record : JSON.readTree(l.json)) {
          Map<String, String> values = new java.util.HashMap<>();
          for (Iterator<Map.Entry<String, JsonNode>> it = record.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (known.contains(e.getKey())) {
              values.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText());
            } else {
              dropped++;
            }
          }
          schema.format().writeRecord(w, fields, values, FACTORY);
          records++;
        }
        line.reset();
      }
      if (line.size() > 0) {
        throw new IOException("segment " + segment.getFileName() + " ends in an incomplete line; it is kept for inspection");
      }
    }
    if (dropped > 0) {
      LOG.warn("REST buffer of connector {}: {} values of fields dataset {} no longer has were dropped from {}",
          schema.connector(), dropped, schema.dataset().identifier(), segment.getFileName());
    }
    return records;
  }

  private void syncDir() {
    // Renames and new files are durable only once the directory itself is forced (POSIX).
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    } catch (IOException | UnsupportedOperationException e) {
      // Some platforms cannot open a directory; the rename is still atomic there.
    }
  }

  private void closeActiveQuietly() {
    try {
      if (active != null) {
        active.close();
      }
    } catch (IOException ignored) {
      // Already failing; the next append reopens the segment and replay repairs it on restart.
    }
    active = null;
  }

  @Override
  public void close() {
    flushLock.lock();
    appendLock.lock();
    try {
      closed = true;
      if (active != null) {
        try {
          active.force(true);
        } catch (IOException e) {
          LOG.warn("REST buffer of connector {}: cannot force {}: {}", schema.connector(), dir, e.getMessage());
        }
      }
      closeActiveQuietly();
    } finally {
      appendLock.unlock();
      flushLock.unlock();
    }
  }
}
