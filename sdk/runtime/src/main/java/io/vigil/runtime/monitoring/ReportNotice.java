package io.vigil.runtime.monitoring;

import io.vigil.api.distribution.ExternalNotificationTarget;
import io.vigil.runtime.delivery.BatchOutcome;
import io.vigil.runtime.delivery.TargetDelivery;
import io.vigil.runtime.secret.SecretResolver;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells an external notification target that a report is ready (S1 §21.1): a JSON array of one
 * notice with the report's path, kind, solution and date, never its content. The notice is posted
 * with the target's credentials and retry policy, and its idempotency key derives from the path, so
 * the notice of a rewritten report is one the receiver can recognise as seen.
 */
public final class ReportNotice {
  /** The notice field that identifies it, and from which its idempotency key derives. */
  public static final String PATH = "path";

  private ReportNotice() {}

  /** The notice of {@code report}: {@code event}, {@code kind}, {@code solution}, {@code date}, {@code title}, {@code path}. */
  public static Map<String, Object> of(String solution, StoredReport report, String title) {
    Map<String, Object> notice = new LinkedHashMap<>();
    notice.put("event", report.kind().key() + "_report");
    notice.put("kind", report.kind().key());
    notice.put("solution", solution);
    notice.put("date", report.date().toString());
    notice.put("title", title);
    notice.put(PATH, report.path());
    return notice;
  }

  /** Posts {@code notice} to {@code target}, retrying as its policy says; the outcome says whether it arrived. */
  public static BatchOutcome send(ExternalNotificationTarget target, SecretResolver secrets, Map<String, Object> notice) {
    return TargetDelivery.of(target, secrets).idField(PATH).build().deliver(List.of(notice));
  }
}
