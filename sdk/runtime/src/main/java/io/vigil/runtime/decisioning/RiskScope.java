package io.vigil.runtime.decisioning;

import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.EnrichmentOutput;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a risk can refer to: its own parameters, variables, enrichments and resources, then those
 * of its ancestors (S1 §7.2: a child inherits its parent's definitions and conditions). Each
 * definition keeps the risk that owns it, since its column and bound value belong to the owner.
 */
final class RiskScope {
  record Owned<T>(Risk owner, T definition) {}

  final Risk risk;
  final List<Risk> lineage = new ArrayList<>();
  final Map<String, Owned<Parameter>> parameters = new LinkedHashMap<>();
  final Map<String, Owned<Variable>> variables = new LinkedHashMap<>();
  final Map<String, Owned<Enrichment>> enrichments = new LinkedHashMap<>();
  final Map<String, Owned<Enrichment>> enrichmentOfOutput = new LinkedHashMap<>();
  final Map<String, Owned<EnrichmentOutput>> outputs = new LinkedHashMap<>();
  final Map<String, Owned<String>> resources = new LinkedHashMap<>();

  RiskScope(Risk risk, Map<String, Risk> risks) {
    this.risk = risk;
    Set<String> seen = new HashSet<>();
    Risk current = risk;
    while (current != null && seen.add(current.identifier())) {
      lineage.add(current);
      Risk owner = current;
      current.parameters().forEach(p -> parameters.putIfAbsent(p.name(), new Owned<>(owner, p)));
      current.variables().forEach(v -> variables.putIfAbsent(v.name(), new Owned<>(owner, v)));
      for (Enrichment e : current.enrichments()) {
        enrichments.putIfAbsent(e.name(), new Owned<>(owner, e));
        for (EnrichmentOutput o : e.outputs()) {
          enrichmentOfOutput.putIfAbsent(o.name(), new Owned<>(owner, e));
          outputs.putIfAbsent(o.name(), new Owned<>(owner, o));
        }
      }
      current.resources().forEach((k, v) -> resources.putIfAbsent(k, new Owned<>(owner, v)));
      current = current.parentIdentifier() == null ? null : risks.get(current.parentIdentifier());
    }
  }

  /** The risk and its ancestors, the risk first. */
  List<Risk> lineage() {
    return lineage;
  }
}
