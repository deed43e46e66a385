package io.vigil.runtime.analytics.steps;

import org.apache.spark.sql.types.DataType;

/**
 * One column an evaluation step adds to the evaluated activities.
 *
 * @param name e.g. {@code <step>_score}
 * @param type its Spark type
 */
public record StepColumn(String name, DataType type) {}
