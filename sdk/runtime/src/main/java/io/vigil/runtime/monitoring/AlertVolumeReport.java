package io.vigil.runtime.monitoring;

import io.vigil.api.flow.EvaluationFlow;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.report.chart.ChartStyle;
import io.vigil.runtime.report.chart.Charts;
import io.vigil.runtime.report.page.ReportPage;
import io.vigil.runtime.schema.CddTables;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;

/**
 * The alert volume report (S1 §21): a flow's alerts of the execution date per risk and severity
 * (created, suppressed, distributed), and the trend of the last periods, each counted by one
 * aggregate query over the alerts table.
 */
final class AlertVolumeReport {
  private AlertVolumeReport() {}

  static String title(RunContext context, EvaluationFlow flow) {
    return "Alert volume of " + flow.identifier() + " for " + context.executionDate().toLocalDate();
  }

  static String render(RunContext context, EvaluationFlow flow, int periods, Path charts) {
    String table = CddTables.alerts(context.layout().cddSchema(context.environment()), flow).qualifiedName();
    Timestamp date = Timestamp.valueOf(context.executionDate());
    List<List<String>> byRisk = new ArrayList<>();
    List<List<String>> trend = new ArrayList<>();
    context.stores().postgres().withConnection(c -> {
      try (PreparedStatement ps = c.prepareStatement("select risk_identifier, coalesce(severity::text, 'none'),"
          + " count(*) filter (where not suppressed), count(*) filter (where suppressed),"
          + " count(*) filter (where distributed_on is not null)"
          + " from " + table + " where tr_job_ts = ? group by 1, 2 order by 1, 2")) {
        ps.setTimestamp(1, date);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            byRisk.add(List.of(rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3)), Long.toString(rs.getLong(4)),
                Long.toString(rs.getLong(5))));
          }
        }
      }
      // The last periods up to this one, oldest first; each compared with the one before it.
      try (PreparedStatement ps = c.prepareStatement("select tr_job_ts, count(*) filter (where not suppressed),"
          + " count(*) filter (where suppressed) from " + table + " where tr_job_ts in (select distinct tr_job_ts from "
          + table + " where tr_job_ts <= ? order by tr_job_ts desc limit ?) group by 1 order by 1")) {
        ps.setTimestamp(1, date);
        ps.setInt(2, periods);
        try (ResultSet rs = ps.executeQuery()) {
          Long previous = null;
          while (rs.next()) {
            long alerts = rs.getLong(2);
            trend.add(List.of(rs.getTimestamp(1).toLocalDateTime().toLocalDate().toString(), Long.toString(alerts),
                Long.toString(rs.getLong(3)), change(previous, alerts)));
            previous = alerts;
          }
        }
      }
      return null;
    });
    long alerts = byRisk.stream().mapToLong(r -> Long.parseLong(r.get(2))).sum();
    long suppressed = byRisk.stream().mapToLong(r -> Long.parseLong(r.get(3))).sum();
    ReportPage.Builder page = ReportPage.builder(title(context, flow))
        .paragraph("Solution " + context.solution() + ", flow " + flow.identifier() + ", execution date "
            + context.executionDate() + ": " + alerts + " alerts, " + suppressed + " suppressed.");
    page.heading("Alerts per risk and severity");
    if (byRisk.isEmpty()) {
      page.paragraph("No alert for this execution date.");
    } else {
      page.table(List.of("risk", "severity", "alerts", "suppressed", "distributed"), byRisk);
      Path png = charts.resolve("risks.png");
      Charts.bar(png, ChartStyle.of("Alerts per risk", "risk", "alerts"), byRisk.stream().map(r -> r.get(0) + " / " + r.get(1)).toList(),
          byRisk.stream().mapToDouble(r -> Double.parseDouble(r.get(2))).toArray());
      page.image("Alerts per risk", png);
    }
    page.heading("Trend over the last " + periods + (periods == 1 ? " period" : " periods"));
    if (trend.isEmpty()) {
      page.paragraph("No alert up to this execution date.");
    } else {
      page.table(List.of("execution date", "alerts", "suppressed", "change"), trend);
      Path png = charts.resolve("trend.png");
      Charts.bar(png, ChartStyle.of("Alerts per execution date", "execution date", "alerts"),
          trend.stream().map(r -> r.get(0)).toList(), trend.stream().mapToDouble(r -> Double.parseDouble(r.get(1))).toArray());
      page.image("Alerts per execution date", png);
    }
    return page.render();
  }

  /** The change from the previous period, in percent; blank for the first, "new" after a period without alerts. */
  private static String change(Long previous, long now) {
    if (previous == null) {
      return "";
    }
    if (previous == 0) {
      return now == 0 ? "0%" : "new";
    }
    return String.format(java.util.Locale.ROOT, "%+.0f%%", 100.0 * (now - previous) / previous);
  }
}
