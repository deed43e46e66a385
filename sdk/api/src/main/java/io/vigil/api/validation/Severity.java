package io.vigil.api.validation;

/** How serious a problem is. Errors block sync; warnings are reported and allowed. */
public enum Severity {
  ERROR,
  WARNING
}
