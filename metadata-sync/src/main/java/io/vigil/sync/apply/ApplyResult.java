package io.vigil.sync.apply;

import java.util.List;

/**
 * What an apply did.
 *
 * @param applied changes carried out
 * @param skipped addresses of changes left out because a job run pins them (bundle deletes, MS-6)
 * @param millis how long it took
 */
public record ApplyResult(int applied, List<String> skipped, long millis) {
  public ApplyResult {
    skipped = List.copyOf(skipped);
  }
}
