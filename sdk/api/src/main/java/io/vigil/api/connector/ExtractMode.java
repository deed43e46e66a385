package io.vigil.api.connector;

/** How much of a table a JDBC connector reads on each run (S0 "Data Extraction"). */
public enum ExtractMode {
  /** Every row, on every run: KeplerAI's overwrite (full refresh). */
  FULL,
  /**
   * Only rows whose incremental column is after the previous run's high-water mark: KeplerAI's
   * append mode, which on a daily schedule reads the previous day's (D-1) rows.
   */
  INCREMENTAL
}
