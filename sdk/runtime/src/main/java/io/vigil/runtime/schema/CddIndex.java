package io.vigil.runtime.schema;

import java.util.List;

/**
 * An index of a CDD table.
 *
 * @param name index name, unique in the schema
 * @param columns indexed columns in order
 * @param include covering columns
 * @param method the access method: {@code btree}, or {@code gin} for JSONB containment ({@code @>})
 */
public record CddIndex(String name, List<String> columns, List<String> include, String method) {
  public static final String BTREE = "btree";
  public static final String GIN = "gin";

  public CddIndex {
    columns = List.copyOf(columns);
    include = List.copyOf(include);
    method = method == null ? BTREE : method;
    if (!method.equals(BTREE) && !method.equals(GIN)) {
      throw new IllegalArgumentException("index " + name + ": access method " + method + " is neither btree nor gin");
    }
  }

  /** A btree index. */
  public CddIndex(String name, List<String> columns, List<String> include) {
    this(name, columns, include, BTREE);
  }
}
