package io.vigil.api.docs;

import java.util.List;

/** Records whose Javadoc the {@code @param} check reads in {@link MetadataReferenceTest}. */
final class ParamFixtures {
  private ParamFixtures() {}

  /**
   * Fully described.
   *
   * @param name the name
   * @param aliasList other names, on a
   *     continuation line
   */
  record Described(String name, List<String> aliasList) {}

  /**
   * One component without a description, and a misspelt one.
   *
   * @param name the name
   * @param alias_list written with the YAML key instead of the component name
   */
  record Undescribed(String name, List<String> aliasList, Integer size) {}
}
