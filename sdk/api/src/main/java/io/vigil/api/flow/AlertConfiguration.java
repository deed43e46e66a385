package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * How the alerts of a flow behave in the Investigation Center (S1 §13.2, §20.12).
 *
 * @param reclassificationPeriod days a manual reclassification stays valid, e.g. 365
 * @param llmSummarization add an LLM-written summary to each alert (needs the OpenAI licence)
 */
public record AlertConfiguration(Integer reclassificationPeriod, boolean llmSummarization) {
  public AlertConfiguration {
    Checks.positive(reclassificationPeriod, "alert configuration", "reclassification_period");
  }

  public static AlertConfiguration of(Integer reclassificationPeriod, boolean llmSummarization) {
    return BuildSites.mark(new AlertConfiguration(reclassificationPeriod, llmSummarization));
  }
}
