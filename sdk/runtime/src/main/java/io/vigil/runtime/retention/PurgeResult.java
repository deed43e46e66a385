package io.vigil.runtime.retention;

import io.vigil.runtime.layout.Environment;

/**
 * What a purge removed, or with {@code dryRun} would remove.
 *
 * @param dataset the dataset
 * @param environment where
 * @param keptFrom the first occurred-on month kept, {@code yyyy_MM}; older months are purged
 * @param deltaRows rows deleted from the Delta table
 * @param cddRows rows deleted from the CDD table (0 when the dataset is not published)
 * @param dryRun true when nothing was deleted and only counted
 */
public record PurgeResult(String dataset, Environment environment, String keptFrom, long deltaRows, long cddRows,
    boolean dryRun) {}
