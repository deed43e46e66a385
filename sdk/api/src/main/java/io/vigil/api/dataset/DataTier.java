package io.vigil.api.dataset;

/** Storage tiers for information lifecycle management (S1 §3.3). */
public enum DataTier {
  NONE,
  HOT,
  WARM
}
