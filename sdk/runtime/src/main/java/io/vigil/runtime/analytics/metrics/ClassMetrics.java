package io.vigil.runtime.analytics.metrics;

/**
 * The guide's {@code evaluation_metric(Sc, Y)} over plain arrays, for classes 1..N. With two classes,
 * class 2 is the positive one: AUC of its probability, and precision, recall, F1 and Fβ of predicting it
 * (the class with the highest probability). With more, every metric but accuracy is the unweighted mean
 * over the classes of the one-against-the-rest value.
 */
public final class ClassMetrics {
  private ClassMetrics() {}

  /** {@code probabilities[r][c − 1]} is record r's probability of class c; {@code labels[r]} is its class. */
  public static ClassificationMetrics evaluate(double[][] probabilities, int[] labels, double beta) {
    int n = labels.length;
    if (n == 0) {
      return new ClassificationMetrics(Double.NaN, 0, 0, 0, 0, 0);
    }
    int classes = probabilities[0].length;
    int[] predicted = new int[n];
    long correct = 0;
    for (int r = 0; r < n; r++) {
      int best = 0;
      for (int c = 1; c < classes; c++) {
        if (probabilities[r][c] > probabilities[r][best]) {
          best = c;
        }
      }
      predicted[r] = best + 1;
      if (predicted[r] == labels[r]) {
        correct++;
      }
    }
    double accuracy = (double) correct / n;
    if (classes == 2) {
      ClassificationMetrics m = oneAgainstRest(probabilities, labels, predicted, 2, beta);
      return new ClassificationMetrics(m.auc(), m.f1(), m.fbeta(), accuracy, m.precision(), m.recall());
    }
    double auc = 0;
    double f1 = 0;
    double fbeta = 0;
    double precision = 0;
    double recall = 0;
    for (int c = 1; c <= classes; c++) {
      ClassificationMetrics m = oneAgainstRest(probabilities, labels, predicted, c, beta);
      auc += m.auc();
      f1 += m.f1();
      fbeta += m.fbeta();
      precision += m.precision();
      recall += m.recall();
    }
    return new ClassificationMetrics(auc / classes, f1 / classes, fbeta / classes, accuracy, precision / classes, recall / classes);
  }

  private static ClassificationMetrics oneAgainstRest(double[][] p, int[] labels, int[] predicted, int c, double beta) {
    int n = labels.length;
    double[] score = new double[n];
    boolean[] positive = new boolean[n];
    long tp = 0;
    long fp = 0;
    long fn = 0;
    long tn = 0;
    for (int r = 0; r < n; r++) {
      score[r] = p[r][c - 1];
      positive[r] = labels[r] == c;
      boolean hit = predicted[r] == c;
      if (hit && positive[r]) {
        tp++;
      } else if (hit) {
        fp++;
      } else if (positive[r]) {
        fn++;
      } else {
        tn++;
      }
    }
    return ClassificationMetrics.of(BinaryMetrics.auc(score, positive), tp, fp, fn, tn, beta);
  }
}
