package io.vigil.api.risk;

/**
 * The unit of a risk's suppression period: how long no new alert is raised for the same
 * investigated entity after a first alert (S1 §7.3, V-25).
 */
public enum SuppressionUnit {
  HOUR,
  DAY,
  MONTH
}
