package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.Map;

/**
 * Settings of Rule Builder simulations on a flow (S1 §11.2; the guide's EFRuleBuilderConfig).
 *
 * @param simulationSparkConfig Spark settings of simulation runs, merged over the platform defaults and
 *     the project settings
 * @param chunkSize the chunk size simulations pass to identify_risks (default 10)
 * @param fetchSize the fetch size simulations pass to identify_risks (default 10000)
 */
public record RuleBuilderConfig(Map<String, String> simulationSparkConfig, Integer chunkSize, Integer fetchSize) {
  private static final int DEFAULT_CHUNK_SIZE = 10;
  private static final int DEFAULT_FETCH_SIZE = 10_000;

  public RuleBuilderConfig {
    simulationSparkConfig = Checks.map(simulationSparkConfig);
    chunkSize = Checks.positive(Checks.orDefault(chunkSize, DEFAULT_CHUNK_SIZE), "rule builder config", "chunk_size");
    fetchSize = Checks.positive(Checks.orDefault(fetchSize, DEFAULT_FETCH_SIZE), "rule builder config", "fetch_size");
  }

  /** A configuration; null sizes take their defaults. */
  public static RuleBuilderConfig of(Map<String, String> simulationSparkConfig, Integer chunkSize, Integer fetchSize) {
    return BuildSites.mark(new RuleBuilderConfig(simulationSparkConfig, chunkSize, fetchSize));
  }
}
