package io.vigil.runtime.connector;

import io.vigil.runtime.layout.Environment;

/**
 * Options of {@code upload} (S1 §4.7).
 *
 * @param environment where the rows go; null means the context's environment
 * @param failOnNoData fail when there is nothing to upload
 * @param useControlFiles leave consumed files in the landing folder and mark them with a control
 *     file instead of archiving them
 * @param schemaPadding fill fields a file lacks with nulls instead of rejecting its rows
 * @param uploadByExecutionDate read the sub-folder named after the execution date
 *     ({@code YYYY_MM_DD_HH_MM_SS}) instead of the landing folder itself
 */
public record UploadOptions(Environment environment, boolean failOnNoData, boolean useControlFiles,
    boolean schemaPadding, boolean uploadByExecutionDate) {
  public static final UploadOptions DEFAULT = new UploadOptions(null, false, false, false, false);

  public UploadOptions in(Environment env) {
    return new UploadOptions(env, failOnNoData, useControlFiles, schemaPadding, uploadByExecutionDate);
  }
}
