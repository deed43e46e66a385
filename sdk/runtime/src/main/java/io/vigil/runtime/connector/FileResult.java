package io.vigil.runtime.connector;

/**
 * What happened to one input file. Every data line is accounted for:
 * {@code rowsIn == rowsAccepted + rowsRejected}.
 *
 * @param key object key the file was read from
 * @param rowsIn non-blank data lines (records)
 * @param rowsAccepted records stored, or already current for OVERWRITE/UPDATE datasets
 * @param rowsRejected records sent to a rejected-rows table
 * @param archivedTo key the file was moved to, or null when it stayed in place
 */
public record FileResult(String key, long rowsIn, long rowsAccepted, long rowsRejected, String archivedTo) {}
