package io.vigil.testkit;

import io.vigil.api.connector.Connector;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.Workspace;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.connector.Landing;
import io.vigil.runtime.job.JobRun;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.run.BundleJobs;
import io.vigil.runtime.run.JobRequest;
import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.SolutionSync;
import io.vigil.sync.SyncOptions;
import io.vigil.sync.SyncResult;
import io.vigil.sync.SyncStatus;
import io.vigil.sync.git.LocalCommit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A solution under test, applied to a stack of its own (see {@link SolutionTest}). Everything goes
 * through the code that {@code vigil apply}, {@code vigil landing put} and {@code vigil run} use:
 * jobs run from the bundle the apply stored, with their runs recorded, in the PUBLIC environment
 * as under Airflow.
 */
public final class TestSolution implements AutoCloseable {
  private final Path directory;
  private final Path home;
  private final Stores stores;
  private final Workspace workspace;
  private final SyncResult applied;
  private final List<JobContext> contexts = new ArrayList<>();

  private TestSolution(Path directory, Path home, Stores stores, Workspace workspace, SyncResult applied) {
    this.directory = directory;
    this.home = home;
    this.stores = stores;
    this.workspace = workspace;
    this.applied = applied;
  }

  /** Starts a stack under a new temporary home and applies the solution in {@code directory} to it. */
  static TestSolution start(Path directory, String user) {
    Path dir = directory.toAbsolutePath().normalize();
    Path home = temporaryHome();
    StoreSettings settings = new StoreSettings(home, null, "postgres", null, null, null, null, "us-east-1", null, user,
        "manager", "local[2]");
    Stores stores = Stores.open(settings);
    try {
      // One session for the JVM: contexts share it rather than own it, so closing one never stops it.
      SparkSessions.forWarehouse(stores.settings(), settings.sparkMaster(), Map.of("spark.sql.shuffle.partitions", "2"));
      SolutionSync sync = SolutionSync.of(stores, SyncOptions.DEFAULTS, LocalModelRegistry.under(home));
      SyncResult result = sync.apply(dir, LocalCommit.of(dir));
      if (result.status() == SyncStatus.INVALID || result.status() == SyncStatus.BLOCKED) {
        throw new SolutionNotApplied(result);
      }
      Workspace workspace = Vigil.open(dir, stores.settings());
      return new TestSolution(dir, home, stores, workspace, result);
    } catch (RuntimeException | Error e) {
      stores.close();
      deleteTree(home);
      throw e;
    }
  }

  /** The solution's name. */
  public String name() {
    return applied.solution();
  }

  /** The commit the solution was applied at: its git HEAD, or a content hash for an edited tree. */
  public String commit() {
    return applied.commit();
  }

  /** What the apply did. */
  public SyncResult applied() {
    return applied;
  }

  public SolutionCatalog catalog() {
    return workspace.catalog();
  }

  /** Where the stores are; the object store and Postgres are this class's own. */
  public Stores stores() {
    return stores;
  }

  /** A PUBLIC context for {@code executionDate} (ISO date or date-time); it is closed with the class. */
  public synchronized JobContext context(String executionDate) {
    JobContext context = workspace.context(Vigil.parseDate(executionDate), Environment.PUBLIC);
    contexts.add(context);
    return context;
  }

  /** Copies {@code files} into the landing folder of {@code connector}, as {@code vigil landing put} does. */
  public void land(String connector, Path... files) {
    Connector c = catalog().connector(connector);
    Landing.put(stores.objects(), layout(), c, null, List.of(files));
  }

  /** Writes {@code content} as a file named {@code fileName} into the landing folder of {@code connector}. */
  public void land(String connector, String fileName, String content) {
    Path staged = home.resolve("staged").resolve(fileName);
    try {
      Files.createDirectories(staged.getParent());
      Files.writeString(staged, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    land(connector, staged);
  }

  /**
   * Runs a job of the applied bundle for {@code executionDate}, as an Airflow task's {@code vigil
   * run} does; a failing cell throws {@link io.vigil.runtime.job.JobFailedException} naming it.
   */
  public JobRun run(String job, String executionDate) {
    return run(job, executionDate, Map.of());
  }

  public JobRun run(String job, String executionDate, Map<String, Object> parameters) {
    JobRequest request = new JobRequest(name(), commit(), null, job, Vigil.parseDate(executionDate), parameters, Map.of(),
        Environment.PUBLIC, null, null);
    return BundleJobs.run(stores, request, processEnvironment(), BundleJobs.Listener.NONE);
  }

  /** The secrets jobs may reference, without the MLflow settings: a solution test never reports to a tracking server. */
  private static Map<String, String> processEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.startsWith("MLFLOW_"));
    return env;
  }

  /** The PUBLIC rows of {@code dataset} as of {@code executionDate}, read as jobs read them. */
  public Dataset<Row> read(String dataset, String executionDate) {
    return context(executionDate).read(dataset);
  }

  /** The schema of the PUBLIC CDD in Postgres, where published datasets land. */
  public String cddSchema() {
    return layout().cddSchema(Environment.PUBLIC);
  }

  /**
   * Runs a query against the CDD with the PUBLIC schema first on the search path; {@code arguments}
   * are bound to its {@code ?} placeholders. Rows come back as column → value maps, in order.
   */
  public List<Map<String, Object>> query(String sql, Object... arguments) {
    return stores.postgres().withConnection(c -> {
      try (Statement s = c.createStatement()) {
        s.execute("set search_path to \"" + cddSchema().replace("\"", "\"\"") + "\", public");
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < arguments.length; i++) {
          ps.setObject(i + 1, arguments[i]);
        }
        List<Map<String, Object>> rows = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          ResultSetMetaData meta = rs.getMetaData();
          while (rs.next()) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (int i = 1; i <= meta.getColumnCount(); i++) {
              row.put(meta.getColumnLabel(i), rs.getObject(i));
            }
            rows.add(row);
          }
        }
        return rows;
      }
    });
  }

  private Layout layout() {
    return new Layout(name(), stores.settings().warehouseRoot());
  }

  /** The solution directory the class tests. */
  public Path directory() {
    return directory;
  }

  @Override
  public synchronized void close() {
    try {
      contexts.forEach(JobContext::close);
      workspace.close();
    } finally {
      try {
        stores.close();
      } finally {
        deleteTree(home);
      }
    }
  }

  private static Path temporaryHome() {
    try {
      return Files.createTempDirectory("vigil-testkit-");
    } catch (IOException e) {
      throw TestkitErrors.stackHomeUncreatable(e);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // A leftover temporary folder is harmless.
    }
  }
}
