package io.vigil.runtime.evaluation;

import java.time.LocalDateTime;
import java.util.List;

/**
 * How the built-in training recipe runs.
 *
 * @param step the step to train; null trains every step of the flow
 * @param from the first execution date of the training data; null with {@code to} means the execution date
 * @param to the last execution date of the training data
 * @param features the fields to use; empty means the recipe's choice (see {@link FlowTraining})
 * @param labels the labels column: required for a classifier step (classes 1..N), optional for an
 *     algo step (1 anomaly, 0 unknown, −1 normal: semi-supervised)
 */
public record TrainingOptions(String step, LocalDateTime from, LocalDateTime to, List<String> features, String labels) {
  public static final TrainingOptions DEFAULTS = new TrainingOptions(null, null, null, List.of(), null);

  public TrainingOptions {
    features = List.copyOf(features);
  }
}
