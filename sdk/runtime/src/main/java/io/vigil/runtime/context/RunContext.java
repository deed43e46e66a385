package io.vigil.runtime.context;

import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.metrics.Metrics;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.progress.Progress;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.Stores;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import org.apache.spark.sql.SparkSession;

/**
 * What a run provides to the runtime's facades (datasets, connectors, models, evaluation, …): the
 * solution's metadata, where its data lives, the execution date and environment, Spark, the
 * stores, the run's metrics and secrets, and the check that guards every write. The job context
 * implements it; facades depend on this interface only, so that no runtime package needs the
 * package that hosts the job context.
 */
public interface RunContext {
  DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss");

  /** The solution's entities. */
  SolutionCatalog catalog();

  /** Where the solution's data lives; needs no store connection. */
  Layout layout();

  /** The execution date: it decides what data is read and written. */
  LocalDateTime executionDate();

  /** The execution date as ThetaRay names partitions and archive folders: {@code 2024_01_31_00_00_00}. */
  default String executionStamp() {
    return STAMP.format(executionDate());
  }

  /** The data environment the run reads and writes by default. */
  Environment environment();

  /** The user the run acts for, normalised. */
  String user();

  /** Who writes: the job or connector id recorded in {@code tr_writer}; reruns replace their own rows. */
  String writer();

  /** The commit of the bundle the run is pinned to, or null when run from a solution directory. */
  String bundleCommit();

  /** The Spark session, created on first use. */
  SparkSession spark();

  /** The stores, opened on first use. */
  Stores stores();

  /** The run's operational metrics. */
  Metrics metrics();

  /** Resolves {@code env:} and {@code encrypted:} references in metadata. */
  SecretResolver secrets();

  /** Fails unless the run may write to {@code target}; {@code what} names the object in the message. */
  void checkWritable(Environment target, String what);

  /** Where trained models are registered and resolved: MLflow when configured, else the local registry. */
  ModelRegistry models();

  /** The solution's folder when the run works on a checkout (JShell, Jupyter, the testkit); null for a bundle. */
  default Path solutionDirectory() {
    return null;
  }

  /** Where long work reports how far it got; nothing by default. */
  default Progress progress() {
    return Progress.NONE;
  }

  default String solution() {
    return catalog().solution();
  }
}
