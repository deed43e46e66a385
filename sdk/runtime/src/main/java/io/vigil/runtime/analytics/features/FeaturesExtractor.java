package io.vigil.runtime.analytics.features;

import java.util.HashSet;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The guide's {@code FeaturesExtractor([nft, cft])} (S1 §5.1): a list of transformers that, fitted on
 * training data, gives a {@link FeaturesExtractorModel}. Features keep the order of the transformers and
 * of their fields.
 *
 * @param transformers the transformers, at least one; no field may appear in two of them
 */
public record FeaturesExtractor(List<FeaturesTransformer> transformers) {
  public FeaturesExtractor {
    transformers = List.copyOf(transformers);
    if (transformers.isEmpty()) {
      throw new IllegalArgumentException("Cannot define a features extractor: it has no transformer");
    }
    HashSet<String> seen = new HashSet<>();
    for (FeaturesTransformer t : transformers) {
      for (String f : t.features()) {
        if (!seen.add(f)) {
          throw new IllegalArgumentException("Cannot define a features extractor: feature '" + f + "' is in two transformers");
        }
      }
    }
  }

  public static FeaturesExtractor of(FeaturesTransformer... transformers) {
    return new FeaturesExtractor(List.of(transformers));
  }

  /** Learns the imputation values and category numbers from {@code data} (a few Spark jobs). */
  public FeaturesExtractorModel fit(Dataset<Row> data) {
    return new FeaturesExtractorModel(new ExtractorFitter(this, data).fit());
  }
}
