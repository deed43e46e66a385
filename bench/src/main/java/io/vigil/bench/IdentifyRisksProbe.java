package io.vigil.bench;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.risk.Risk;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionLoader;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.decisioning.Decisioning;
import io.vigil.runtime.decisioning.IdentifyResult;
import io.vigil.runtime.decisioning.RiskCounts;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.CddColumn;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.postgresql.PGConnection;

/**
 * One identify_risks measurement in its own JVM (started by {@link IdentifyRisksBenchmark}): an
 * embedded Postgres, the solution template's flow with its two risks plus {@link DecisioningRisks}'
 * eight, {@code rows} evaluated activities of one execution date, then, alternating, Vigil's
 * {@code identifyRisks} and the ten hand-written statements, each run replacing the previous run's
 * results. Checks that both give the same alerts per risk, and prints {@code RESULT <key> <value>}.
 *
 * <p>Arguments: rows, runs, warm-up runs, work directory, template directory.
 */
public final class IdentifyRisksProbe {
  static final LocalDateTime DATE = LocalDateTime.of(2024, 1, 31, 0, 0);

  private IdentifyRisksProbe() {}

  public static void main(String[] args) throws Exception {
    long rows = Long.parseLong(args[0]);
    int runs = Integer.parseInt(args[1]);
    int warmup = Integer.parseInt(args[2]);
    Path work = Path.of(args[3]);
    Path template = Path.of(args[4]);

    Solution solution = SolutionLoader.load(template);
    if (!solution.isComplete() || !solution.loadProblems().isEmpty()) {
      throw new IllegalStateException("Cannot load the solution template " + template + ": " + solution.loadProblems()
          + " " + solution.unreadable());
    }
    List<SolutionCatalog.Entry> entries = new ArrayList<>(solution.entities().stream()
        .map(e -> new SolutionCatalog.Entry(e.entity(), e.domain())).toList());
    DecisioningRisks.generated().forEach(r -> entries.add(new SolutionCatalog.Entry(r, "aml")));
    SolutionCatalog catalog = new SolutionCatalog(solution.manifest(), entries, solution.jobs());
    List<Risk> risks = catalog.all(EntityKind.RISK, Risk.class);
    EvaluationFlow flow = catalog.evaluationFlow(DecisioningRisks.FLOW);
    report("risks", risks.size());

    StoreSettings settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", work.toString(), "VIGIL_USER", "ops",
        "VIGIL_ROLES", "manager"));
    Stores stores = Stores.open(settings);
    try {
      settings = stores.settings();
      String schema = new Layout(catalog.solution(), settings.warehouseRoot()).cddSchema(Environment.PUBLIC);
      CddTable evaluated = CddTables.evaluatedActivities(schema, flow, catalog.dataset(flow.inputDataset()), risks);
      long t = System.nanoTime();
      stores.postgres().withConnection(c -> {
        create(c, schema, flow, catalog, risks, evaluated);
        load(c, evaluated, rows);
        return null;
      });
      report("load_s", seconds(t));

      List<String> hand = DecisioningRisks.handWritten(evaluated.qualifiedName());
      Map<String, Long> vigilAlerts = null;
      Map<String, Long> handAlerts = null;
      for (int run = 0; run < warmup + runs; run++) {
        boolean measured = run >= warmup;
        String tag = measured ? "" : "warmup_";
        Map<String, Double> metrics;
        IdentifyResult result;
        try (JobContext context = JobContext.builder(catalog).settings(settings).executionDate(DATE).environment(Environment.PUBLIC)
            .writer("aml.Decide").open()) {
          // A job's context opens its stores once (about a second: the store checks); the hand-written side starts connected too.
          t = System.nanoTime();
          context.stores();
          report(tag + "context_stores_s", seconds(t));
          t = System.nanoTime();
          result = Decisioning.identifyRisks(context, DecisioningRisks.FLOW);
          report(tag + "vigil_s", seconds(t));
          metrics = context.metrics().snapshot();
        }
        if (result.activities() != rows) {
          throw new IllegalStateException("identify_risks decided " + result.activities() + " records, not " + rows);
        }
        String prefix = DecisioningRisks.FLOW + "-identify_";
        for (Map.Entry<String, Double> m : metrics.entrySet()) {
          if (m.getKey().startsWith(prefix)) {
            report(tag + "vigil_phase_" + m.getKey().substring(prefix.length()), m.getValue());
          }
        }
        vigilAlerts = new TreeMap<>();
        for (RiskCounts r : result.risks()) {
          if (r.alerted() + r.suppressed() > 0) {
            vigilAlerts.put(r.risk(), r.alerted() + r.suppressed());
          }
        }

        t = System.nanoTime();
        handAlerts = stores.postgres().inTransaction(c -> handRun(c, schema, hand));
        report(tag + "hand_s", seconds(t));
      }
      if (!vigilAlerts.equals(handAlerts)) {
        throw new IllegalStateException("Vigil and the hand-written SQL disagree on the alerts per risk: " + vigilAlerts + " vs "
            + handAlerts);
      }
      long total = 0;
      for (Map.Entry<String, Long> e : vigilAlerts.entrySet()) {
        report("alerts." + e.getKey(), e.getValue());
        total += e.getValue();
      }
      report("alerts_total", total);
      report("peak_rss_mib", DetectorProbe.peakRssMib());
    } finally {
      stores.close();
    }
  }

  /** The flow's CDD tables, the hand-written alternative's alerts table and the enrichment's reference table. */
  private static void create(Connection c, String schema, EvaluationFlow flow, SolutionCatalog catalog, List<Risk> risks,
      CddTable evaluated) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + CddTable.quote(schema) + " cascade");
      s.execute("create schema " + CddTable.quote(schema));
      for (CddTable table : List.of(evaluated, CddTables.activity(schema, flow, risks), CddTables.overrides(schema, flow),
          CddTables.alerts(schema, flow))) {
        for (String sql : table.createStatements()) {
          s.execute(sql);
        }
      }
      String q = CddTable.quote(schema) + ".";
      s.execute("create table " + q + "month_thresholds (month timestamp primary key, threshold double precision)");
      s.execute("insert into " + q + "month_thresholds values ('2024-01-01', 60000), ('2024-02-01', 65000)");
      // What a team would make for its own alerts: one row per alert, keyed by id, found by risk and account for suppression.
      s.execute("create table " + q + "hand_alerts (alert_id text primary key, risk_identifier text not null, tr_id text not null,"
          + " tr_job_ts timestamp not null, account_id text, display_name text, severity integer, suppressed boolean not null,"
          + " payload jsonb, created_on timestamp not null default now())");
      s.execute("create index on " + q + "hand_alerts (risk_identifier, account_id, tr_job_ts)");
    }
  }

  /**
   * {@code rows} evaluated records of {@link #DATE}, one per account, copied in: transaction counts
   * uniform in 1–1000, log-normal monthly totals (median about 8,100), the largest payment a share
   * of the total, 0–30 cash withdrawals, and a uniform anomaly score with the top feature of the
   * records that score 0.8 or more. Deterministic.
   */
  private static void load(Connection c, CddTable evaluated, long rows) throws SQLException {
    List<String> names = evaluated.columns().stream().map(CddColumn::name).toList();
    boolean ranked = names.contains("algo_sum_amount_rank") && names.contains("algo_sum_amount_rating");
    String columns = "account_id, month, tx_count, sum_amount, max_amount, cash_withdrawals, tr_id, tr_timestamp, tr_job_ts, algo_score,"
        + " algo_pattern" + (ranked ? ", algo_sum_amount_rank, algo_sum_amount_rating" : "");
    String copy = "copy " + evaluated.qualifiedName() + " (" + columns + ") from stdin with (format csv)";
    SplittableRandom random = new SplittableRandom(20261204);
    String date = Timestamp.valueOf(DATE).toString();
    String month = Timestamp.valueOf(DATE.withDayOfMonth(1)).toString();
    c.setAutoCommit(false);
    StringBuilder chunk = new StringBuilder(1 << 22);
    for (long i = 0; i < rows; i++) {
      long tx = 1 + random.nextInt(1000);
      double sum = Math.round(Math.exp(9 + 1.2 * gaussian(random)) * 100) / 100.0;
      double max = Math.round(sum * (0.05 + 0.95 * random.nextDouble()) * 100) / 100.0;
      int cash = random.nextInt(31);
      double score = random.nextDouble();
      boolean top = score >= 0.8;
      chunk.append(String.format(Locale.ROOT, "ac%07d,%s,%d,%.2f,%.2f,%d,%d,%s,%s,%.6f,%s", i, month, tx, sum, max, cash, i, date, date,
          score, top ? "sum_amount" : ""));
      if (ranked) {
        chunk.append(top ? ",1,10000" : ",,");
      }
      chunk.append('\n');
      if (chunk.length() > (1 << 22) - 512 || i == rows - 1) {
        try {
          c.unwrap(PGConnection.class).getCopyAPI().copyIn(copy, new StringReader(chunk.toString()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        chunk.setLength(0);
      }
    }
    c.commit();
    c.setAutoCommit(true);
    try (Statement s = c.createStatement()) {
      s.execute("analyze " + evaluated.qualifiedName());
    }
  }

  private static double gaussian(SplittableRandom random) {
    // Box–Muller: SplittableRandom has no nextGaussian on Java 17.
    return Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
  }

  /** The hand-written alternative: replace the date's alerts, one statement per risk; alerts per risk. */
  private static Map<String, Long> handRun(Connection c, String schema, List<String> statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("set local search_path to " + CddTable.quote(schema) + ", public");
    }
    try (PreparedStatement ps = c.prepareStatement("delete from hand_alerts where tr_job_ts = ?")) {
      ps.setTimestamp(1, Timestamp.valueOf(DATE));
      ps.executeUpdate();
    }
    for (String sql : statements) {
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setTimestamp(1, Timestamp.valueOf(DATE));
        ps.executeUpdate();
      }
    }
    Map<String, Long> out = new TreeMap<>();
    try (PreparedStatement ps = c.prepareStatement("select risk_identifier, count(*) from hand_alerts where tr_job_ts = ?"
        + " group by risk_identifier")) {
      ps.setTimestamp(1, Timestamp.valueOf(DATE));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.put(rs.getString(1), rs.getLong(2));
        }
      }
    }
    return out;
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  static void report(String key, double value) {
    System.out.println(DetectorProbe.PREFIX + key + " " + value);
  }
}
