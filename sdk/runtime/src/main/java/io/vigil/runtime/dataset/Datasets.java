package io.vigil.runtime.dataset;

import io.vigil.api.dataset.DataSet;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dataset API of jobs (S1 §3.1.9–3.1.15), in ThetaRay's shape: {@code read(context, dataset)},
 * {@code write(context, rows, dataset)}. Every call names its execution date through the context,
 * and writes record their counts as the run's metrics ({@code <dataset>-written_rows}, …).
 */
public final class Datasets {
  private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);

  private Datasets() {}

  /** The dataset as of the context's execution date, from the context's environment. */
  public static Dataset<Row> read(RunContext context, String dataset) {
    return read(context, dataset, ReadOptions.DEFAULT);
  }

  public static Dataset<Row> read(RunContext context, String dataset, ReadOptions options) {
    DataSet ds = context.catalog().dataset(dataset);
    Environment env = options.environment() != null ? options.environment() : context.environment();
    return DatasetReader.read(context.spark(), ds, context.layout().datasetPath(env, dataset), context.executionDate(), options);
  }

  /** Copies the dataset's view for the execution date into its CDD table; see {@link Publisher}. */
  public static PublishResult publish(RunContext context, String dataset) {
    return Publisher.publish(context, dataset, context.environment());
  }

  public static PublishResult publish(RunContext context, String dataset, Environment env) {
    return Publisher.publish(context, dataset, env);
  }

  /** Writes rows with the dataset's ingestion mode; validators run and rejects are kept. */
  public static WriteResult write(RunContext context, Dataset<Row> rows, String dataset) {
    return write(context, rows, dataset, WriteOptions.DEFAULT);
  }

  public static WriteResult write(RunContext context, Dataset<Row> rows, String dataset, WriteOptions options) {
    DataSet ds = context.catalog().dataset(dataset);
    Environment env = options.environment() != null ? options.environment() : context.environment();
    context.checkWritable(env, "dataset " + dataset);
    String writer = options.writer() != null ? options.writer() : context.writer();
    Layout layout = context.layout();
    context.progress().stage("write " + dataset);
    WriteResult result = DatasetWriter.write(context.spark(), rows, ds, env, layout.datasetPath(env, dataset),
        layout.rejectedPath(env, dataset), context.executionDate(), writer, options);
    context.metrics().add(dataset + "-written_rows", result.written());
    context.metrics().add(dataset + "-rejected_rows", result.rejected());
    if (result.updated() + result.deleted() > 0) {
      context.metrics().add(dataset + "-updated_rows", result.updated());
      context.metrics().add(dataset + "-deleted_rows", result.deleted());
    }
    if (result.warned() > 0) {
      context.metrics().add(dataset + "-warned_rows", result.warned());
    }
    LOG.info("Wrote {}", result);
    context.progress().done(result.written() + " rows written, " + result.rejected() + " rejected");
    if (result.rejected() > 0 || result.warned() > 0) {
      LOG.warn("Dataset {}: {} rows rejected, {} rows warned; by validator: {}", dataset, result.rejected(),
          result.warned(), result.byValidator());
    }
    return result;
  }
}
