package io.vigil.api.dataset;

/** How a dataset absorbs new data, and how it is read back (S1 §3.1.5, §3.1.10–3.1.15). */
public enum IngestionMode {
  /** Each load adds new immutable records, kept in their original order. */
  APPEND,
  /** Each load is a full snapshot, diffed by primary key; history is kept with updated/deleted tags. */
  OVERWRITE,
  /** Each load holds only changed records, applied by primary key with the same history tags. */
  UPDATE;

  /** True for the modes that keep history by primary key. */
  public boolean isKeyed() {
    return this != APPEND;
  }
}
