package io.vigil.api.validator;

import io.vigil.api.risk.Condition;
import io.vigil.api.risk.DisplaySetting;
import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.TemplateReferences;
import io.vigil.api.risk.TemplateReferences.Kind;
import io.vigil.api.risk.TemplateReferences.Reference;
import io.vigil.api.risk.ThresholdDisplay;
import io.vigil.api.risk.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a risk can refer to: its own parameters, variables, enrichment outputs and resources and
 * those it inherits from its ancestors (its own definitions win). A scope is incomplete when an
 * ancestor is missing or the parents form a cycle; then nothing can be called undefined.
 */
final class RiskScope {
  final Risk risk;
  /** The risk, then its parent, grandparent, … as far as they resolve. */
  final List<Risk> lineage;
  final boolean complete;
  final Map<String, Parameter> parameters = new LinkedHashMap<>();
  final Map<String, Variable> variables = new LinkedHashMap<>();
  final Set<String> enrichmentOutputs = new LinkedHashSet<>();
  final Set<String> resources = new LinkedHashSet<>();

  private RiskScope(Risk risk, Map<String, Risk> risks) {
    this.risk = risk;
    List<Risk> chain = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Risk current = risk;
    boolean whole = true;
    while (current != null && seen.add(current.identifier())) {
      chain.add(current);
      String parent = current.parentIdentifier();
      if (parent == null) {
        current = null;
      } else {
        current = risks.get(parent);
        whole &= current != null;
      }
    }
    // Stopping on a risk already seen means the parents form a cycle.
    this.complete = whole && current == null;
    this.lineage = List.copyOf(chain);
    for (Risk r : lineage) {
      r.parameters().forEach(p -> parameters.putIfAbsent(p.name(), p));
      r.variables().forEach(v -> variables.putIfAbsent(v.name(), v));
      for (Enrichment e : r.enrichments()) {
        e.outputs().forEach(o -> enrichmentOutputs.add(o.name()));
      }
      resources.addAll(r.resources().keySet());
    }
  }

  static RiskScope of(Risk risk, Map<String, Risk> risks) {
    return new RiskScope(risk, risks);
  }

  /** The ancestors of the risk, nearest first. */
  List<Risk> ancestors() {
    return lineage.subList(1, lineage.size());
  }

  Variable variable(String name) {
    return variables.get(name);
  }

  /**
   * The active variables that {@code classify_by_priority(group)} coalesces: those annotated with
   * {@code rules_group: <group>} and {@code classification_rule: true} (S1 §13.4.2).
   */
  List<Variable> classificationRules(String group) {
    List<Variable> out = new ArrayList<>();
    for (Variable v : variables.values()) {
      Object rulesGroup = v.annotations().get("rules_group");
      if (Boolean.TRUE.equals(v.active()) && rulesGroup != null && group.equals(String.valueOf(rulesGroup))
          && isTrue(v.annotations().get("classification_rule"))) {
        out.add(v);
      }
    }
    return out;
  }

  private static boolean isTrue(Object value) {
    return Boolean.TRUE.equals(value) || (value instanceof String s && s.equalsIgnoreCase("true"));
  }

  /** The references of a variable's SQL: its expression, or its condition and output. */
  static List<Reference> references(Variable v) {
    List<Reference> out = new ArrayList<>(TemplateReferences.inSql(v.expression()));
    out.addAll(TemplateReferences.inSql(v.condition()));
    out.addAll(TemplateReferences.inSql(v.output()));
    return out;
  }

  /** The variables a variable uses directly, by name: its variable references and classify_by_priority rules. */
  Set<String> variablesUsedBy(Variable v) {
    Set<String> used = new LinkedHashSet<>();
    for (Reference r : references(v)) {
      if (r.kind() == Kind.VARIABLE) {
        used.add(r.name());
      } else if (r.kind() == Kind.CLASSIFY_BY_PRIORITY) {
        classificationRules(r.name()).forEach(rule -> used.add(rule.name()));
      }
    }
    return used;
  }

  /**
   * The parameters a condition uses: those of its variable, transitively through the variables it
   * uses, and the threshold of its display settings (MS-1, MS-2).
   */
  Set<String> parametersOf(Condition condition) {
    Set<String> out = new LinkedHashSet<>();
    Variable v = variable(condition.variable());
    if (v != null) {
      collectParameters(v, out, new HashSet<>());
    }
    for (DisplaySetting d : condition.displaySettings()) {
      if (d instanceof ThresholdDisplay t && t.parameterName() != null) {
        out.add(t.parameterName());
      }
    }
    return out;
  }

  private void collectParameters(Variable v, Set<String> out, Set<String> visited) {
    if (!visited.add(v.name())) {
      return;
    }
    out.addAll(TemplateReferences.names(references(v), Kind.PARAMETER));
    for (String used : variablesUsedBy(v)) {
      Variable next = variable(used);
      if (next != null) {
        collectParameters(next, out, visited);
      }
    }
  }
}
