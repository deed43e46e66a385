package io.vigil.runtime.decisioning;

import java.time.LocalDateTime;

/**
 * One alert as identify_risks makes it, before suppression is decided.
 *
 * @param alertId stable: a hash of the flow, risk, record and execution date, so a rerun makes the same id
 * @param suppressionPeriod the risk's suppression period as a Postgres interval, or null for none
 * @param entity the flow's grouping identifiers of the record, as JSON
 * @param topFeatures the ranked features of an AI risk, as JSON, or null
 * @param payload what distribution sends, as JSON
 */
record Alert(String alertId, String trId, LocalDateTime jobTs, String risk, String analysisMethod, String entity,
    String displayName, String description, String category, Integer severity, String suppressionKey,
    String suppressionPeriod, String pattern, String topFeatures, String payload) {}
