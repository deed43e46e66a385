package io.vigil.runtime.connector;

import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.layout.DataEnvironment;
import io.vigil.runtime.layout.Environment;

/**
 * The connector API of jobs, in ThetaRay's shape (S1 §4.7):
 * {@code upload(context, connector, env, failOnNoData, useControlFiles, schemaPadding, uploadByExecutionDate)}.
 * Flat-file, SWIFT and ISO 20022 connectors read their landing folder (messages mapped to the standard
 * payment columns, see docs/payments.md); JDBC connectors read their table or query.
 */
public final class Connectors {
  private Connectors() {}

  /** Uploads with the defaults into the context's environment. */
  public static UploadResult upload(RunContext context, String connector) {
    return Uploader.upload(context, connector, UploadOptions.DEFAULT);
  }

  public static UploadResult upload(RunContext context, String connector, UploadOptions options) {
    return Uploader.upload(context, connector, options);
  }

  public static UploadResult upload(RunContext context, String connector, DataEnvironment environment,
      boolean failOnNoData, boolean useControlFiles, boolean schemaPadding, boolean uploadByExecutionDate) {
    Environment env = environment == DataEnvironment.PUBLIC ? Environment.PUBLIC : Environment.privateOf(context.user());
    return Uploader.upload(context, connector,
        new UploadOptions(env, failOnNoData, useControlFiles, schemaPadding, uploadByExecutionDate));
  }
}
