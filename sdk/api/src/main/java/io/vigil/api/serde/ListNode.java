package io.vigil.api.serde;

import io.vigil.api.source.SourceLocation;
import java.util.List;

/** A sequence node. */
public record ListNode(List<Node> items, SourceLocation location) implements Node {
  public ListNode {
    items = List.copyOf(items);
  }

  @Override
  public String describe() {
    return "a list";
  }
}
