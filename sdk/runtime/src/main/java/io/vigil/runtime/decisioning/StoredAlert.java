package io.vigil.runtime.decisioning;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One row of a flow's alerts table, as operators and jobs read it back.
 *
 * @param alertId the stable id, also the idempotency key distribution sends
 * @param executionDate the {@code tr_job_ts} of the alerted record
 * @param entity the flow's grouping identifiers of the record
 * @param suppressedBy the id of the alert that suppressed this one, or null
 * @param distributedOn when a target acknowledged it, or null while it waits
 * @param target the target that acknowledged it, or null
 */
public record StoredAlert(String alertId, String trId, LocalDateTime executionDate, String risk, Map<String, Object> entity,
    String displayName, String description, String category, Integer severity, boolean suppressed, String suppressedBy,
    String pattern, OffsetDateTime distributedOn, String target) {
  public StoredAlert {
    // Identifiers may be null, which Map.copyOf refuses; their order is the flow's.
    entity = Collections.unmodifiableMap(new LinkedHashMap<>(entity));
  }
}
