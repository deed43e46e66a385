package io.vigil.api.source;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The source locations of one entity, keyed by the path of each node relative to the entity
 * ({@code ""} for the entity itself, {@code field_list[date].date_format} for a nested value).
 */
public final class SourceMap {
  private final SourceLocation root;
  private final Map<String, SourceLocation> locations;

  private SourceMap(SourceLocation root, Map<String, SourceLocation> locations) {
    this.root = root;
    this.locations = Collections.unmodifiableMap(new LinkedHashMap<>(locations));
  }

  public static SourceMap of(SourceLocation root, Map<String, SourceLocation> locations) {
    return new SourceMap(root, locations);
  }

  public static SourceMap of(SourceLocation root) {
    return new SourceMap(root, Map.of());
  }

  public SourceLocation root() {
    return root;
  }

  public Map<String, SourceLocation> locations() {
    return locations;
  }

  /**
   * The location of the node at {@code path}, or of its nearest recorded ancestor. A path that
   * names nothing recorded resolves to the entity's own location.
   */
  public SourceLocation locate(String path) {
    String current = path == null ? "" : path;
    while (!current.isEmpty()) {
      SourceLocation found = locations.get(current);
      if (found != null) {
        return found;
      }
      current = parent(current);
    }
    SourceLocation self = locations.get("");
    return self != null ? self : root;
  }

  /** The parent of a relative path: {@code a.b[c].d} → {@code a.b[c]} → {@code a.b} → {@code a}. */
  public static String parent(String path) {
    int dot = path.lastIndexOf('.');
    int bracket = path.lastIndexOf('[');
    int cut = Math.max(dot, bracket);
    // A dot inside a bracketed label (an identifier with a dot) must not split the label.
    if (cut > 0 && path.endsWith("]") && bracket > dot) {
      return path.substring(0, bracket);
    }
    return cut <= 0 ? "" : path.substring(0, cut);
  }
}
