package io.vigil.runtime.dataset;

import io.vigil.api.dataset.DataSet;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.crypto.FieldCipher;
import io.vigil.runtime.crypto.FieldKeys;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import java.util.List;
import java.util.Set;
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

  /**
   * The dataset as {@code options} say. Encrypted fields come back as ciphertext unless {@code
   * options} decrypt with a reason; a decrypting read, and any read of a dataset with {@code
   * audited} fields, counts its rows and writes an audit row to {@code vigil_meta.read_audit}
   * before it returns.
   */
  public static Dataset<Row> read(RunContext context, String dataset, ReadOptions options) {
    DataSet ds = context.catalog().dataset(dataset);
    Environment env = options.environment() != null ? options.environment() : context.environment();
    List<String> encrypted = EncryptedFields.names(ds);
    if (options.decrypt() && !encrypted.isEmpty()) {
      if (options.reason() == null || options.reason().isBlank()) {
        throw RuntimeErrors.decryptWithoutReason(dataset);
      }
      String action = "decrypt dataset " + dataset;
      FieldKeys keys = context.secrets().fieldKeys(action);
      if (keys.isEmpty()) {
        throw RuntimeErrors.encryptionKeyMissing(action, FieldKeys.KEY_VARIABLE);
      }
      ReadAudit.check(context, dataset);
      Dataset<Row> rows = view(context, ds, env, options);
      List<String> present = encrypted.stream().filter(Set.of(rows.columns())::contains).toList();
      FieldCipher.Decrypted decrypted = FieldCipher.decrypt(rows, present, keys);
      long count = decrypted.check(action);
      ReadAudit.record(context, ds, env, present, true, count, options.reason().strip());
      LOG.info("Decrypted fields {} of {} rows of dataset {} in {} for {}", present, count, dataset, env, context.user());
      return decrypted.rows();
    }
    List<String> audited = EncryptedFields.audited(ds);
    if (audited.isEmpty()) {
      return view(context, ds, env, options);
    }
    ReadAudit.check(context, dataset);
    Dataset<Row> rows = view(context, ds, env, options);
    ReadAudit.record(context, ds, env, audited, false, rows.count(), null);
    return rows;
  }

  /** The rows as stored, encrypted fields as ciphertext, without an audit: for Vigil's own copies such as publish. */
  static Dataset<Row> view(RunContext context, DataSet ds, Environment env, ReadOptions options) {
    return DatasetReader.read(context.spark(), ds, context.layout().datasetPath(env, ds.identifier()), context.executionDate(),
        options);
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
    FieldKeys keys = writeKeys(context, ds);
    Layout layout = context.layout();
    context.progress().stage("write " + dataset);
    WriteResult result = DatasetWriter.write(context.spark(), rows, ds, env, layout.datasetPath(env, dataset),
        layout.rejectedPath(env, dataset), context.executionDate(), writer, options, keys);
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

  /** The keys a write needs, checked before anything is written; null when the dataset has no encrypted field. */
  private static FieldKeys writeKeys(RunContext context, DataSet ds) {
    List<String> encrypted = EncryptedFields.names(ds);
    if (encrypted.isEmpty()) {
      return null;
    }
    String action = "write dataset " + ds.identifier() + " (encrypted fields " + String.join(", ", encrypted) + ")";
    FieldKeys keys = context.secrets().fieldKeys(action);
    if (!keys.canEncrypt()) {
      throw RuntimeErrors.encryptionKeyMissing(action, FieldKeys.KEY_VARIABLE);
    }
    return keys;
  }
}
