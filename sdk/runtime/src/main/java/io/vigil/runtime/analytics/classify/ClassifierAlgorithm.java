package io.vigil.runtime.analytics.classify;

/** The learner behind a {@link Classifier}: Spark MLlib gradient-boosted trees, or logistic regression as the baseline. */
public sealed interface ClassifierAlgorithm permits ClassifierAlgorithm.GradientBoostedTrees, ClassifierAlgorithm.LogisticRegression {
  /** MLlib's {@code GBTClassifier} (log loss); one model per class against the rest when there are more than two. */
  static GradientBoostedTrees gradientBoostedTrees() {
    return new GradientBoostedTrees(100, 3, 0.1, 0.8);
  }

  /** MLlib's {@code LogisticRegression}: binomial for two classes, multinomial (softmax) for more. */
  static LogisticRegression logisticRegression() {
    return new LogisticRegression(100, 0.0);
  }

  /**
   * @param iterations boosting rounds (trees per class model)
   * @param maxDepth depth of each tree
   * @param stepSize learning rate, in (0, 1]
   * @param subsamplingRate the fraction of records each tree sees, in (0, 1]
   */
  record GradientBoostedTrees(int iterations, int maxDepth, double stepSize, double subsamplingRate) implements ClassifierAlgorithm {
    public GradientBoostedTrees {
      if (iterations < 1 || maxDepth < 1 || !(stepSize > 0 && stepSize <= 1) || !(subsamplingRate > 0 && subsamplingRate <= 1)) {
        throw new IllegalArgumentException("Cannot use gradient-boosted trees with " + iterations + " iterations, depth " + maxDepth
            + ", step " + stepSize + ", subsampling " + subsamplingRate
            + ": iterations and depth must be at least 1, step and subsampling within (0, 1]");
      }
    }
  }

  /**
   * @param iterations optimiser iterations
   * @param regParam L2 regularisation, at least 0
   */
  record LogisticRegression(int iterations, double regParam) implements ClassifierAlgorithm {
    public LogisticRegression {
      if (iterations < 1 || !(regParam >= 0)) {
        throw new IllegalArgumentException("Cannot use logistic regression with " + iterations + " iterations and regularisation "
            + regParam + ": at least 1 iteration and a regularisation of at least 0 are needed");
      }
    }
  }
}
