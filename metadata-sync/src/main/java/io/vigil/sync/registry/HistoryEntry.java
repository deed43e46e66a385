package io.vigil.sync.registry;

import java.time.Instant;

/**
 * One row of the append-only sync history, Flyway-style. A change row names its resource; a run
 * row ({@code address} null) records a whole sync, validation or repair.
 *
 * @param rank order of recording, from 1
 * @param solution the solution
 * @param commit the commit applied or refused
 * @param address the resource changed, or null for a run row
 * @param action create, update, replace or delete for a change; sync, validate, plan, promote or repair for a run
 * @param checksum spec hash the change left behind
 * @param appliedBy VIGIL_USER of the sync
 * @param appliedOn when
 * @param executionMs how long it took
 * @param success whether it succeeded
 * @param problems JSON: validation problems or the failure, or null
 */
public record HistoryEntry(long rank, String solution, String commit, String address, String action, String checksum,
    String appliedBy, Instant appliedOn, Long executionMs, boolean success, String problems) {

  /** A row to record; rank and time are assigned by the registry. */
  public static HistoryEntry of(String solution, String commit, String address, String action, String checksum,
      String appliedBy, long executionMs, boolean success, String problems) {
    return new HistoryEntry(0, solution, commit, address, action, checksum, appliedBy, null, executionMs, success, problems);
  }
}
