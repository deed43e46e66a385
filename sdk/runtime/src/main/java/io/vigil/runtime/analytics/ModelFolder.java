package io.vigil.runtime.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.vigil.runtime.analytics.steps.ModelFiles;
import io.vigil.runtime.errors.RuntimeErrors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * The on-disk layout shared by every {@link TrainedModel}: a folder holding {@code model.json}
 * ({@code {"kind": …, "format": 1}}) and the model's files. For the analytics packages; callers use
 * {@link TrainedModel#save} and {@link ModelFiles#load}.
 */
public final class ModelFolder {
  public static final String MANIFEST = "model.json";
  public static final int FORMAT = 1;
  private static final ObjectMapper JSON = com.fasterxml.jackson.databind.json.JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(com.fasterxml.jackson.core.json.JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();

  private ModelFolder() {}

  /** A fresh JSON object node. */
  public static ObjectNode object() {
    return JSON.createObjectNode();
  }

  /** Creates {@code dir} (it must be empty or absent) and writes the manifest of {@code kind}. */
  public static void create(Path dir, String kind) {
    try {
      if (Files.exists(dir)) {
        if (!Files.isDirectory(dir)) {
          throw RuntimeErrors.modelFolderIsAFile(kind, dir);
        }
        try (Stream<Path> list = Files.list(dir)) {
          if (list.findAny().isPresent()) {
            throw RuntimeErrors.modelFolderNotEmpty(kind, dir);
          }
        }
      }
      Files.createDirectories(dir);
      ObjectNode manifest = object().put("kind", kind).put("format", FORMAT);
      JSON.writeValue(dir.resolve(MANIFEST).toFile(), manifest);
    } catch (IOException e) {
      throw RuntimeErrors.modelUnwritable(kind, dir, e);
    }
  }

  /** The kind named by the manifest in {@code dir}. */
  public static String kind(Path dir) {
    JsonNode manifest = read(dir, MANIFEST, "model");
    JsonNode kind = manifest.get("kind");
    if (kind == null || !kind.isTextual()) {
      throw RuntimeErrors.modelKindMissing(dir, MANIFEST);
    }
    int format = manifest.path("format").asInt(-1);
    if (format != FORMAT) {
      throw RuntimeErrors.modelFormatUnsupported(dir, format, FORMAT);
    }
    return kind.asText();
  }

  /** Checks that {@code dir} holds a model of {@code kind}. */
  public static void expect(Path dir, String kind) {
    String found = kind(dir);
    if (!found.equals(kind)) {
      throw RuntimeErrors.modelKindMismatch(kind, dir, found);
    }
  }

  /** Writes {@code node} as the JSON file {@code name} in {@code dir}. */
  public static void write(Path dir, String name, JsonNode node, String kind) {
    try {
      JSON.writeValue(dir.resolve(name).toFile(), node);
    } catch (IOException e) {
      throw RuntimeErrors.modelUnwritable(kind, dir, e);
    }
  }

  /** Reads the JSON file {@code name} of {@code dir}. */
  public static JsonNode read(Path dir, String name, String kind) {
    Path file = dir.resolve(name);
    if (!Files.isRegularFile(file)) {
      throw RuntimeErrors.modelFileMissing(kind, dir, name);
    }
    try {
      return JSON.readTree(file.toFile());
    } catch (IOException e) {
      throw RuntimeErrors.modelFileNotJson(kind, dir, name, e);
    }
  }

  /** A required member of a model file, with a message naming the file when it is absent. */
  public static JsonNode required(JsonNode node, String field, Path dir, String kind) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw RuntimeErrors.modelFieldMissing(kind, dir, field);
    }
    return value;
  }

  /** The doubles of a JSON array. */
  public static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** A JSON array of doubles; Jackson writes each with the shortest text that reads back to the same double. */
  public static com.fasterxml.jackson.databind.node.ArrayNode array(double[] values) {
    com.fasterxml.jackson.databind.node.ArrayNode a = JSON.createArrayNode();
    for (double v : values) {
      a.add(v);
    }
    return a;
  }
}
