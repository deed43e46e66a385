package io.vigil.api.risk;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * Histograms of the features rated by an evaluation step, for alerts raised on a model's output
 * (S1 §7.4.4).
 *
 * @param evaluationStep the evaluation step whose ratings are shown, e.g. {@code algo}
 */
public record RatingDisplay(String evaluationStep) implements DisplaySetting {
  public static final String TYPE = "rating";

  public RatingDisplay {
    Checks.required(evaluationStep, "rating display setting", "evaluation_step");
  }

  public static RatingDisplay of(String evaluationStep) {
    return BuildSites.mark(new RatingDisplay(evaluationStep));
  }
}
