package io.vigil.api.dataset;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * Data tiering of a dataset, evaluation flow, parquet index or connector source (S1 §3.3.5.1).
 *
 * @param targetTier the tier data moves to
 * @param localStorageRetentionDays days data stays local after its occurred-on date; null or 0 moves
 *     it at once. Used only by APPEND datasets and evaluation flows.
 */
public record IlmSetting(DataTier targetTier, Integer localStorageRetentionDays) {
  public IlmSetting {
    Checks.required(targetTier, "ILM setting", "target_tier");
    Checks.nonNegative(localStorageRetentionDays, "ILM setting", "local_storage_retention_days");
  }

  public static IlmSetting of(DataTier targetTier, Integer localStorageRetentionDays) {
    return BuildSites.mark(new IlmSetting(targetTier, localStorageRetentionDays));
  }

  public static IlmSetting of(DataTier targetTier) {
    return of(targetTier, null);
  }
}
