package io.vigil.api.docs;

import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/** Renders a canonical tree (maps, lists, scalars) on one line in YAML flow style, for default values. */
final class Flow {
  private Flow() {}

  static String render(Object tree) {
    if (tree instanceof Map<?, ?> map) {
      return map.entrySet().stream().map(e -> e.getKey() + ": " + render(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (tree instanceof Collection<?> items) {
      return items.stream().map(Flow::render).collect(Collectors.joining(", ", "[", "]"));
    }
    return String.valueOf(tree);
  }
}
