package io.vigil.api.serde;

import io.vigil.api.source.SourceLocation;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/** Reads one YAML document into a {@link Node} tree that keeps the line of every node. */
public final class YamlReader {
  private final String file;
  private final List<Problem> problems;

  private YamlReader(String file, List<Problem> problems) {
    this.file = file;
    this.problems = problems;
  }

  /**
   * Parses {@code text}. Syntax errors, duplicate keys and non-string keys are added to
   * {@code problems}; the result is null when the document cannot be read at all.
   */
  public static Node read(String text, String file, List<Problem> problems) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(true); // reported below with a line, instead of failing later
    options.setMaxAliasesForCollections(50);
    Yaml yaml = new Yaml(new SafeConstructor(options));
    org.yaml.snakeyaml.nodes.Node root;
    try {
      root = yaml.compose(new StringReader(text));
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      String reason = e.getProblem() != null ? e.getProblem() : e.getMessage();
      problems.add(Problem.of(ProblemCode.YAML_SYNTAX, "", SourceLocation.of(file, line),
          "Cannot read " + file + ": " + reason.trim()));
      return null;
    } catch (YAMLException e) {
      problems.add(Problem.of(ProblemCode.YAML_SYNTAX, "", SourceLocation.file(file),
          "Cannot read " + file + ": " + e.getMessage()));
      return null;
    }
    if (root == null) {
      problems.add(Problem.of(ProblemCode.YAML_SYNTAX, "", SourceLocation.of(file, 1),
          "Cannot read " + file + ": the document is empty"));
      return null;
    }
    return new YamlReader(file, problems).convert(root, "");
  }

  private Node convert(org.yaml.snakeyaml.nodes.Node node, String path) {
    SourceLocation location = SourceLocation.of(file, node.getStartMark().getLine() + 1);
    if (node instanceof MappingNode mapping) {
      Map<String, Node> entries = new LinkedHashMap<>();
      for (NodeTuple tuple : flatten(mapping)) {
        org.yaml.snakeyaml.nodes.Node keyNode = tuple.getKeyNode();
        int keyLine = keyNode.getStartMark().getLine() + 1;
        if (!(keyNode instanceof org.yaml.snakeyaml.nodes.ScalarNode key)) {
          problems.add(Problem.of(ProblemCode.WRONG_TYPE, path, SourceLocation.of(file, keyLine),
              "Cannot read " + file + ": a mapping key must be a string"));
          continue;
        }
        String name = key.getValue();
        String childPath = path.isEmpty() ? name : path + "." + name;
        if (entries.containsKey(name)) {
          problems.add(Problem.of(ProblemCode.DUPLICATE_KEY, childPath, SourceLocation.of(file, keyLine),
              "Cannot read " + file + ": key '" + name + "' appears more than once"));
          continue;
        }
        entries.put(name, convert(tuple.getValueNode(), childPath));
      }
      return new MapNode(entries, location);
    }
    if (node instanceof SequenceNode sequence) {
      List<Node> items = new ArrayList<>();
      int i = 0;
      for (org.yaml.snakeyaml.nodes.Node item : sequence.getValue()) {
        items.add(convert(item, path + "[" + i++ + "]"));
      }
      return new ListNode(items, location);
    }
    org.yaml.snakeyaml.nodes.ScalarNode scalar = (org.yaml.snakeyaml.nodes.ScalarNode) node;
    return new ScalarNode(kindOf(scalar.getTag()), scalar.getValue(), location);
  }

  /** Applies YAML merge keys ({@code <<: *anchor}); explicit keys win over merged ones. */
  private static List<NodeTuple> flatten(MappingNode mapping) {
    List<NodeTuple> own = new ArrayList<>();
    List<NodeTuple> merged = new ArrayList<>();
    for (NodeTuple tuple : mapping.getValue()) {
      if (Tag.MERGE.equals(tuple.getKeyNode().getTag())) {
        org.yaml.snakeyaml.nodes.Node value = tuple.getValueNode();
        if (value instanceof MappingNode m) {
          merged.addAll(flatten(m));
        } else if (value instanceof SequenceNode s) {
          for (org.yaml.snakeyaml.nodes.Node item : s.getValue()) {
            if (item instanceof MappingNode m) {
              merged.addAll(flatten(m));
            }
          }
        }
      } else {
        own.add(tuple);
      }
    }
    if (merged.isEmpty()) {
      return own;
    }
    List<NodeTuple> result = new ArrayList<>(own);
    for (NodeTuple tuple : merged) {
      String key = tuple.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode s ? s.getValue() : null;
      boolean shadowed = own.stream().anyMatch(t ->
          t.getKeyNode() instanceof org.yaml.snakeyaml.nodes.ScalarNode s && s.getValue().equals(key));
      if (!shadowed) {
        result.add(tuple);
      }
    }
    return result;
  }

  private static ScalarKind kindOf(Tag tag) {
    if (Tag.INT.equals(tag)) {
      return ScalarKind.INTEGER;
    }
    if (Tag.FLOAT.equals(tag)) {
      return ScalarKind.FLOAT;
    }
    if (Tag.BOOL.equals(tag)) {
      return ScalarKind.BOOLEAN;
    }
    if (Tag.NULL.equals(tag)) {
      return ScalarKind.NULL;
    }
    return ScalarKind.STRING;
  }
}
