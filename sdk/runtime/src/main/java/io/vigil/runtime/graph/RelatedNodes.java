package io.vigil.runtime.graph;

import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.PropertyToFieldMapping;
import io.vigil.api.flow.RelatedGraph;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.GraphErrors;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An evaluation flow's {@code related_graph} (S1 §19.2, §15.2.8): an alert's entity (the flow's
 * identifiers, e.g. {@code account_id}) resolves to the graph nodes whose mapped properties hold
 * the entity's values, through the node mappings and then the grouping node mappings.
 */
final class RelatedNodes {
  private RelatedNodes() {}

  static List<GraphNode> of(RunContext context, String flowId, Map<String, Object> entity) {
    EvaluationFlow flow = context.catalog().evaluationFlow(flowId);
    RelatedGraph related = flow.relatedGraph();
    String verb = "resolve an entity of flow " + flowId + " to its graph nodes";
    if (related == null || related.nodeMappings().isEmpty() && related.groupingNodeMappings().isEmpty()) {
      throw GraphErrors.relatedGraphMissing(verb, flowId);
    }
    List<GraphNode> out = new ArrayList<>();
    for (Map<String, List<PropertyToFieldMapping>> mappings : List.of(related.nodeMappings(), related.groupingNodeMappings())) {
      for (Map.Entry<String, List<PropertyToFieldMapping>> e : mappings.entrySet()) {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (PropertyToFieldMapping m : e.getValue()) {
          Object value = entity.get(m.field());
          if (value != null) {
            properties.put(m.property(), value);
          }
        }
        // A mapping whose fields the entity lacks (a grouping id on an account-level alert) names no node.
        if (properties.size() == e.getValue().size()) {
          out.addAll(Graphs.getNodesByProperties(context, related.identifier(), e.getKey(), properties));
        }
      }
    }
    return out;
  }
}
