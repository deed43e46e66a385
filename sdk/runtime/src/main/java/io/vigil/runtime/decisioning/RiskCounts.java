package io.vigil.runtime.decisioning;

/**
 * What identify_risks found for one risk.
 *
 * @param risk the risk's identifier
 * @param alerted the records it raised a new alert for
 * @param suppressed the records it alerted on within the suppression period of an earlier alert
 * @param replaced the records on which a firing child replaced it
 */
public record RiskCounts(String risk, long alerted, long suppressed, long replaced) {}
