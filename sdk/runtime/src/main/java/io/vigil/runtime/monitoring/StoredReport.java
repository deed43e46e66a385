package io.vigil.runtime.monitoring;

import io.vigil.runtime.store.ObjectStore;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A monitoring report in the solution bucket.
 *
 * @param kind which report
 * @param date the execution date it is about (for a model update: the day of the sync)
 * @param name the file name, {@code <subject>.html}
 * @param bucket the solution bucket
 * @param key {@code reports/<kind>/<date>/<name>}
 * @param size bytes
 * @param modified when it was last written
 */
public record StoredReport(ReportKind kind, LocalDate date, String name, String bucket, String key, long size,
    Instant modified) {
  /** {@code s3://<bucket>/<key>}: what the notification carries. */
  public String path() {
    return ObjectStore.url(bucket, key);
  }
}
