package io.vigil.runtime.dataset;

import io.vigil.runtime.layout.Environment;

/**
 * How to write a dataset.
 *
 * @param environment where to write; null means the context's environment
 * @param writer who writes, recorded in {@code tr_writer}; null means the context's writer
 * @param schemaPadding fill fields the rows lack with nulls instead of failing (S1 §4.7)
 * @param rewriteHistory allow rewriting an OVERWRITE/UPDATE execution date when later dates exist
 *     (their history is then not recomputed)
 */
public record WriteOptions(Environment environment, String writer, boolean schemaPadding, boolean rewriteHistory) {
  public static final WriteOptions DEFAULT = new WriteOptions(null, null, false, false);

  public WriteOptions in(Environment env) {
    return new WriteOptions(env, writer, schemaPadding, rewriteHistory);
  }

  public WriteOptions as(String newWriter) {
    return new WriteOptions(environment, newWriter, schemaPadding, rewriteHistory);
  }

  public WriteOptions withSchemaPadding(boolean padding) {
    return new WriteOptions(environment, writer, padding, rewriteHistory);
  }

  public WriteOptions allowingHistoryRewrite() {
    return new WriteOptions(environment, writer, schemaPadding, true);
  }
}
