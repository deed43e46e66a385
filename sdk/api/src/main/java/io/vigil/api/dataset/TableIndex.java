package io.vigil.api.dataset;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import java.util.Arrays;
import java.util.List;

/**
 * A Postgres index on a published dataset (S1 §3.1.2).
 *
 * @param identifier index name
 * @param columns indexed columns in order (keys and time first)
 * @param include covering columns stored in the index but not indexed
 */
public record TableIndex(String identifier, List<String> columns, List<String> include) {
  public TableIndex {
    Checks.identifier(identifier, "table index", "identifier", Identifiers.ENTITY);
    columns = Checks.list(columns);
    include = Checks.list(include);
    Checks.valid(!columns.isEmpty(), "table index " + identifier, "columns", "must not be empty");
  }

  public static TableIndex of(String identifier, String... columns) {
    return BuildSites.mark(new TableIndex(identifier, Arrays.asList(columns), List.of()));
  }

  public static TableIndex of(String identifier, List<String> columns, List<String> include) {
    return BuildSites.mark(new TableIndex(identifier, columns, include));
  }
}
