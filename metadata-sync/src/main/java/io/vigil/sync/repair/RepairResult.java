package io.vigil.sync.repair;

import java.util.List;

/**
 * What a repair did.
 *
 * @param forgotten recorded resources that no longer exist; the next plan creates them again
 * @param refreshed recorded resources whose real state differed; the registry now holds the real state
 * @param verified recorded resources found as recorded
 * @param repairedRanks history ranks of failed rows that this repair marks as repaired
 */
public record RepairResult(List<String> forgotten, List<String> refreshed, List<String> verified, List<Long> repairedRanks) {
  public RepairResult {
    forgotten = List.copyOf(forgotten);
    refreshed = List.copyOf(refreshed);
    verified = List.copyOf(verified);
    repairedRanks = List.copyOf(repairedRanks);
  }
}
