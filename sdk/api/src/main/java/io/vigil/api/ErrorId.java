package io.vigil.api;

/**
 * The stable identity of one user-facing error: {@code VGL-<MODULE>-<NNN>}, for example
 * {@code VGL-SYNC-012}. Each module lists its ids in the {@code Id} enum of its errors class; an id is
 * assigned once and never reused or renumbered, so users can search for it and scripts can match it.
 * {@code docs/errors.md} lists every id.
 */
public interface ErrorId {
  /** The id, like {@code VGL-RT-004}. */
  String id();

  /** The category, which decides the CLI's exit code. */
  ErrorCode code();

  /** One line saying what went wrong, for the errors page. */
  String summary();
}
