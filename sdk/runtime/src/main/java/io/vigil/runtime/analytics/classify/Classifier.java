package io.vigil.runtime.analytics.classify;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The guide's {@code Classifier} (S1 §5.4): learns classes 1..N from labelled records with Spark MLlib.
 * Records labelled 0 (unknown) are left out of training. MLlib's gradient-boosted trees are binary, so
 * for N &gt; 2 classes one model per class is trained against the rest and the N probabilities are
 * normalised to sum to 1; logistic regression is multinomial for N &gt; 2.
 */
public final class Classifier {
  private final ClassifierSettings settings;

  private Classifier(ClassifierSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public static Classifier of(ClassifierSettings settings) {
    return new Classifier(settings);
  }

  public ClassifierSettings settings() {
    return settings;
  }

  /** Fits on the numeric {@code featureColumns} (no null or NaN) and the integer {@code labelColumn} (1..N, 0 unknown). */
  public ClassifierModel fit(Dataset<Row> data, List<String> featureColumns, String labelColumn) {
    ClassifierFitter.Fitted fitted = new ClassifierFitter(settings, data, featureColumns, labelColumn).fit();
    fitted.vectors().unpersist();
    return new ClassifierModel(fitted.core(), settings.betaForF());
  }
}
