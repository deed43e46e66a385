package io.vigil.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_format;

import io.delta.tables.DeltaTable;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.entity.Entity;
import io.vigil.api.solution.SolutionManifest;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.connector.Connectors;
import io.vigil.runtime.connector.UploadResult;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.dataset.PublishResult;
import io.vigil.runtime.dataset.WriteResult;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.schema.CddColumn;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import io.vigil.runtime.schema.DeltaTables;
import io.vigil.runtime.schema.SparkSchemas;
import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.Postgres;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.postgresql.PGConnection;

/**
 * One data-runtime benchmark in its own JVM, started by {@link DataBenchmark}: {@code append},
 * {@code overwrite}, {@code publish} or {@code upload}. Each round runs Vigil and its plain
 * counterpart side by side on the same rows, in alternating order, after waiting for a quiet
 * machine; the first {@code warmup} rounds are discarded. It prints one {@code DATA-BENCH key value}
 * line per measurement and ends with the JVM's peak RSS (VmHWM) and peak heap.
 *
 * <p>Arguments: {@code scenario rows runs warmup home}.
 */
public final class DataProbe {
  static final String PREFIX = "DATA-BENCH ";
  /** Spark jobs of the current measurement, printed to the log, to show where a Vigil call spends its time. */
  private static final JobLog JOBS = new JobLog();
  private static final String SOLUTION = "bench";
  private static final LocalDateTime D1 = LocalDateTime.of(2024, 12, 31, 0, 0);
  private static final LocalDateTime D2 = LocalDateTime.of(2025, 1, 31, 0, 0);

  private final SparkSession spark;
  private final long rows;
  private final Path home;
  private final SolutionCatalog catalog;
  private StoreSettings settings;
  private Stores stores;

  private DataProbe(long rows, Path home) {
    this.rows = rows;
    this.home = home;
    this.settings = StoreSettings.fromEnvironment(Map.of("VIGIL_HOME", home.toString(), "VIGIL_USER", "bench",
        "VIGIL_ROLES", "manager"));
    Entity[] entities = {DataRows.TRANSACTION, DataRows.TRANSACTION_UPLOAD, DataRows.ACCOUNT, DataRows.UPLOAD_CONNECTOR};
    this.catalog = new SolutionCatalog(SolutionManifest.builder(SOLUTION).build(),
        Arrays.stream(entities).map(e -> new SolutionCatalog.Entry(e, "aml")).toList(), List.of());
    // The session a job gets from JobContext: Vigil's defaults on all local cores.
    this.spark = SparkSessions.getOrCreate(SparkSessions.defaults(settings.sparkMaster()));
    spark.sparkContext().addSparkListener(JOBS);
  }

  public static void main(String[] args) throws Exception {
    String scenario = args[0];
    long rows = Long.parseLong(args[1]);
    int runs = Integer.parseInt(args[2]);
    int warmup = Integer.parseInt(args[3]);
    DataProbe probe = new DataProbe(rows, Path.of(args[4]));
    try {
      switch (scenario) {
        case "append" -> probe.append(runs, warmup);
        case "overwrite" -> probe.overwrite(runs, warmup);
        case "publish" -> probe.publish(runs, warmup);
        case "upload" -> probe.upload(runs);
        default -> throw new IllegalArgumentException("Unknown scenario " + scenario);
      }
      report("peak_rss_mb", 0, Memory.peakRssKb() / 1024.0);
      report("peak_heap_mb", 0, Memory.peakHeapBytes() / 1024.0 / 1024.0);
      report("max_heap_mb", 0, Runtime.getRuntime().maxMemory() / 1024.0 / 1024.0);
    } finally {
      probe.spark.stop();
      if (probe.stores != null) {
        probe.stores.close();
      }
    }
  }

  // --- 1. APPEND: Vigil's writer vs a plain partitioned Delta append ---

  private void append(int runs, int warmup) {
    DataSet ds = DataRows.TRANSACTION;
    ensureDelta(ds);
    String plain = home.resolve("plain").resolve("transaction").toString();
    Dataset<Row> input = DataRows.transactions(spark, rows);
    for (int round = 0; round < warmup + runs; round++) {
      // A new execution date per round: each Vigil round is a first write of its date, not a rerun.
      LocalDateTime date = D1.plusDays(round);
      Timed vigil = () -> {
        try (JobContext ctx = context(date)) {
          WriteResult r = Datasets.write(ctx, input, ds.identifier());
          check(r.written() == rows && r.rejected() == 0, "append wrote " + r);
        }
      };
      Timed delta = () -> input.withColumn("month", date_format(col("date"), "yyyy_MM"))
          .write().format("delta").mode("append").partitionBy("month").save(plain);
      pair("append", round, warmup, "vigil_s", vigil, "plain_s", delta);
    }
  }

  // --- 2. OVERWRITE of a snapshot with 1 % changed rows vs one plain Delta MERGE ---

  private void overwrite(int runs, int warmup) throws Exception {
    DataSet ds = DataRows.ACCOUNT;
    ensureDelta(ds);
    String vigilPath = layout().datasetPath(Environment.PUBLIC, ds.identifier());
    String plain = home.resolve("plain").resolve("account").toString();
    long start = System.nanoTime();
    try (JobContext ctx = context(D1)) {
      WriteResult r = Datasets.write(ctx, DataRows.accounts(spark, rows, false), ds.identifier());
      check(r.written() == rows, "first snapshot wrote " + r);
    }
    report("overwrite.vigil_first_snapshot_s", 0, seconds(start));
    start = System.nanoTime();
    DataRows.accounts(spark, rows, false).write().format("delta").mode("overwrite").save(plain);
    report("overwrite.plain_first_snapshot_s", 0, seconds(start));
    long vigilBase = version(vigilPath);
    long plainBase = version(plain);
    Dataset<Row> snapshot = DataRows.accounts(spark, rows, true);
    long changed = (rows + DataRows.CHANGE_EVERY - 1) / DataRows.CHANGE_EVERY;
    String differs = "NOT (" + Arrays.stream(SparkSchemas.fields(ds).fieldNames()).filter(f -> !f.equals("account_id"))
        .map(f -> "t." + f + " <=> s." + f).collect(Collectors.joining(" AND ")) + ")";
    for (int round = 0; round < warmup + runs; round++) {
      // Both tables go back to the first snapshot, untimed, so every round does the same work.
      DeltaTable.forPath(spark, vigilPath).restoreToVersion(vigilBase);
      DeltaTable.forPath(spark, plain).restoreToVersion(plainBase);
      Timed vigil = () -> {
        try (JobContext ctx = context(D2)) {
          WriteResult r = Datasets.write(ctx, snapshot, ds.identifier());
          check(r.written() == changed && r.updated() == changed && r.deleted() == 0, "overwrite wrote " + r);
        }
      };
      // The same upsert by hand: changed rows updated in place, new keys inserted, missing keys deleted.
      Timed merge = () -> DeltaTable.forPath(spark, plain).as("t")
          .merge(snapshot.as("s"), "t.account_id = s.account_id")
          .whenMatched(differs).updateAll()
          .whenNotMatched().insertAll()
          .whenNotMatchedBySource().delete()
          .execute();
      pair("overwrite", round, warmup, "vigil_s", vigil, "plain_s", merge);
    }
  }

  // --- 3. publish: Vigil's parallel COPY vs Spark JDBC vs one raw COPY stream ---

  private void publish(int runs, int warmup) throws Exception {
    DataSet ds = DataRows.TRANSACTION;
    openStores();
    ensureDelta(ds);
    long start = System.nanoTime();
    try (JobContext ctx = context(D1)) {
      check(Datasets.write(ctx, DataRows.transactions(spark, rows), ds.identifier()).written() == rows, "setup write");
    }
    report("publish.setup_write_s", 0, seconds(start));
    CddTable vigilTable = CddTables.dataset(layout().cddSchema(Environment.PUBLIC), ds);
    CddTable jdbcTable = CddTables.dataset("bench_jdbc", ds);
    CddTable copyTable = CddTables.dataset("bench_copy", ds);
    for (CddTable t : List.of(vigilTable, jdbcTable, copyTable)) {
      createCdd(t);
    }
    Postgres pg = stores.postgres();
    String columns = vigilTable.columns().stream().map(c -> CddTable.quote(c.name())).collect(Collectors.joining(", "));
    // The raw COPY loads exactly the rows Vigil published, in Postgres's own CSV, from a local file.
    Path csv = home.resolve("published.csv");
    try (JobContext ctx = context(D1)) {
      Datasets.publish(ctx, ds.identifier());
    }
    try (Connection c = pg.connect(); OutputStream out = Files.newOutputStream(csv)) {
      c.unwrap(PGConnection.class).getCopyAPI().copyOut("copy (select " + columns + " from " + vigilTable.qualifiedName()
          + ") to stdout with (format csv)", out);
    }
    report("publish.csv_mb", 0, Files.size(csv) / 1024.0 / 1024.0);
    String jdbcUrl = pg.url() + (pg.url().contains("?") ? "&" : "?") + "reWriteBatchedInserts=true";
    Properties jdbcProps = pg.jdbcProperties();
    String[] names = vigilTable.columns().stream().map(CddColumn::name).toArray(String[]::new);
    for (int round = 0; round < warmup + runs; round++) {
      for (CddTable t : List.of(vigilTable, jdbcTable, copyTable)) {
        sql("truncate " + t.qualifiedName());
      }
      sql("checkpoint");
      int r = round;
      Timed vigil = () -> {
        try (JobContext ctx = context(D1)) {
          PublishResult p = Datasets.publish(ctx, ds.identifier());
          check(p.rows() == rows, "publish copied " + p.rows());
          if (r == 0) {
            report("publish.vigil_partitions", 0, p.partitions());
          }
        }
      };
      Timed jdbc = () -> {
        try (JobContext ctx = context(D1)) {
          Datasets.read(ctx, ds.identifier()).select(Arrays.stream(names).map(n -> col(n)).toArray(org.apache.spark.sql.Column[]::new))
              .write().mode(SaveMode.Append).option("batchsize", "10000").jdbc(jdbcUrl, jdbcTable.qualifiedName(), jdbcProps);
        }
      };
      Timed copy = () -> {
        try (Connection c = pg.connect(); InputStream in = Files.newInputStream(csv)) {
          long copied = c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + copyTable.qualifiedName() + " (" + columns
              + ") from stdin with (format csv)", in, 1 << 16);
          check(copied == rows, "raw copy loaded " + copied);
        }
      };
      List<Object[]> order = List.of(new Object[] {"vigil_s", vigil}, new Object[] {"spark_jdbc_s", jdbc},
          new Object[] {"raw_copy_s", copy});
      for (int i = 0; i < order.size(); i++) {
        Object[] op = order.get((i + round) % order.size()); // rotate, so no side always runs first
        measure("publish", round, warmup, (String) op[0], (Timed) op[1]);
      }
      for (CddTable t : List.of(vigilTable, jdbcTable, copyTable)) {
        check(count(t) == rows, t.qualifiedName() + " holds " + count(t) + " rows");
      }
    }
  }

  // --- 4. upload of a 1 M-row landing CSV, then publish, in the launcher's 2 GB heap ---

  private void upload(int runs) throws Exception {
    DataSet ds = DataRows.TRANSACTION_UPLOAD;
    openStores();
    ensureDelta(ds);
    createCdd(CddTables.dataset(layout().cddSchema(Environment.PUBLIC), ds));
    stores.objects().ensureBucket(layout().bucket());
    Path csv = home.resolve("landing.csv");
    long start = System.nanoTime();
    DataRows.writeCsv(csv, rows);
    report("upload.generate_csv_s", 0, seconds(start));
    report("upload.csv_mb", 0, Files.size(csv) / 1024.0 / 1024.0);
    String key = layout().landingPrefix(DataRows.UPLOAD_CONNECTOR.source().folder()) + "transactions.csv";
    for (int round = 0; round < runs; round++) {
      stores.objects().put(layout().bucket(), key, csv);
      LocalDateTime date = D1.plusDays(round);
      Quiet.await();
      report("upload.rss_before_mb", round, Memory.currentRssKb() / 1024.0);
      try (JobContext ctx = context(date)) {
        long t = System.nanoTime();
        UploadResult u = Connectors.upload(ctx, DataRows.UPLOAD_CONNECTOR.identifier());
        report("upload.upload_s", round, seconds(t));
        check(u.rowsIn() == rows && u.rowsRejected() == 0, "upload read " + u.rowsIn() + ", rejected " + u.rowsRejected());
        report("upload.rss_after_upload_mb", round, Memory.peakRssKb() / 1024.0);
        t = System.nanoTime();
        PublishResult p = Datasets.publish(ctx, ds.identifier());
        report("upload.publish_s", round, seconds(t));
        check(p.rows() == rows, "publish copied " + p.rows());
        report("upload.rss_after_publish_mb", round, Memory.peakRssKb() / 1024.0);
      }
    }
  }

  // --- helpers ---

  /** A measured operation. */
  @FunctionalInterface
  interface Timed {
    void run() throws Exception;
  }

  /** Vigil and its counterpart in one round; which runs first alternates from round to round. */
  private static void pair(String bench, int round, int warmup, String aName, Timed a, String bName, Timed b) throws RuntimeException {
    double ta;
    double tb;
    if (round % 2 == 0) {
      ta = measure(bench, round, warmup, aName, a);
      tb = measure(bench, round, warmup, bName, b);
    } else {
      tb = measure(bench, round, warmup, bName, b);
      ta = measure(bench, round, warmup, aName, a);
    }
    if (round >= warmup) {
      report(bench + ".ratio", round - warmup + 1, ta / tb);
    }
  }

  private static double measure(String bench, int round, int warmup, String name, Timed op) {
    double busy = Quiet.await();
    JOBS.clear();
    long start = System.nanoTime();
    try {
      op.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    double s = seconds(start);
    String run = round < warmup ? "warm-up" : Integer.toString(round - warmup + 1);
    System.out.printf(Locale.ROOT, "%s %s (%s): %.2f s (machine busy %.2f cores before)%n", bench, name, run, s, busy);
    System.out.print(JOBS.describe());
    if (round >= warmup) {
      report(bench + "." + name, round - warmup + 1, s);
      report(bench + ".busy_before_cores", round - warmup + 1, busy);
    }
    return s;
  }

  static void report(String key, int run, double value) {
    System.out.println(PREFIX + key + " " + run + " " + String.format(Locale.ROOT, "%.4f", value));
  }

  private JobContext context(LocalDateTime date) {
    return JobContext.builder(catalog).settings(settings).executionDate(date).environment(Environment.PUBLIC)
        .spark(spark).writer("aml.Bench").open();
  }

  private Layout layout() {
    return new Layout(SOLUTION, settings.warehouseRoot());
  }

  private void openStores() {
    stores = Stores.open(settings);
    settings = stores.settings();
  }

  /** The dataset's Delta tables, created the way sync creates them. */
  private void ensureDelta(DataSet ds) {
    DeltaTables.ensure(spark, layout().datasetPath(Environment.PUBLIC, ds.identifier()), SparkSchemas.table(ds),
        SparkSchemas.partitionColumns(ds));
    DeltaTables.ensure(spark, layout().rejectedPath(Environment.PUBLIC, ds.identifier()), SparkSchemas.rejected(), List.of());
  }

  /** A CDD table, created the way sync creates it. */
  private void createCdd(CddTable table) {
    sql("create schema if not exists " + CddTable.quote(table.schema()));
    for (String statement : table.createStatements()) {
      sql(statement);
    }
  }

  private void sql(String statement) {
    stores.postgres().withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.execute(statement);
      }
      return null;
    });
  }

  private long count(CddTable table) {
    return stores.postgres().withConnection(c -> {
      try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("select count(*) from " + table.qualifiedName())) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private long version(String path) {
    return DeltaTable.forPath(spark, path).history(1).first().getAs("version");
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }

  private static void check(boolean ok, String what) {
    if (!ok) {
      throw new IllegalStateException("Benchmark result is wrong: " + what);
    }
  }

  /** Waits, at most 30 s, until the machine is quiet; returns the cores in use just before the measurement. */
  static final class Quiet {
    private Quiet() {}

    static double await() {
      if (!ValidateBenchmark.CpuMeter.available()) {
        return 0;
      }
      long deadline = System.nanoTime() + 30_000_000_000L;
      double busy;
      do {
        long[] before = ValidateBenchmark.CpuMeter.read();
        try {
          Thread.sleep(1000);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return Double.NaN;
        }
        busy = ValidateBenchmark.CpuMeter.busyMillis(before, ValidateBenchmark.CpuMeter.read()) / 1000.0;
      } while (busy > ValidateBenchmark.MAX_FOREIGN_CORES * 2 && System.nanoTime() < deadline);
      return busy;
    }
  }

  /** Duration of each Spark job by call site, collected by a listener. */
  static final class JobLog extends org.apache.spark.scheduler.SparkListener {
    private final Map<Integer, Long> started = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<Integer, String> sites = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> done = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    void clear() {
      done.clear();
    }

    String describe() {
      StringBuilder out = new StringBuilder();
      synchronized (done) {
        done.forEach(d -> out.append("    spark job ").append(d).append('\n'));
      }
      return out.toString();
    }

    @Override
    public void onJobStart(org.apache.spark.scheduler.SparkListenerJobStart job) {
      started.put(job.jobId(), job.time());
      String site = job.properties() == null ? "?" : job.properties().getProperty("callSite.short", "?");
      sites.put(job.jobId(), site);
    }

    @Override
    public void onJobEnd(org.apache.spark.scheduler.SparkListenerJobEnd job) {
      Long start = started.remove(job.jobId());
      String site = sites.remove(job.jobId());
      if (start != null) {
        done.add(String.format(Locale.ROOT, "%d: %.2f s %s", job.jobId(), (job.time() - start) / 1000.0, site));
      }
    }
  }

  /** Peak RSS of this JVM, and its heap pools' peaks summed (an upper bound of the peak heap in use). */
  static final class Memory {
    private Memory() {}

    static long peakRssKb() {
      return status("VmHWM");
    }

    static long currentRssKb() {
      return status("VmRSS");
    }

    static long peakHeapBytes() {
      long total = 0;
      for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
        if (pool.getType() == MemoryType.HEAP) {
          total += pool.getPeakUsage().getUsed();
        }
      }
      return total;
    }

    private static long status(String key) {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith(key + ":")) {
            return Long.parseLong(line.replaceAll("\\D+", ""));
          }
        }
      } catch (IOException e) {
        return -1;
      }
      return -1;
    }
  }
}
