package io.vigil.runtime.spark;

import io.vigil.runtime.store.StoreSettings;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the SparkSession of a job: Delta enabled, UTC session time zone, loopback-only driver,
 * and s3a configured for the object store when the warehouse lives there. Later values override
 * earlier ones: Vigil's defaults, then the job's own conf, then the DAG's (S1 §2.7).
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Vigil's defaults for a session with this master. */
  public static Map<String, String> defaults(String master) {
    Map<String, String> conf = new LinkedHashMap<>();
    conf.put("spark.master", master);
    conf.put("spark.app.name", "vigil");
    conf.put("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension");
    conf.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    conf.put("spark.sql.session.timeZone", "UTC");
    conf.put("spark.sql.legacy.timeParserPolicy", "CORRECTED");
    conf.put("spark.ui.enabled", "false");
    conf.put("spark.ui.showConsoleProgress", "false");
    conf.put("spark.driver.host", "127.0.0.1");
    conf.put("spark.driver.bindAddress", "127.0.0.1");
    conf.put("spark.sql.shuffle.partitions", "8");
    conf.put("spark.databricks.delta.snapshotPartitions", "2");
    conf.put("spark.sql.sources.partitionOverwriteMode", "static");
    return conf;
  }

  /** s3a settings that reach the object store of {@code settings}; empty when it has no endpoint. */
  public static Map<String, String> s3a(StoreSettings settings) {
    Map<String, String> conf = new LinkedHashMap<>();
    if (settings.s3Endpoint() == null) {
      return conf;
    }
    URI endpoint = URI.create(settings.s3Endpoint());
    conf.put("spark.hadoop.fs.s3a.endpoint", settings.s3Endpoint());
    conf.put("spark.hadoop.fs.s3a.path.style.access", "true");
    conf.put("spark.hadoop.fs.s3a.connection.ssl.enabled", Boolean.toString("https".equals(endpoint.getScheme())));
    conf.put("spark.hadoop.fs.s3a.endpoint.region", settings.s3Region());
    conf.put("spark.hadoop.fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider");
    if (settings.s3AccessKey() != null) {
      conf.put("spark.hadoop.fs.s3a.access.key", settings.s3AccessKey());
    }
    if (settings.s3SecretKey() != null) {
      conf.put("spark.hadoop.fs.s3a.secret.key", settings.s3SecretKey().reveal());
    }
    return conf;
  }

  /**
   * Points a running session's s3a file system at the object store of {@code settings}. s3a file
   * systems are then no longer cached: a cached one keeps the endpoint it was made with, so after
   * a store moves (a new embedded stack in the same JVM, a notebook reconnecting) it would still
   * call the old address for a bucket of the same name.
   */
  public static void configureS3a(SparkSession spark, StoreSettings settings) {
    Map<String, String> s3a = s3a(settings);
    if (s3a.isEmpty()) {
      return;
    }
    org.apache.hadoop.conf.Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    s3a.forEach((k, v) -> hadoop.set(k.substring("spark.hadoop.".length()), v));
    hadoop.set("fs.s3a.impl.disable.cache", "true");
  }

  /**
   * The session for the warehouse of {@code settings}: Vigil's defaults for {@code master}, s3a
   * when the warehouse is on the object store, then {@code conf}. A session this process already
   * runs ignores {@code spark.hadoop.*} settings, so its Hadoop configuration is pointed at the
   * object store as well (see {@link #configureS3a}).
   */
  public static SparkSession forWarehouse(StoreSettings settings, String master, Map<String, String> conf) {
    boolean onObjectStore = settings.warehouseRoot().startsWith("s3a://");
    SparkSession spark = getOrCreate(merge(defaults(master), onObjectStore ? s3a(settings) : Map.of(), conf));
    if (onObjectStore) {
      configureS3a(spark, settings);
    }
    return spark;
  }

  /** Creates (or returns the running) session with {@code conf} applied. */
  public static SparkSession getOrCreate(Map<String, String> conf) {
    SparkSession.Builder builder = SparkSession.builder();
    conf.forEach(builder::config);
    SparkSession session = builder.getOrCreate();
    // Settings that a running session can still take (getOrCreate ignores them for an existing one).
    conf.forEach((k, v) -> {
      if (k.startsWith("spark.sql.") && !k.equals("spark.sql.extensions") && !k.startsWith("spark.sql.catalog.")) {
        session.conf().set(k, v);
      }
    });
    return session;
  }

  /** {@code base}, then each override in turn; later maps win. */
  @SafeVarargs
  public static Map<String, String> merge(Map<String, String> base, Map<String, String>... overrides) {
    Map<String, String> out = new LinkedHashMap<>(base);
    for (Map<String, String> o : overrides) {
      if (o != null) {
        out.putAll(o);
      }
    }
    return out;
  }
}
