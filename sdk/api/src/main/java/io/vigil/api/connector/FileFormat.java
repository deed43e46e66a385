package io.vigil.api.connector;

/** The format of the files a flat-file connector reads (S1 §4.1; JSON and Parquet from S0). */
public enum FileFormat {
  CSV,
  JSON,
  PARQUET
}
