package io.vigil.runtime.decisioning;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.DistributionTarget;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.delivery.BatchOutcome;
import io.vigil.runtime.delivery.Batches;
import io.vigil.runtime.delivery.DeliveryReport;
import io.vigil.runtime.delivery.HttpDelivery;
import io.vigil.runtime.delivery.TargetDelivery;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.monitoring.Reports;
import io.vigil.runtime.monitoring.StoredReport;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.Postgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Distribution (S1 §9): the alerts of a flow that are neither suppressed nor distributed yet go to
 * an {@link AlertDistributionTarget} as JSON arrays of {@code batch_size} alerts, {@code parallelism}
 * requests at a time, with the target's credentials, TLS verification, timeout and retry policy.
 * Each alert carries its stable id, and each request an idempotency key, so a receiver can drop what
 * a crash made it see twice. The alerts table is the outbox: an alert is marked distributed only
 * once its batch was answered 2xx, so a rerun sends exactly what is left, and nothing is lost.
 */
public final class Distribution {
  public static final int DEFAULT_BATCH_SIZE = 4;
  public static final int DEFAULT_PARALLELISM = 4;
  private static final Logger LOG = LoggerFactory.getLogger(Distribution.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private Distribution() {}

  /** The execution date's alerts with the guide's defaults: batches of 4, 4 at a time. */
  public static DistributionResult distributeAlertedActivities(RunContext context, String flowId, String targetId) {
    return distributeAlertedActivities(context, flowId, targetId, null, null, false, DEFAULT_BATCH_SIZE, DEFAULT_PARALLELISM);
  }

  /**
   * Sends the alerts of {@code [from, to]} (both null: the execution date) that are not yet
   * distributed. In a PRIVATE environment nothing is sent unless {@code force}.
   *
   * @throws io.vigil.api.VigilException when some alerts could not be delivered after the retries, with the
   *     counts sent, failed and left; what was delivered stays marked, and the next run sends the rest
   */
  public static DistributionResult distributeAlertedActivities(RunContext context, String flowId, String targetId,
      LocalDateTime from, LocalDateTime to, boolean force, int batchSize, int parallelism) {
    DistributionResult result = send(context, flowId, targetId, from, to, force, batchSize, parallelism);
    // The alert volume report describes an execution date: a range (a re-send, the real-time outbox) writes none.
    if (result.skipped() || from != null || to != null) {
      return result;
    }
    StoredReport report = Reports.afterDistribution(context, flowId);
    return report == null ? result : result.withReport(report.path());
  }

  private static DistributionResult send(RunContext context, String flowId, String targetId,
      LocalDateTime from, LocalDateTime to, boolean force, int batchSize, int parallelism) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    Environment env = context.environment();
    if (!env.isPublic() && !force) {
      LOG.warn("Distribution of flow {} to {} skipped in {}: pass force to send from a private environment", flowId, targetId, env);
      return new DistributionResult(flowId, targetId, env, 0, 0, 0, true);
    }
    DistributionTarget target = context.catalog().require(EntityKind.TARGET, targetId, DistributionTarget.class);
    if (!(target instanceof AlertDistributionTarget alertTarget)) {
      throw RuntimeErrors.targetNotAnAlertTarget(targetId, target.getClass().getSimpleName());
    }
    LocalDateTime start = from != null ? from : context.executionDate();
    LocalDateTime end = to != null ? to : context.executionDate();
    CddTable alerts = CddTables.alerts(context.layout().cddSchema(env), flow);
    Postgres pg = context.stores().postgres();
    List<Map<String, Object>> pending = pending(pg, alerts, start, end);
    context.progress().stage("distribute " + pending.size() + " alerts of " + flowId + " to " + targetId);
    if (pending.isEmpty()) {
      context.progress().done("nothing to send");
      return new DistributionResult(flowId, targetId, env, 0, 0, 0, false);
    }
    HttpDelivery delivery = TargetDelivery.of(alertTarget, context.secrets()).build();
    // Batches finish on several threads at once.
    AtomicLong marked = new AtomicLong();
    DeliveryReport report;
    try (DeliveredMarks marks = new DeliveredMarks(pg, alerts, targetId)) {
      report = Batches.deliver(delivery, pending, batchSize, parallelism, outcome -> {
        if (outcome.delivered()) {
          context.progress().advance("alerts", marked.addAndGet(marks.mark(outcome)), pending.size());
        }
      });
    }
    long sent = marked.get();
    context.metrics().add(flowId + "-distributed_alerts", sent);
    int batches = (int) report.outcomes().stream().filter(BatchOutcome::delivered).count();
    if (!report.complete()) {
      throw RuntimeErrors.distributionIncomplete(flowId, targetId, report.sentItems(), report.failedItems(), report.leftItems(),
          report.firstError());
    }
    context.progress().done(sent + " alerts sent in " + batches + " requests");
    return new DistributionResult(flowId, targetId, env, pending.size(), sent, batches, false);
  }

  /** The payloads of the alerts to send, in a stable order. */
  private static List<Map<String, Object>> pending(Postgres pg, CddTable alerts, LocalDateTime start, LocalDateTime end) {
    return pg.withConnection(c -> {
      List<Map<String, Object>> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("select payload::text from " + alerts.qualifiedName()
          + " where tr_job_ts between ? and ? and not suppressed and distributed_on is null order by tr_job_ts, alert_id")) {
        ps.setTimestamp(1, Timestamp.valueOf(start));
        ps.setTimestamp(2, Timestamp.valueOf(end));
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(JSON.readValue(rs.getString(1), new TypeReference<LinkedHashMap<String, Object>>() { }));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return out;
    });
  }
}
