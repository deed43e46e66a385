package io.vigil.api.serde;

/** The resolved type of a scalar, as YAML 1.1 or JSON resolves it. */
public enum ScalarKind {
  STRING,
  INTEGER,
  FLOAT,
  BOOLEAN,
  NULL
}
