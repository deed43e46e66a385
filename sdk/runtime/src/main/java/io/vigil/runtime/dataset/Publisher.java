package io.vigil.runtime.dataset;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.schema.CddTable;
import io.vigil.runtime.schema.CddTables;
import java.time.LocalDateTime;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Copies a dataset's view for the execution date into the CDD table sync created (S1 §3.1.12):
 * APPEND datasets replace that date's rows, OVERWRITE and UPDATE datasets replace the whole table
 * with the as-of view. Spark partitions stream in parallel with {@code COPY FROM STDIN} into an
 * unlogged staging table; one transaction then swaps the rows in, so readers never see a partial
 * publish and a rerun gives the same table.
 */
final class Publisher {
  private static final Logger LOG = LoggerFactory.getLogger(Publisher.class);

  private Publisher() {}

  static PublishResult publish(RunContext context, String dataset, Environment env) {
    DataSet ds = context.catalog().dataset(dataset);
    if (!ds.publish()) {
      throw RuntimeErrors.datasetNotPublished(dataset);
    }
    context.checkWritable(env, "the CDD table of dataset " + dataset);
    CddTable table = CddTables.dataset(context.layout().cddSchema(env), ds);
    LocalDateTime date = context.executionDate();
    context.progress().stage("publish " + dataset + " to " + table.schema() + "." + table.name());
    // Encrypted fields are copied as the ciphertext Delta holds; a copy is not a read, so it is not audited.
    Dataset<Row> view = Datasets.view(context, ds, env, ReadOptions.DEFAULT);
    CddCopy.Copied copied = CddCopy.replace(context, table, view, ds.ingestionMode() == IngestionMode.APPEND ? date : null);
    PublishResult result = new PublishResult(dataset, env, table.schema() + "." + table.name(), date, copied.rows(),
        copied.partitions());
    context.metrics().add(dataset + "-published_rows", result.rows());
    LOG.info("Published {} rows of {} to {} in {} partitions", result.rows(), dataset, result.table(), result.partitions());
    context.progress().done(result.rows() + " rows published");
    return result;
  }
}
