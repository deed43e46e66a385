package io.vigil.runtime.monitoring;

import io.vigil.api.VigilException;
import io.vigil.api.distribution.DistributionTarget;
import io.vigil.api.distribution.ExternalNotificationTarget;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.solution.MonitoringReports;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.delivery.BatchOutcome;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.ObjectStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the monitoring reports that {@code solution.yaml} switches on, and tells its notification
 * target of each. Reports describe operational runs, so only runs in the PUBLIC environment write
 * them; a rerun for the same execution date replaces its report and repeats its notice.
 *
 * <p>A report is written after the work it describes has succeeded. A notice that does not arrive
 * after the target's retries, or whose target's references do not resolve, is logged as a warning:
 * the report is stored, the work it describes is not undone, and a rerun notifies again.
 */
public final class Reports {
  private static final Logger LOG = LoggerFactory.getLogger(Reports.class);

  private Reports() {}

  /** The data upload report of an upload, when switched on; null otherwise. */
  public static StoredReport afterUpload(RunContext context, UploadSummary summary) {
    if (!settings(context.catalog()).dataUpload() || !summary.environment().isPublic()) {
      return null;
    }
    return safely(ReportKind.DATA_UPLOAD, "connector " + summary.connector(), () -> {
      String title = DataUploadReport.title(context, summary);
      String html = withCharts(charts -> DataUploadReport.render(context, summary, charts));
      return publish(context, ReportKind.DATA_UPLOAD, summary.connector() + ".html", title, html);
    });
  }

  /** The alert volume report of a flow for the execution date, when switched on; null otherwise. */
  public static StoredReport afterDistribution(RunContext context, String flowId) {
    MonitoringReports settings = settings(context.catalog());
    if (!settings.alertVolume() || !context.environment().isPublic()) {
      return null;
    }
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    return safely(ReportKind.ALERT_VOLUME, "flow " + flowId, () -> {
      String title = AlertVolumeReport.title(context, flow);
      String html = withCharts(charts -> AlertVolumeReport.render(context, flow, settings.trendPeriods(), charts));
      return publish(context, ReportKind.ALERT_VOLUME, flowId + ".html", title, html);
    });
  }

  /**
   * {@code write}'s report, or null with a warning when it fails: the report comes after the work
   * it describes has been stored (rows written, alerts marked sent), and failing the task then
   * would make a retry redo that work for the sake of a page.
   */
  private static StoredReport safely(ReportKind kind, String subject, Supplier<StoredReport> write) {
    try {
      return write.get();
    } catch (RuntimeException e) {
      VigilException warning = RuntimeErrors.reportNotWritten(kind.title().toLowerCase(Locale.ROOT), subject, e);
      LOG.warn("{}", warning.idAndMessage(), e);
      return null;
    }
  }

  /**
   * Stores a report and notifies the solution's notification target of it.
   *
   * @return the stored report
   */
  public static StoredReport store(ObjectStore objects, String bucket, SolutionCatalog catalog, SecretResolver secrets,
      ReportKind kind, LocalDate date, String name, String title, String html) {
    StoredReport report = ReportStore.put(objects, bucket, kind, date, name, html);
    LOG.info("{} report written to {}", kind.title(), report.path());
    String targetId = settings(catalog).notificationTarget();
    if (targetId != null) {
      notify(catalog, secrets, targetId, report, title);
    }
    return report;
  }

  /** The solution's report settings; none when its manifest has no {@code reports} block. */
  public static MonitoringReports settings(SolutionCatalog catalog) {
    return catalog.manifest() == null ? MonitoringReports.NONE : catalog.manifest().reports();
  }

  private static StoredReport publish(RunContext context, ReportKind kind, String name, String title, String html) {
    return store(context.stores().objects(), context.layout().bucket(), context.catalog(), context.secrets(), kind,
        context.executionDate().toLocalDate(), name, title, html);
  }

  private static void notify(SolutionCatalog catalog, SecretResolver secrets, String targetId, StoredReport report,
      String title) {
    DistributionTarget target = catalog.require(EntityKind.TARGET, targetId, DistributionTarget.class);
    if (!(target instanceof ExternalNotificationTarget notification)) {
      throw RuntimeErrors.reportTargetNotNotification(targetId, target.getClass().getSimpleName());
    }
    BatchOutcome outcome;
    try {
      outcome = ReportNotice.send(notification, secrets, ReportNotice.of(catalog.solution(), report, title));
    } catch (VigilException e) {
      // A reference that does not resolve here (an unset env: variable, say) must not undo the work reported.
      LOG.warn("Report {} is stored, but target {} was not told of it: {}", report.path(), targetId, e.getMessage());
      return;
    }
    if (outcome.delivered()) {
      LOG.info("Target {} told of report {}", targetId, report.path());
    } else {
      LOG.warn("Report {} is stored, but target {} was not told of it after {} attempts: {}", report.path(), targetId,
          outcome.attempts(), outcome.error());
    }
  }

  /** Renders a page whose charts are drawn into a temporary folder, removed afterwards. */
  private static String withCharts(Function<Path, String> render) {
    Path dir;
    try {
      dir = Files.createTempDirectory("vigil-report");
    } catch (IOException e) {
      throw RuntimeErrors.pageUnwritable("report charts", Path.of(System.getProperty("java.io.tmpdir")), e);
    }
    try {
      return render.apply(dir);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        LOG.debug("Cannot remove {}: {}", dir, e.getMessage());
      }
    }
  }
}
