package io.vigil.runtime.dataset;

import io.vigil.runtime.layout.Environment;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a write did.
 *
 * @param dataset the dataset written
 * @param environment where
 * @param executionDate the execution date the rows carry
 * @param input rows offered
 * @param written new records or new versions stored
 * @param updated older versions tagged {@code updated}
 * @param deleted records tagged {@code deleted}
 * @param unchanged keyed records identical to their current version (not stored again)
 * @param rejected rows sent to the rejected-rows table
 * @param warned rows kept despite a failed WARN validator
 * @param byValidator failures per validator name (REJECT and WARN)
 * @param outsideValidValues per field with {@code valid_values}, the rows validation kept whose value (as text) is not
 *     among them: warnings, the rows are stored; fields without such rows are left out
 */
public record WriteResult(
    String dataset,
    Environment environment,
    LocalDateTime executionDate,
    long input,
    long written,
    long updated,
    long deleted,
    long unchanged,
    long rejected,
    long warned,
    Map<String, Long> byValidator,
    Map<String, Long> outsideValidValues) {

  public WriteResult {
    byValidator = Map.copyOf(byValidator);
    // Kept in field order for the upload summary.
    outsideValidValues = Collections.unmodifiableMap(new LinkedHashMap<>(outsideValidValues));
  }

  @Override
  public String toString() {
    return dataset + " " + environment + " " + executionDate + ": " + input + " in, " + written + " written, "
        + updated + " updated, " + deleted + " deleted, " + unchanged + " unchanged, " + rejected + " rejected, "
        + warned + " warned";
  }
}
