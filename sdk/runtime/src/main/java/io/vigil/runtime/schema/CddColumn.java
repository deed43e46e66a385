package io.vigil.runtime.schema;

/**
 * A column of a CDD table.
 *
 * @param name column name
 * @param sqlType Postgres type, e.g. {@code bigint}, {@code text[]}
 * @param nullable whether NULL is allowed
 */
public record CddColumn(String name, String sqlType, boolean nullable) {}
