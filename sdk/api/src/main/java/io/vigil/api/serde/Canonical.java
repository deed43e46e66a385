package io.vigil.api.serde;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.api.ApiErrors;
import io.vigil.api.validation.Problem;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The canonical form of metadata: JSON with the guide's snake_case keys in a stable order, the
 * same schema as YAML, and a content hash. Every record of the model round-trips through it without
 * loss: {@code fromJson(toJson(x), type).equals(x)}.
 */
public final class Canonical {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private Canonical() {}

  /** The plain tree (maps, lists, scalars) of a metadata value in canonical order. */
  public static Object toTree(Object value) {
    return Encoder.encode(value);
  }

  /** Compact canonical JSON; the input of {@link #hash}. */
  public static String toJson(Object value) {
    try {
      return JSON.writeValueAsString(Encoder.encode(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String toPrettyJson(Object value) {
    try {
      return PRETTY.writeValueAsString(Encoder.encode(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The same schema as the JSON form, as block YAML; multi-line strings (SQL) are literal blocks. */
  public static String toYaml(Object value) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(0);
    options.setWidth(120);
    options.setSplitLines(false);
    return new Yaml(new LiteralStrings(options), options).dump(Encoder.encode(value));
  }

  /** SHA-256 (hex) of the compact canonical JSON. Equal metadata has equal hashes. */
  public static String hash(Object value) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(digest.digest(toJson(value).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Decodes {@code node} as {@code type}, adding every problem found to {@code problems} with
   * paths under {@code rootPath}. Returns null when anything was wrong.
   */
  public static <T> T decode(Node node, Type type, String rootPath, List<Problem> problems) {
    @SuppressWarnings("unchecked")
    T value = (T) new Decoder(problems).decode(node, type, rootPath);
    return value;
  }

  /** Reads canonical JSON, failing with every problem listed. */
  public static <T> T fromJson(String json, Class<T> type) {
    List<Problem> problems = new ArrayList<>();
    Node node = JsonReader.read(json, "<json>", problems);
    return finish(node == null ? null : decode(node, type, "", problems), type, problems);
  }

  /** Reads YAML in the canonical schema, failing with every problem listed. */
  public static <T> T fromYaml(String yaml, Class<T> type) {
    List<Problem> problems = new ArrayList<>();
    Node node = YamlReader.read(yaml, "<yaml>", problems);
    return finish(node == null ? null : decode(node, type, "", problems), type, problems);
  }

  private static <T> T finish(T value, Class<T> type, List<Problem> problems) {
    if (!problems.isEmpty() || value == null) {
      throw ApiErrors.metadataUnreadable(type, problems.stream().map(Problem::render).toList());
    }
    return value;
  }

  /** Writes multi-line strings as literal blocks so SQL stays readable. */
  private static final class LiteralStrings extends Representer {
    LiteralStrings(DumperOptions options) {
      super(options);
      Represent plain = this.representers.get(String.class);
      this.representers.put(String.class, data -> {
        String s = (String) data;
        return s.indexOf('\n') >= 0
            ? representScalar(Tag.STR, s, DumperOptions.ScalarStyle.LITERAL)
            : plain.representData(data);
      });
    }
  }
}
