package io.vigil.runtime.histogram;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.api.VigilException;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.model.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Feature histograms as run artifacts: one JSON file per feature, {@code histograms/<feature>.json}.
 *
 * <pre>{@code
 * {"format": 1, "feature": "amount", "kind": "numeric", "rows": 1000, "missing": 3,
 *  "min": 0.5, "max": 9800.0, "counts": [412, 230, …]}
 * {"format": 1, "feature": "country", "kind": "categorical", "rows": 1000, "missing": 0,
 *  "values": [{"value": "FR", "count": 700}, …], "other": 12}
 * }</pre>
 */
public final class HistogramArtifacts {
  /** The run artifact folder. */
  public static final String FOLDER = "histograms";
  private static final int FORMAT = 1;
  private static final Pattern FILE_SAFE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private HistogramArtifacts() {}

  /** Stores {@code histograms} in the run under {@value #FOLDER}/ (a feature stored before is replaced). */
  public static void save(ModelRegistry registry, String runId, List<FeatureHistogram> histograms) {
    Path staging;
    try {
      staging = Files.createTempDirectory("vigil-histograms-");
    } catch (IOException e) {
      throw RuntimeErrors.histogramsUnsaved(e);
    }
    try {
      write(staging, histograms);
      registry.logArtifacts(runId, staging, FOLDER);
    } finally {
      deleteTree(staging);
    }
  }

  /**
   * The histograms stored in the run, by feature.
   *
   * @throws VigilException NOT_FOUND when the run has none
   */
  public static Map<String, FeatureHistogram> load(ModelRegistry registry, String runId) {
    return read(registry.runArtifacts(runId, FOLDER));
  }

  /** Writes one {@code <feature>.json} per histogram into {@code dir}. */
  public static void write(Path dir, List<FeatureHistogram> histograms) {
    try {
      Files.createDirectories(dir);
      for (FeatureHistogram h : histograms) {
        if (!FILE_SAFE.matcher(h.feature()).matches()) {
          throw RuntimeErrors.histogramFeatureNameInvalid(h.feature(), FILE_SAFE.pattern());
        }
        JSON.writeValue(dir.resolve(h.feature() + ".json").toFile(), toJson(h));
      }
    } catch (IOException e) {
      throw RuntimeErrors.histogramsUnwritable(dir, e);
    }
  }

  /** Reads every {@code *.json} of {@code dir}, by feature (sorted). */
  public static Map<String, FeatureHistogram> read(Path dir) {
    Map<String, FeatureHistogram> out = new LinkedHashMap<>();
    try (Stream<Path> list = Files.list(dir)) {
      for (Path file : list.filter(p -> p.getFileName().toString().endsWith(".json")).sorted().toList()) {
        FeatureHistogram h = fromJson(JSON.readTree(file.toFile()), file);
        out.put(h.feature(), h);
      }
      return out;
    } catch (IOException e) {
      throw RuntimeErrors.histogramsUnreadable(dir, e);
    }
  }

  /** One histogram in the artifact format. */
  static ObjectNode toJson(FeatureHistogram h) {
    ObjectNode node = JSON.createObjectNode().put("format", FORMAT).put("feature", h.feature());
    if (h instanceof NumericHistogram n) {
      node.put("kind", "numeric").put("rows", n.rows()).put("missing", n.missing());
      if (n.counts().isEmpty()) {
        node.putNull("min");
        node.putNull("max");
      } else {
        node.put("min", n.min()).put("max", n.max());
      }
      ArrayNode counts = node.putArray("counts");
      n.counts().forEach(counts::add);
    } else if (h instanceof CategoricalHistogram c) {
      node.put("kind", "categorical").put("rows", c.rows()).put("missing", c.missing());
      ArrayNode values = node.putArray("values");
      c.counts().forEach((v, n) -> values.addObject().put("value", v).put("count", n));
      node.put("other", c.other());
    }
    return node;
  }

  /** The histogram of {@code node}; {@code file} names where it came from in an error. */
  static FeatureHistogram fromJson(JsonNode node, Path file) {
    String kind = node.path("kind").asText();
    String feature = node.path("feature").asText(null);
    if (node.path("format").asInt() != FORMAT || feature == null) {
      throw RuntimeErrors.histogramFormatUnknown(file, FORMAT);
    }
    long rows = node.path("rows").asLong();
    long missing = node.path("missing").asLong();
    if (kind.equals("numeric")) {
      List<Long> counts = new ArrayList<>();
      node.path("counts").forEach(c -> counts.add(c.asLong()));
      double min = node.path("min").isNumber() ? node.path("min").asDouble() : Double.NaN;
      double max = node.path("max").isNumber() ? node.path("max").asDouble() : Double.NaN;
      return new NumericHistogram(feature, rows, missing, min, max, counts);
    }
    if (kind.equals("categorical")) {
      Map<String, Long> values = new LinkedHashMap<>();
      node.path("values").forEach(v -> values.put(v.path("value").asText(), v.path("count").asLong()));
      return new CategoricalHistogram(feature, rows, missing, values, node.path("other").asLong());
    }
    throw RuntimeErrors.histogramKindUnknown(file, kind);
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // A temporary folder left behind is harmless.
    }
  }
}
