package io.vigil.api.serde;

import io.vigil.api.source.SourceLocation;

/**
 * A parsed metadata document, independent of its syntax (YAML or JSON), where every node keeps
 * the file and line it came from.
 */
public sealed interface Node permits MapNode, ListNode, ScalarNode {
  SourceLocation location();

  /** A short name of this node's shape for messages: "a mapping", "a list", "a string"… */
  String describe();
}
