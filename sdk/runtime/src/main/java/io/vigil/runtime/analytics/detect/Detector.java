package io.vigil.runtime.analytics.detect;

import java.util.List;
import java.util.Objects;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The guide's {@code ThetaRayDetector} (S1 §5.2): fuses an isolation forest and HBOS into one anomaly score.
 *
 * <p>Unsupervised ({@link #fit(Dataset, List)}): the forest and the histograms learn normality from every
 * training record; the two calibrated scores are averaged with equal weights.
 *
 * <p>Semi-supervised ({@link #fit(Dataset, List, String)}, labels 1 anomaly, 0 unknown, −1 normal):
 * <ol>
 *   <li>normality (scaler, forest, histograms, calibration) is learnt from the records not labelled 1;
 *   <li>the fusion weights are the ones (on a 0.05 grid) with the highest AUC of the labelled anomalies
 *       against the normals (the unknowns when no record is labelled −1), on a sample of up to 50,000 of each;
 *   <li>unless the perf metric is AUC, the fused-score threshold that maximises the perf metric (Fβ with
 *       {@code beta_for_F}, F1, accuracy, precision or recall) on that sample is mapped onto the fusion
 *       threshold, so "score ≥ fusion threshold" is the decision the labels favour.
 * </ol>
 *
 * <p>Feature ratings always come from the HBOS per-feature contributions, so the histograms are fitted
 * even when HBOS is not one of the fused algorithms.
 */
public final class Detector {
  private final DetectorSettings settings;

  private Detector(DetectorSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  public static Detector of(DetectorSettings settings) {
    return new Detector(settings);
  }

  public DetectorSettings settings() {
    return settings;
  }

  /** Unsupervised fit on the double {@code featureColumns} of {@code data} (no null or NaN). */
  public DetectorModel fit(Dataset<Row> data, List<String> featureColumns) {
    return new DetectorModel(new DetectorFitter(settings, data, featureColumns, null).fit());
  }

  /** Semi-supervised fit; {@code labelColumn} holds 1 (anomaly), 0 (unknown) or −1 (normal) for every record. */
  public DetectorModel fit(Dataset<Row> data, List<String> featureColumns, String labelColumn) {
    return new DetectorModel(new DetectorFitter(settings, data, featureColumns, Objects.requireNonNull(labelColumn)).fit());
  }
}
