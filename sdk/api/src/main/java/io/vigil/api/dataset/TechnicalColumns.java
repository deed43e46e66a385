package io.vigil.api.dataset;

import java.util.List;
import java.util.Set;

/**
 * The columns Vigil adds to every dataset table in Delta and Postgres. Field identifiers must not
 * use these names. Their meaning is documented in {@code docs/runtime.md}.
 */
public final class TechnicalColumns {
  /** Stable id of a record version: a hash of the primary key (or of the row for APPEND) and the job. */
  public static final String TR_ID = "tr_id";
  /** The record's timestamp from the connector's timestamp configuration. */
  public static final String TR_TIMESTAMP = "tr_timestamp";
  /** The execution date of the job that wrote the record. */
  public static final String TR_JOB_TS = "tr_job_ts";
  /** Month of the record as YYYY_MM: of occurred_on_field when the dataset has one, else of the job. APPEND tables are partitioned by it. */
  public static final String TR_PARTITION = "tr_partition";
  /** History tag of OVERWRITE and UPDATE datasets: null for the current version, else updated or deleted. */
  public static final String TR_STATUS = "tr_status";
  /** Execution date of the job that tagged the record updated or deleted. */
  public static final String TR_STATUS_JOB_TS = "tr_status_job_ts";
  /** Who wrote the record: the connector of an upload, or the job (or user) of a write. A rerun replaces its own rows only. */
  public static final String TR_WRITER = "tr_writer";
  /** Source file the record was read from, when it came through a connector. */
  public static final String TR_SOURCE_FILE = "tr_source_file";
  /** Line (1-based, header excluded) of the record in its source file. */
  public static final String TR_SOURCE_LINE = "tr_source_line";

  /** History tag values. */
  public static final String STATUS_UPDATED = "updated";
  public static final String STATUS_DELETED = "deleted";

  public static final List<String> ALL = List.of(
      TR_ID, TR_TIMESTAMP, TR_JOB_TS, TR_PARTITION, TR_STATUS, TR_STATUS_JOB_TS, TR_WRITER, TR_SOURCE_FILE,
      TR_SOURCE_LINE);

  private static final Set<String> RESERVED = Set.copyOf(ALL);

  private TechnicalColumns() {}

  public static boolean isReserved(String name) {
    return RESERVED.contains(name);
  }
}
