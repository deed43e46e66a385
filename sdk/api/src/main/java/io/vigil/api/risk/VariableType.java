package io.vigil.api.risk;

/**
 * The datatype of a risk variable or enrichment output. The guide's text names BOOLEAN, NUMERIC and
 * STRING; its examples also use DOUBLE, LONG and BIGINT, and enrichment outputs use INT and
 * TIMESTAMP columns, so all are accepted (S1 §7.4.2, §12.4.5, §13.4.6, V-24).
 */
public enum VariableType {
  BOOLEAN,
  NUMERIC,
  STRING,
  DOUBLE,
  LONG,
  BIGINT,
  INT,
  TIMESTAMP
}
