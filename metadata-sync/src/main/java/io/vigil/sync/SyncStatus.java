package io.vigil.sync;

/** How a sync ended. */
public enum SyncStatus {
  /** Changes were applied. */
  APPLIED,
  /** The stores already match the commit. */
  NO_CHANGES,
  /** A plan was computed and not applied (plan only). */
  PLANNED,
  /** The solution has errors; nothing was applied. */
  INVALID,
  /** The plan has breaking changes or deletes whose flag was not given; nothing was applied. */
  BLOCKED
}
