package io.vigil.api.risk;

/** The datatype of a risk parameter; its value must parse as this type (S1 §7.4.1, V-23). */
public enum ParameterType {
  DOUBLE,
  LONG,
  INT,
  BOOLEAN,
  /** An ISO date or date-time, e.g. {@code 2024-01-31} or {@code 2024-01-31 12:00:00}. */
  TIMESTAMP,
  STRING
}
