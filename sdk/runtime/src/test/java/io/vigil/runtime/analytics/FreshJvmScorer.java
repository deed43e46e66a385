package io.vigil.runtime.analytics;

import io.vigil.runtime.analytics.classify.ClassifierModel;
import io.vigil.runtime.analytics.detect.Algorithm;
import io.vigil.runtime.analytics.detect.DetectionScore;
import io.vigil.runtime.analytics.detect.DetectorModel;
import io.vigil.runtime.analytics.features.FeaturesExtractorModel;
import io.vigil.runtime.analytics.steps.ModelFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Run in a child JVM by {@link ModelPersistenceTest}: loads the three saved models (no SparkSession, and
 * no Spark JVM flags), scores the raw records of a tab-separated file one at a time and writes the scores.
 */
public final class FreshJvmScorer {
  private FreshJvmScorer() {}

  public static void main(String[] args) throws Exception {
    Path models = Path.of(args[0]);
    FeaturesExtractorModel extractor = (FeaturesExtractorModel) ModelFiles.load(models.resolve("fe"));
    DetectorModel detector = (DetectorModel) ModelFiles.load(models.resolve("ad"));
    ClassifierModel classifier = (ClassifierModel) ModelFiles.load(models.resolve("cl"));
    List<String> out = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of(args[1]))) {
      out.add(score(line, extractor, detector, classifier));
    }
    Files.write(Path.of(args[2]), out);
  }

  /** One output line: id, fused, iforest, hbos, ratings pairs, class probabilities (doubles as Double.toString). */
  static String score(String line, FeaturesExtractorModel extractor, DetectorModel detector, ClassifierModel classifier) {
    String[] f = line.split("\t", -1);
    Map<String, Object> record = new HashMap<>();
    record.put("amount", f[1].isEmpty() ? null : Double.valueOf(f[1]));
    record.put("items", f[2].isEmpty() ? null : Integer.valueOf(f[2]));
    record.put("channel", f[3].isEmpty() ? null : f[3]);
    double[] x = extractor.extract(record);
    DetectionScore s = detector.score(x);
    return String.join("\t", f[0], Double.toString(s.score()), Double.toString(s.algorithms().get(Algorithm.ISOLATION_FOREST)),
        Double.toString(s.algorithms().get(Algorithm.HBOS)), Arrays.toString(detector.rate(x).pairs()),
        Arrays.toString(classifier.predict(x)));
  }
}
