package io.vigil.runtime.dataset;

import io.vigil.runtime.layout.Environment;
import java.time.LocalDateTime;
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
    Map<String, Long> byValidator) {

  public WriteResult {
    byValidator = Map.copyOf(byValidator);
  }

  @Override
  public String toString() {
    return dataset + " " + environment + " " + executionDate + ": " + input + " in, " + written + " written, "
        + updated + " updated, " + deleted + " deleted, " + unchanged + " unchanged, " + rejected + " rejected, "
        + warned + " warned";
  }
}
