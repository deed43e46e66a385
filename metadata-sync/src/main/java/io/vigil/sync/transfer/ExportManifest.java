package io.vigil.sync.transfer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code vigil-export.json}, the first entry of an export: what it holds and the checksum of every
 * other entry, so that an import refuses a damaged or edited file before it plans anything.
 *
 * @param format the layout version; importers refuse newer ones
 * @param solution the solution's name
 * @param commit the commit of the bundle
 * @param models the model versions of the source environment that the export carries
 * @param files every other entry by path, sorted
 */
public record ExportManifest(int format, String solution, String commit, List<ExportedModel> models, Map<String, FileSum> files) {
  /** The version this Vigil writes and the newest it reads. */
  static final int FORMAT = 1;
  /** The value of {@code kind}, which tells an export from any other zip. */
  static final String KIND = "vigil-solution-export";
  static final String NAME = "vigil-export.json";
  static final String BUNDLE = "bundle.jar";
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
      .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

  public ExportManifest {
    models = List.copyOf(models);
    files = Map.copyOf(new TreeMap<>(files));
  }

  /**
   * A model version as the source environment had it.
   *
   * @param name the model
   * @param version its version there
   * @param tags its tags there, without the export checksum tag
   */
  public record ExportedModel(String name, int version, Map<String, String> tags) {
    public ExportedModel {
      // Sorted, so that what prints and what is written come out in one order (Map.copyOf keeps none).
      tags = Collections.unmodifiableMap(new TreeMap<>(tags));
    }
  }

  /** Size and SHA-256 (hex) of one entry. */
  public record FileSum(long size, String sha256) {}

  byte[] toJson() {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("kind", KIND);
    root.put("format", format);
    root.put("solution", solution);
    root.put("commit", commit);
    List<Map<String, Object>> m = new ArrayList<>();
    for (ExportedModel model : models) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("name", model.name());
      item.put("version", model.version());
      item.put("tags", new TreeMap<>(model.tags()));
      m.add(item);
    }
    root.put("models", m);
    Map<String, Object> f = new TreeMap<>();
    files.forEach((path, sum) -> {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("size", sum.size());
      item.put("sha256", sum.sha256());
      f.put(path, item);
    });
    root.put("files", f);
    try {
      return JSON.writeValueAsBytes(root);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The manifest in {@code json}; null when it is not one (the caller names the file). */
  static ExportManifest parse(JsonNode root) {
    if (root == null || !root.isObject() || !KIND.equals(root.path("kind").asText(null)) || !root.path("format").isInt()) {
      return null;
    }
    List<ExportedModel> models = new ArrayList<>();
    for (JsonNode m : root.path("models")) {
      Map<String, String> tags = new TreeMap<>();
      m.path("tags").fields().forEachRemaining(e -> tags.put(e.getKey(), e.getValue().asText()));
      models.add(new ExportedModel(m.path("name").asText(), m.path("version").asInt(), tags));
    }
    Map<String, FileSum> files = new TreeMap<>();
    root.path("files").fields().forEachRemaining(e -> files.put(e.getKey(),
        new FileSum(e.getValue().path("size").asLong(-1), e.getValue().path("sha256").asText(""))));
    return new ExportManifest(root.get("format").asInt(), root.path("solution").asText(""), root.path("commit").asText(""),
        models, files);
  }

  static ObjectMapper json() {
    return JSON;
  }
}
