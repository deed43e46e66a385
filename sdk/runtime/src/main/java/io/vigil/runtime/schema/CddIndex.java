package io.vigil.runtime.schema;

import java.util.List;

/**
 * An index of a CDD table.
 *
 * @param name index name, unique in the schema
 * @param columns indexed columns in order
 * @param include covering columns
 */
public record CddIndex(String name, List<String> columns, List<String> include) {
  public CddIndex {
    columns = List.copyOf(columns);
    include = List.copyOf(include);
  }
}
