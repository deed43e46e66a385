package io.vigil.runtime.monitoring;

import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.ObjectStore;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Where monitoring reports live: {@code reports/<kind>/<yyyy-mm-dd>/<name>.html} in the solution
 * bucket. Writing the same report again replaces it, so a rerun leaves one page per subject and date.
 */
public final class ReportStore {
  private ReportStore() {}

  public static String key(ReportKind kind, LocalDate date, String name) {
    return Layout.REPORTS_PREFIX + kind.key() + "/" + date + "/" + name;
  }

  /** Stores {@code html} as the report {@code name} ({@code <subject>.html}) of {@code kind} for {@code date}. */
  public static StoredReport put(ObjectStore objects, String bucket, ReportKind kind, LocalDate date, String name,
      String html) {
    byte[] bytes = html.getBytes(StandardCharsets.UTF_8);
    String key = key(kind, date, name);
    objects.put(bucket, key, bytes);
    return new StoredReport(kind, date, name, bucket, key, bytes.length, Instant.now());
  }

  /** The reports of {@code kind} (every kind when null), newest date first, then by key. */
  public static List<StoredReport> list(ObjectStore objects, String bucket, ReportKind kind) {
    String prefix = Layout.REPORTS_PREFIX + (kind == null ? "" : kind.key() + "/");
    List<StoredReport> out = new ArrayList<>();
    for (ObjectInfo info : objects.list(bucket, prefix)) {
      StoredReport r = parse(bucket, info);
      if (r != null) {
        out.add(r);
      }
    }
    out.sort(Comparator.comparing(StoredReport::date).reversed().thenComparing(StoredReport::key));
    return out;
  }

  /** The report at {@code key} (as {@link #list} gives it, with or without {@code reports/}). */
  public static byte[] read(ObjectStore objects, String bucket, String key) {
    String full = key.startsWith(Layout.REPORTS_PREFIX) ? key : Layout.REPORTS_PREFIX + key;
    if (parse(bucket, new ObjectInfo(full, 0, null)) == null || !objects.exists(bucket, full)) {
      throw RuntimeErrors.reportUnknown(key, ObjectStore.url(bucket, Layout.REPORTS_PREFIX));
    }
    return objects.read(bucket, full);
  }

  /** A report key is {@code reports/<kind>/<date>/<name>.html}; other objects under {@code reports/} are not ours. */
  private static StoredReport parse(String bucket, ObjectInfo info) {
    String[] parts = info.key().substring(Layout.REPORTS_PREFIX.length()).split("/");
    if (parts.length != 3 || !parts[2].endsWith(".html")) {
      return null;
    }
    ReportKind kind = ReportKind.of(parts[0]);
    if (kind == null || !kind.key().equals(parts[0])) {
      return null;
    }
    try {
      return new StoredReport(kind, LocalDate.parse(parts[1]), parts[2], bucket, info.key(), info.size(), info.lastModified());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
