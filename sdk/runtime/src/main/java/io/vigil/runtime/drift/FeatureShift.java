package io.vigil.runtime.drift;

/**
 * How far one numeric feature moved: its CSI over the reference's quantile bins, and its means.
 *
 * @param passed {@code csi <= csi_threshold}
 */
public record FeatureShift(String feature, double csi, boolean passed, double referenceMean, double currentMean) {}
