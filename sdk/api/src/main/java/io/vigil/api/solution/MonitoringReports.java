package io.vigil.api.solution;

import io.vigil.api.entity.Checks;

/**
 * Which monitoring reports a solution writes, from the {@code reports} block of
 * {@code solution.yaml}. Each report is a self-contained HTML page under
 * {@code reports/<kind>/<date>/} in the solution bucket; when {@code notification_target} is set, an
 * external notification target is told its path.
 *
 * <pre>{@code
 * reports:
 *   data_upload: true
 *   alert_volume: true
 *   model_update: true
 *   notification_target: reports_notifications
 * }</pre>
 *
 * @param dataUpload after every upload: files, rows read, written and rejected, and the reasons
 * @param alertVolume after every distribution: alerts per risk and severity, and the trend
 * @param modelUpdate when a sync promotes a change to model references: versions and tags before and after
 * @param notificationTarget an external notification target told of each report; null for none
 * @param trendPeriods how many earlier execution dates the alert-volume trend shows (default 6)
 */
public record MonitoringReports(
    Boolean dataUpload, Boolean alertVolume, Boolean modelUpdate, String notificationTarget, Integer trendPeriods) {
  public static final MonitoringReports NONE = new MonitoringReports(false, false, false, null, null);
  public static final int DEFAULT_TREND_PERIODS = 6;

  public MonitoringReports {
    dataUpload = dataUpload != null && dataUpload;
    alertVolume = alertVolume != null && alertVolume;
    modelUpdate = modelUpdate != null && modelUpdate;
    trendPeriods = trendPeriods == null ? DEFAULT_TREND_PERIODS : trendPeriods;
    Checks.valid(trendPeriods >= 1 && trendPeriods <= 100, "solution reports", "trend_periods",
        "must be between 1 and 100, not " + trendPeriods);
  }

  public boolean any() {
    return dataUpload || alertVolume || modelUpdate;
  }
}
