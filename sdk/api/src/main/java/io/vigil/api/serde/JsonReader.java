package io.vigil.api.serde;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import io.vigil.api.source.SourceLocation;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads one JSON document into a {@link Node} tree that keeps the line of every node. */
public final class JsonReader {
  private static final JsonFactory FACTORY = new JsonFactory();

  private final String file;
  private final List<Problem> problems;

  private JsonReader(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /** Parses {@code text}; syntax errors go to {@code problems} and give a null result. */
  public static Node read(String text, String file, List<Problem> problems) {
    try (JsonParser parser = FACTORY.createParser(text)) {
      JsonToken first = parser.nextToken();
      if (first == null) {
        problems.add(Problem.of(ProblemCode.JSON_SYNTAX, "", SourceLocation.of(file, 1),
            "Cannot read " + file + ": the document is empty"));
        return null;
      }
      Node node = new JsonReader(file, problems).value(parser, "");
      if (parser.nextToken() != null) {
        problems.add(Problem.of(ProblemCode.JSON_SYNTAX, "", location(file, parser),
            "Cannot read " + file + ": unexpected content after the document"));
        return null;
      }
      return node;
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      problems.add(Problem.of(ProblemCode.JSON_SYNTAX, "", SourceLocation.of(file, Math.max(line, 0)),
          "Cannot read " + file + ": " + e.getOriginalMessage()));
      return null;
    } catch (IOException e) {
      problems.add(Problem.of(ProblemCode.JSON_SYNTAX, "", SourceLocation.file(file),
          "Cannot read " + file + ": " + e.getMessage()));
      return null;
    }
  }

  private Node value(JsonParser parser, String path) throws IOException {
    SourceLocation location = location(file, parser);
    JsonToken token = parser.currentToken();
    switch (token) {
      case START_OBJECT -> {
        Map<String, Node> entries = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
          String name = parser.currentName();
          String childPath = path.isEmpty() ? name : path + "." + name;
          SourceLocation keyLocation = location(file, parser);
          parser.nextToken();
          Node child = value(parser, childPath);
          if (entries.containsKey(name)) {
            problems.add(Problem.of(ProblemCode.DUPLICATE_KEY, childPath, keyLocation,
                "Cannot read " + file + ": key '" + name + "' appears more than once"));
          } else {
            entries.put(name, child);
          }
        }
        return new MapNode(entries, location);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        int i = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY) {
          items.add(value(parser, path + "[" + i++ + "]"));
        }
        return new ListNode(items, location);
      }
      case VALUE_STRING -> {
        return new ScalarNode(ScalarKind.STRING, parser.getText(), location);
      }
      case VALUE_NUMBER_INT -> {
        return new ScalarNode(ScalarKind.INTEGER, parser.getText(), location);
      }
      case VALUE_NUMBER_FLOAT -> {
        return new ScalarNode(ScalarKind.FLOAT, parser.getText(), location);
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return new ScalarNode(ScalarKind.BOOLEAN, parser.getText(), location);
      }
      case VALUE_NULL -> {
        return new ScalarNode(ScalarKind.NULL, "null", location);
      }
      default -> throw new IllegalStateException("Unexpected JSON token: " + token);
    }
  }

  private static SourceLocation location(String file, JsonParser parser) {
    return SourceLocation.of(file, Math.max(parser.currentTokenLocation().getLineNr(), 0));
  }
}
