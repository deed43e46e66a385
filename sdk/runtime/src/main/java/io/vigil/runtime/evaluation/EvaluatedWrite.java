package io.vigil.runtime.evaluation;

import io.vigil.runtime.layout.Environment;
import java.time.LocalDateTime;

/**
 * What writing a flow's evaluated activities did.
 *
 * @param flow the evaluation flow
 * @param environment where they went
 * @param executionDate the date whose rows they replaced
 * @param rows the records written
 * @param rated the records an algo step rated: its anomalies and the rating percentile of the rest
 */
public record EvaluatedWrite(String flow, Environment environment, LocalDateTime executionDate, long rows, long rated) {}
