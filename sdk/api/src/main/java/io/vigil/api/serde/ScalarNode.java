package io.vigil.api.serde;

import io.vigil.api.source.SourceLocation;
import java.util.Objects;

/**
 * A scalar node. {@code text} is the value as written (without quotes), so that numbers keep their
 * exact form when a string is expected.
 */
public record ScalarNode(ScalarKind kind, String text, SourceLocation location) implements Node {
  public ScalarNode {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(text, "text");
  }

  @Override
  public String describe() {
    return switch (kind) {
      case STRING -> "a string";
      case INTEGER -> "an integer";
      case FLOAT -> "a number";
      case BOOLEAN -> "a boolean";
      case NULL -> "null";
    };
  }
}
