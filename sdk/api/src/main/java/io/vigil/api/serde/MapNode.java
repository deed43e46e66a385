package io.vigil.api.serde;

import io.vigil.api.source.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** A mapping node; entries keep their written order. */
public record MapNode(Map<String, Node> entries, SourceLocation location) implements Node {
  public MapNode {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
  }

  public Node get(String key) {
    return entries.get(key);
  }

  /** The text of a scalar entry, or null when the key is absent or not a scalar. */
  public String text(String key) {
    return entries.get(key) instanceof ScalarNode s && s.kind() != ScalarKind.NULL ? s.text() : null;
  }

  @Override
  public String describe() {
    return "a mapping";
  }
}
