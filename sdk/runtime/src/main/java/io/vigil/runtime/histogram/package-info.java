/**
 * Per-feature value counts of training data (S1 §5.6 {@code save_histograms}): numeric features in
 * deterministic equal-width bins, categorical ones by value. Computed set-based in Spark, stored as
 * JSON artifacts ({@code histograms/<feature>.json}) in the training run, read back by real-time
 * flows and published by metadata-sync.
 */
package io.vigil.runtime.histogram;
