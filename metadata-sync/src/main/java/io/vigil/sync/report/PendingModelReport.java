package io.vigil.sync.report;

import io.vigil.api.solution.MonitoringReports;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.monitoring.ReportKind;
import io.vigil.runtime.monitoring.Reports;
import io.vigil.runtime.monitoring.StoredReport;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.ObjectStore;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The model update report an applied sync owes once its commit is promoted: the sync resolves the
 * versions before and after its apply, and the promotion writes the page.
 *
 * @param catalog the applied solution, for its report settings and notification target
 * @param layout where its bucket is
 * @param commit the commit applied
 * @param update what changed in its models
 */
public record PendingModelReport(SolutionCatalog catalog, Layout layout, String commit, ModelUpdate update) {
  /** The report owed, or null when the solution does not ask for it or nothing changed in its models. */
  public static PendingModelReport of(SolutionCatalog catalog, Layout layout, String commit, ModelUpdate update) {
    MonitoringReports settings = Reports.settings(catalog);
    return settings.modelUpdate() && !update.isEmpty() ? new PendingModelReport(catalog, layout, commit, update) : null;
  }

  /** Writes the page under {@code reports/model_update/<today>/<commit>.html} and notifies the target. */
  public StoredReport write(ObjectStore objects, ModelRegistry registry, SecretResolver secrets) {
    String html = ModelUpdateReport.render(catalog.solution(), commit, update, registry);
    return Reports.store(objects, layout.bucket(), catalog, secrets, ReportKind.MODEL_UPDATE, LocalDate.now(ZoneOffset.UTC),
        commit + ".html", ModelUpdateReport.title(catalog.solution(), commit), html);
  }
}
