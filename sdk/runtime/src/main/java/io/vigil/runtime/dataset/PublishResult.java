package io.vigil.runtime.dataset;

import io.vigil.runtime.layout.Environment;
import java.time.LocalDateTime;

/**
 * What a publish did.
 *
 * @param dataset the dataset published
 * @param environment whose CDD schema received it
 * @param table the Postgres table, schema-qualified
 * @param executionDate the execution date published
 * @param rows rows copied
 * @param partitions Spark partitions that copied in parallel
 */
public record PublishResult(String dataset, Environment environment, String table, LocalDateTime executionDate,
    long rows, int partitions) {}
