package io.vigil.api.serde;

import io.vigil.api.source.SourceLocation;
import java.util.LinkedHashMap;
import java.util.Map;

/** The location of every node of a tree, keyed by its path in the form validation problems use. */
public final class NodeLocations {
  private NodeLocations() {}

  /** Paths relative to {@code root} ("" for the root itself) mapped to their locations. */
  public static Map<String, SourceLocation> of(Node root) {
    Map<String, SourceLocation> out = new LinkedHashMap<>();
    visit("", root, out);
    return out;
  }

  private static void visit(String path, Node node, Map<String, SourceLocation> out) {
    out.putIfAbsent(path, node.location());
    if (node instanceof MapNode map) {
      map.entries().forEach((key, child) -> visit(Decoder.join(path, key), child, out));
    } else if (node instanceof ListNode list) {
      for (int i = 0; i < list.items().size(); i++) {
        Node item = list.items().get(i);
        visit(path + "[" + Decoder.label(item, i) + "]", item, out);
      }
    }
  }
}
