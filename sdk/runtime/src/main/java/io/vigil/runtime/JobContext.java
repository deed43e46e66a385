package io.vigil.runtime;

import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.connector.Connectors;
import io.vigil.runtime.connector.UploadResult;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.dataset.PublishResult;
import io.vigil.runtime.dataset.WriteResult;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.metrics.Metrics;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.progress.Progress;
import io.vigil.runtime.progress.SparkProgress;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Everything a job needs while it runs (S1 §2.7): the execution date that stamps and selects data,
 * the DAG's parameters, the merged Spark conf and session, the data environment, the solution's
 * metadata and the stores. {@link #close()} releases the session (when this context created it)
 * and the stores.
 *
 * <p>Jobs run by Airflow get a context from the JobRunner; in JShell and Jupyter use {@link
 * Vigil#context}.
 */
public final class JobContext implements RunContext, AutoCloseable {
  /** The role that may write PUBLIC data (S1 §3.1.13). */
  public static final String MANAGER_ROLE = "manager";

  private final SolutionCatalog catalog;
  private final StoreSettings requested;
  private final LocalDateTime executionDate;
  private final Map<String, Object> parameters;
  private final Map<String, String> sparkConf;
  private final Environment environment;
  private final String domain;
  private final String bundleCommit;
  private final String writer;
  private final Metrics metrics = new Metrics();
  private Stores stores;
  private SparkSession spark;
  private boolean ownsSpark;
  private boolean closed;
  private final Runnable onClose;
  private final SecretResolver secrets;
  private final Progress progress;
  private final Path solutionDirectory;
  private ModelRegistry models;
  private SparkProgress sparkProgress;

  private JobContext(Builder b) {
    this.catalog = Objects.requireNonNull(b.catalog, "catalog");
    this.requested = b.settings != null ? b.settings : StoreSettings.fromEnvironment();
    this.executionDate = Objects.requireNonNull(b.executionDate, "executionDate");
    this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(b.parameters));
    Map<String, String> conf = new LinkedHashMap<>(catalog.manifest().defaults().sparkConf());
    conf.putAll(b.jobSparkConf);
    conf.putAll(b.dagSparkConf);
    this.sparkConf = Collections.unmodifiableMap(conf);
    this.environment = b.environment != null ? b.environment : Environment.privateOf(requested.user());
    this.domain = b.domain;
    this.bundleCommit = b.bundleCommit;
    this.writer = b.writer != null ? b.writer : "interactive:" + Environment.normalizeUser(requested.user());
    this.spark = b.spark;
    this.onClose = b.onClose;
    this.secrets = b.secrets != null ? b.secrets : SecretResolver.fromEnvironment();
    this.progress = b.progress != null ? b.progress : Progress.NONE;
    this.solutionDirectory = b.solutionDirectory;
    this.models = b.models;
  }

  public static Builder builder(SolutionCatalog catalog) {
    return new Builder(catalog);
  }

  /** The execution date: Airflow's logical date under a DAG; it decides what data is read and written. */
  public LocalDateTime executionDate() {
    return executionDate;
  }

  /** The DAG task's parameters (S1 §14.2.2). */
  public Map<String, Object> parameters() {
    return parameters;
  }

  /** A parameter as text, or null when absent. */
  public String parameter(String name) {
    Object value = parameters.get(name);
    return value == null ? null : value.toString();
  }

  public String parameter(String name, String fallback) {
    String value = parameter(name);
    return value == null ? fallback : value;
  }

  /** The Spark properties of this run: solution defaults, then the job's, then the DAG task's. */
  public Map<String, String> sparkConf() {
    return sparkConf;
  }

  public String sparkMaster() {
    return sparkConf.getOrDefault("spark.master", requested.sparkMaster());
  }

  public Environment environment() {
    return environment;
  }

  /** The user the context acts for. */
  public String user() {
    return Environment.normalizeUser(requested.user());
  }

  /** True when the user may write PUBLIC data. */
  public boolean isManager() {
    return requested.hasRole(MANAGER_ROLE);
  }

  public String solution() {
    return catalog.solution();
  }

  /** The domain of the running job, or null in an interactive session. */
  public String domain() {
    return domain;
  }

  /** The commit of the bundle this run is pinned to, or null when run from a solution directory. */
  public String bundleCommit() {
    return bundleCommit;
  }

  /** Who writes: the job (or connector) id recorded in {@code tr_writer}; reruns replace their own rows. */
  public String writer() {
    return writer;
  }

  public SolutionCatalog catalog() {
    return catalog;
  }

  /** Resolves {@code env:} and {@code encrypted:} references in metadata. */
  public SecretResolver secrets() {
    return secrets;
  }

  public Metrics metrics() {
    return metrics;
  }

  /** Logs a metric of this run, like MLflow's {@code log_metric}. */
  public void logMetric(String name, double value) {
    metrics.log(name, value);
  }

  /** The stores, opened on first use. */
  public synchronized Stores stores() {
    ensureOpen();
    if (stores == null) {
      stores = Stores.open(requested);
    }
    return stores;
  }

  /** Where this solution's data lives; needs no store connection. */
  public Layout layout() {
    return new Layout(solution(), requested.warehouseRoot());
  }

  /** The Spark session, created on first use with the merged conf. */
  public synchronized SparkSession spark() {
    ensureOpen();
    if (spark == null) {
      // A session this process already runs (a test's, or the demo's) is shared, not stopped on close.
      ownsSpark = SparkSession.getDefaultSession().isEmpty() && SparkSession.getActiveSession().isEmpty();
      // s3a needs the object store's address, which an embedded stack only knows once it runs.
      StoreSettings live = requested.warehouseRoot().startsWith("s3a://") ? stores().settings() : requested;
      spark = SparkSessions.forWarehouse(live, requested.sparkMaster(), sparkConf);
      sparkProgress = SparkProgress.watch(spark, progress);
    }
    return spark;
  }

  /** Reads a dataset as of this execution date; see {@link Datasets#read}. */
  public Dataset<Row> read(String dataset) {
    return Datasets.read(this, dataset);
  }

  /** Writes a dataset with its ingestion mode; see {@link Datasets#write}. */
  public WriteResult write(Dataset<Row> rows, String dataset) {
    return Datasets.write(this, rows, dataset);
  }

  /** Runs a connector into the context's environment; see {@link Connectors#upload}. */
  public UploadResult upload(String connector) {
    return Connectors.upload(this, connector);
  }

  /** Copies a dataset's view to its CDD table; see {@link Datasets#publish}. */
  public PublishResult publish(String dataset) {
    return Datasets.publish(this, dataset);
  }

  @Override
  public synchronized ModelRegistry models() {
    ensureOpen();
    if (models == null) {
      models = ModelRegistries.fromEnvironment(System.getenv(), requested.home());
    }
    return models;
  }

  @Override
  public Path solutionDirectory() {
    return solutionDirectory;
  }

  @Override
  public Progress progress() {
    return progress;
  }

  /** Fails unless this context may write to {@code target}. */
  public void checkWritable(Environment target, String what) {
    if (target.isPublic() && !isManager()) {
      throw RuntimeErrors.publicWriteForbidden(what, user());
    }
    if (!target.isPublic() && !target.user().equals(user())) {
      throw RuntimeErrors.otherUsersEnvironment(what, target.toString());
    }
  }

  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      if (sparkProgress != null) {
        sparkProgress.close();
      }
      if (spark != null && ownsSpark) {
        spark.stop();
      }
    } finally {
      spark = null;
      try {
        if (stores != null) {
          stores.close();
          stores = null;
        }
      } finally {
        if (onClose != null) {
          onClose.run();
        }
      }
    }
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("The job context is closed");
    }
  }

  /** Builds a context; only the catalog and the execution date are required. */
  public static final class Builder {
    private final SolutionCatalog catalog;
    private StoreSettings settings;
    private LocalDateTime executionDate;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, String> jobSparkConf = new LinkedHashMap<>();
    private final Map<String, String> dagSparkConf = new LinkedHashMap<>();
    private Environment environment;
    private String domain;
    private String bundleCommit;
    private String writer;
    private SparkSession spark;
    private Runnable onClose;
    private SecretResolver secrets;
    private Progress progress;
    private Path solutionDirectory;
    private ModelRegistry models;

    private Builder(SolutionCatalog catalog) {
      this.catalog = catalog;
    }

    public Builder settings(StoreSettings settings) {
      this.settings = settings;
      return this;
    }

    public Builder executionDate(LocalDateTime executionDate) {
      this.executionDate = executionDate;
      return this;
    }

    public Builder parameters(Map<String, ?> parameters) {
      this.parameters.putAll(parameters);
      return this;
    }

    public Builder parameter(String name, Object value) {
      this.parameters.put(name, value);
      return this;
    }

    /** The job's own Spark conf (its {@code sparkConf()}). */
    public Builder jobSparkConf(Map<String, String> conf) {
      this.jobSparkConf.putAll(conf);
      return this;
    }

    /** The DAG task's Spark conf; it overrides the job's. */
    public Builder dagSparkConf(Map<String, String> conf) {
      this.dagSparkConf.putAll(conf);
      return this;
    }

    public Builder environment(Environment environment) {
      this.environment = environment;
      return this;
    }

    public Builder domain(String domain) {
      this.domain = domain;
      return this;
    }

    public Builder bundleCommit(String bundleCommit) {
      this.bundleCommit = bundleCommit;
      return this;
    }

    public Builder writer(String writer) {
      this.writer = writer;
      return this;
    }

    /** An existing session to use (not stopped on close), e.g. one shared by tests. */
    public Builder spark(SparkSession spark) {
      this.spark = spark;
      return this;
    }

    /** How secret references resolve; the process environment by default. */
    public Builder secrets(SecretResolver secrets) {
      this.secrets = secrets;
      return this;
    }

    /** Where the run reports how far it got; Spark's tasks and rows are reported there too. */
    public Builder progress(Progress progress) {
      this.progress = progress;
      return this;
    }

    /** The solution's folder, when the context works on a checkout rather than a bundle. */
    public Builder solutionDirectory(Path solutionDirectory) {
      this.solutionDirectory = solutionDirectory;
      return this;
    }

    /** The model registry; by default MLflow when MLFLOW_TRACKING_URI is set, else the local one under VIGIL_HOME. */
    public Builder models(ModelRegistry models) {
      this.models = models;
      return this;
    }

    /** Runs after the context released its resources, e.g. to close the workspace that opened it. */
    public Builder onClose(Runnable onClose) {
      this.onClose = onClose;
      return this;
    }

    public JobContext open() {
      return new JobContext(this);
    }
  }
}
