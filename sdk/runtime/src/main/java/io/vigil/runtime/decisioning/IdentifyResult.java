package io.vigil.runtime.decisioning;

import io.vigil.runtime.layout.Environment;
import java.time.LocalDateTime;
import java.util.List;

/**
 * What identify_risks did.
 *
 * @param flow the evaluation flow
 * @param environment where it ran
 * @param from the first execution date it covered
 * @param to the last execution date it covered
 * @param activities the records it decided on
 * @param risks per risk of the flow, by identifier
 * @param kept alerts of the range that were already distributed and so were left as they were
 */
public record IdentifyResult(String flow, Environment environment, LocalDateTime from, LocalDateTime to, long activities,
    List<RiskCounts> risks, long kept) {
  public IdentifyResult {
    risks = List.copyOf(risks);
  }
}
