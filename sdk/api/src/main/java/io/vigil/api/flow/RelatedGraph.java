package io.vigil.api.flow;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The graph an evaluation flow's alerts are investigated in, and how an alert finds its nodes
 * (S1 §15.2.8.1, §19.2).
 *
 * <pre>{@code
 * RelatedGraph.builder("public")
 *     .nodeMapping("AC", "account_id", "AN")
 *     .groupingNodeMapping("PR", "party_id", "PI")
 *     .build();
 * }</pre>
 *
 * @param identifier the graph
 * @param nodeMappings per node type identifier, the fields that locate the investigated entity's node
 * @param groupingNodeMappings per node type identifier, the fields that locate the grouping entity's
 *     node (the party)
 */
public record RelatedGraph(
    String identifier,
    Map<String, List<PropertyToFieldMapping>> nodeMappings,
    Map<String, List<PropertyToFieldMapping>> groupingNodeMappings) {

  public RelatedGraph {
    Checks.required(identifier, "related graph", "identifier");
    nodeMappings = mappings(nodeMappings);
    groupingNodeMappings = mappings(groupingNodeMappings);
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier);
    nodeMappings.forEach((type, list) -> b.nodeMappings.put(type, new ArrayList<>(list)));
    groupingNodeMappings.forEach((type, list) -> b.groupingNodeMappings.put(type, new ArrayList<>(list)));
    return b;
  }

  // Sorted by node type so that rules report in a stable order.
  private static Map<String, List<PropertyToFieldMapping>> mappings(Map<String, List<PropertyToFieldMapping>> value) {
    TreeMap<String, List<PropertyToFieldMapping>> sorted = new TreeMap<>();
    Checks.map(value).forEach((type, list) -> sorted.put(type, Checks.list(list)));
    return Collections.unmodifiableMap(sorted);
  }

  public static final class Builder {
    private final String identifier;
    private final Map<String, List<PropertyToFieldMapping>> nodeMappings = new LinkedHashMap<>();
    private final Map<String, List<PropertyToFieldMapping>> groupingNodeMappings = new LinkedHashMap<>();

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    /** Maps {@code field} of the flow to {@code property} of node type {@code nodeType}. */
    public Builder nodeMapping(String nodeType, String field, String property) {
      nodeMappings.computeIfAbsent(nodeType, k -> new ArrayList<>()).add(PropertyToFieldMapping.of(field, property));
      return this;
    }

    /** Maps {@code field} of the flow to {@code property} of the grouping node type {@code nodeType}. */
    public Builder groupingNodeMapping(String nodeType, String field, String property) {
      groupingNodeMappings.computeIfAbsent(nodeType, k -> new ArrayList<>())
          .add(PropertyToFieldMapping.of(field, property));
      return this;
    }

    public RelatedGraph build() {
      return BuildSites.mark(new RelatedGraph(identifier, nodeMappings, groupingNodeMappings));
    }
  }
}
