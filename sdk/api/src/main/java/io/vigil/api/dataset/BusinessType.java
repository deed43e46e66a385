package io.vigil.api.dataset;

/** Business meaning of a numeric field, shown with its units (S1 §20.3). */
public enum BusinessType {
  CURRENCY
}
