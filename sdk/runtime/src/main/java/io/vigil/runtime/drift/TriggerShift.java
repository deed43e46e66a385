package io.vigil.runtime.drift;

/**
 * How often one feature is among the top-3 trigger features of the rated records, reference against current.
 *
 * @param referenceShare its share of the reference's rated records
 * @param currentShare its share of the current period's rated records
 * @param z the z-score of the current share against the reference ({@link ZScores#proportion})
 * @param passed {@code |z| <= trigger_feature_z}
 */
public record TriggerShift(String feature, double referenceShare, double currentShare, double z, boolean passed) {}
