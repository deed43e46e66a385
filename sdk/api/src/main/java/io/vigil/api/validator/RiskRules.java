package io.vigil.api.validator;

import static io.vigil.api.validator.Problems.item;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.risk.AnalysisMethod;
import io.vigil.api.risk.Condition;
import io.vigil.api.risk.DisplaySetting;
import io.vigil.api.risk.Enrichment;
import io.vigil.api.risk.EnrichmentOutput;
import io.vigil.api.risk.Parameter;
import io.vigil.api.risk.Risk;
import io.vigil.api.risk.TemplateReferences;
import io.vigil.api.risk.TemplateReferences.Reference;
import io.vigil.api.risk.ThresholdDisplay;
import io.vigil.api.risk.Variable;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.validation.ProblemCode;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The risk rules of S1 §7, §12.4, §13.4 and §20.8–20.9: references to flows, parents, variables
 * and template names (V-20), parameter values (V-23), severity (V-19), variable order, condition
 * display (V-46), and the metadata-sync rules that conditions do not share parameters (MS-1, MS-2).
 */
final class RiskRules implements RuleSet {
  private static final Pattern LITERAL_SEVERITY = Pattern.compile("\\s*(?:\\{\\{\\s*)?([-+]?\\d+(?:\\.\\d+)?)(?:\\s*}})?\\s*");

  @Override
  public void check(Solution solution, Problems problems) {
    Map<String, Risk> risks = new LinkedHashMap<>();
    for (LoadedEntity loaded : solution.loaded(EntityKind.RISK)) {
      risks.putIfAbsent(loaded.identifier(), (Risk) loaded.entity());
    }
    Map<String, RiskScope> scopes = new LinkedHashMap<>();
    risks.values().forEach(r -> scopes.put(r.identifier(), RiskScope.of(r, risks)));
    for (LoadedEntity loaded : solution.loaded(EntityKind.RISK)) {
      Risk risk = (Risk) loaded.entity();
      RiskScope scope = RiskScope.of(risk, risks);
      attributes(risk, loaded, problems);
      references(risk, loaded, problems, risks);
      duplicates(risk, loaded, problems);
      parameterValues(risk, loaded, problems);
      conditionVariables(scope, loaded, problems);
      templates(scope, loaded, problems);
      variableOrder(scope, loaded, problems);
      sharedParameters(scope, loaded, problems);
      parentParameters(scope, scopes, loaded, problems);
    }
  }

  private static void attributes(Risk risk, LoadedEntity loaded, Problems problems) {
    if (risk.severity() != null && !inSeverityRange(risk.severity())) {
      problems.add(ProblemCode.SEVERITY_RANGE, loaded, "severity",
          "Cannot use severity of risk " + risk.identifier() + ": it must be an integer from 0 to 99, found "
              + risk.severity());
    }
    if (risk.dynamicSeverity() != null) {
      Matcher m = LITERAL_SEVERITY.matcher(risk.dynamicSeverity());
      if (m.matches() && !inSeverityRange((int) Double.parseDouble(m.group(1)))) {
        problems.add(ProblemCode.SEVERITY_RANGE, loaded, "dynamic_severity",
            "Cannot use dynamic_severity of risk " + risk.identifier()
                + ": a result outside 0 to 99 falls back to severity, so this value is never used: " + m.group(1).strip());
      }
    }
    Integer size = risk.suppressionPeriodSize();
    if (size != null && size > 0 && risk.suppressionPeriodUnit() == null) {
      problems.add(ProblemCode.MISSING_REQUIRED, loaded, "suppression_period_unit",
          "Cannot suppress alerts of risk " + risk.identifier() + " for " + size
              + " periods: suppression_period_unit is required; set HOUR, DAY or MONTH");
    }
    boolean rule = risk.analysisMethod() == AnalysisMethod.RULE || risk.analysisMethod() == AnalysisMethod.RT_RULE;
    if (!rule) {
      String method = risk.analysisMethod() == null ? "no analysis_method" : "analysis_method " + risk.analysisMethod();
      if (risk.conditionDisplay() != null) {
        problems.add(ProblemCode.CONDITION_DISPLAY_REQUIRES_RULE, loaded, "condition_display",
            "Cannot display the alert condition of risk " + risk.identifier() + ": it has " + method
                + ", and condition_display applies only to RULE and RT_RULE risks; set analysis_method or drop condition_display");
      }
      if (risk.dynamicConditionDisplay() != null) {
        problems.add(ProblemCode.CONDITION_DISPLAY_REQUIRES_RULE, loaded, "dynamic_condition_display",
            "Cannot display the alert condition of risk " + risk.identifier() + ": it has " + method
                + ", and dynamic_condition_display applies only to RULE and RT_RULE risks; set analysis_method or drop dynamic_condition_display");
      }
    }
  }

  private static boolean inSeverityRange(int severity) {
    return severity >= 0 && severity <= 99;
  }

  private static void references(Risk risk, LoadedEntity loaded, Problems problems, Map<String, Risk> risks) {
    if (risk.evaluationFlows().isEmpty()) {
      problems.add(ProblemCode.MISSING_REQUIRED, loaded, "evaluation_flows",
          "Cannot apply risk " + risk.identifier() + ": evaluation_flows is required; list the evaluation flows it is matched against");
    }
    for (int i = 0; i < risk.evaluationFlows().size(); i++) {
      problems.reference(loaded, "evaluation_flows[" + i + "]", EntityKind.EVALUATION_FLOW, risk.evaluationFlows().get(i));
    }
    if (risk.parentIdentifier() == null) {
      return;
    }
    problems.reference(loaded, "parent_identifier", EntityKind.RISK, risk.parentIdentifier());
    List<String> chain = new ArrayList<>();
    Risk current = risk;
    while (current != null && current.parentIdentifier() != null) {
      chain.add(current.identifier());
      if (current.parentIdentifier().equals(risk.identifier())) {
        chain.add(risk.identifier());
        problems.add(ProblemCode.PARENT_CYCLE, loaded, "parent_identifier",
            "Cannot resolve the parent of risk " + risk.identifier() + ": the parents form a cycle "
                + String.join(" -> ", chain) + "; a risk cannot be its own ancestor");
        return;
      }
      if (chain.contains(current.parentIdentifier())) {
        return; // a cycle further up, reported at the risks that are on it
      }
      current = risks.get(current.parentIdentifier());
    }
  }

  private static void duplicates(Risk risk, LoadedEntity loaded, Problems problems) {
    Set<String> names = new HashSet<>();
    for (Parameter p : risk.parameters()) {
      duplicate(!names.add(p.name()), "parameter", p.name(), item("parameters", p.name()), risk, loaded, problems);
    }
    names.clear();
    for (Variable v : risk.variables()) {
      duplicate(!names.add(v.name()), "variable", v.name(), item("variables", v.name()), risk, loaded, problems);
    }
    names.clear();
    Set<String> outputs = new HashSet<>();
    for (Enrichment e : risk.enrichments()) {
      String path = item("enrichments", e.name());
      duplicate(!names.add(e.name()), "enrichment", e.name(), path, risk, loaded, problems);
      for (EnrichmentOutput o : e.outputs()) {
        duplicate(!outputs.add(o.name()), "enrichment output", o.name(), path + "." + item("outputs", o.name()),
            risk, loaded, problems);
      }
    }
  }

  private static void duplicate(boolean twice, String what, String name, String path, Risk risk, LoadedEntity loaded,
      Problems problems) {
    if (twice) {
      problems.add(ProblemCode.IDENTIFIER_DUPLICATE, loaded, path,
          "Cannot declare " + what + " " + name + " of risk " + risk.identifier() + ": the name is used twice");
    }
  }

  private static void parameterValues(Risk risk, LoadedEntity loaded, Problems problems) {
    for (Parameter p : risk.parameters()) {
      if (!parses(p)) {
        problems.add(ProblemCode.PARAMETER_VALUE_MISMATCH, loaded, item("parameters", p.name()) + ".value",
            "Cannot read parameter " + p.name() + " of risk " + risk.identifier() + " as " + p.datatype() + ": '"
                + p.value() + "'");
      }
    }
  }

  static boolean parses(Parameter p) {
    String v = p.value().strip();
    try {
      switch (p.datatype()) {
        case DOUBLE -> {
          return Double.isFinite(Double.parseDouble(v));
        }
        case LONG -> Long.parseLong(v);
        case INT -> Integer.parseInt(v);
        case BOOLEAN -> {
          return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false");
        }
        case TIMESTAMP -> {
          return isTimestamp(v);
        }
        case STRING -> {
          return true;
        }
      }
      return true;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static boolean isTimestamp(String v) {
    String t = v.replace(' ', 'T');
    try {
      if (t.length() == 10) {
        LocalDate.parse(t);
      } else if (t.endsWith("Z") || t.matches(".*[+-]\\d\\d:\\d\\d$")) {
        OffsetDateTime.parse(t.endsWith("Z") ? t.substring(0, t.length() - 1) + "+00:00" : t);
      } else {
        LocalDateTime.parse(t);
      }
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static void conditionVariables(RiskScope scope, LoadedEntity loaded, Problems problems) {
    if (!scope.complete) {
      return;
    }
    List<Condition> conditions = scope.risk.conditions();
    for (int i = 0; i < conditions.size(); i++) {
      String name = conditions.get(i).variable();
      if (scope.variable(name) == null) {
        String path = "conditions[" + i + "].variable";
        problems.add(ProblemCode.UNRESOLVED_REFERENCE, loaded, path,
            "Cannot resolve risk " + scope.risk.identifier() + " " + path + ": no variable '" + name
                + "' in the risk" + (scope.ancestors().isEmpty() ? "" : " or its parents"));
      }
    }
  }

  // --- Templates (V-20) ---

  private static void templates(RiskScope scope, LoadedEntity loaded, Problems problems) {
    Risk risk = scope.risk;
    for (Variable v : risk.variables()) {
      String path = item("variables", v.name());
      sql(v.expression(), path + ".expression", scope, loaded, problems);
      sql(v.condition(), path + ".condition", scope, loaded, problems);
      sql(v.output(), path + ".output", scope, loaded, problems);
      annotations(v.annotations(), path + ".annotations", scope, loaded, problems);
    }
    for (Enrichment e : risk.enrichments()) {
      String path = item("enrichments", e.name());
      sql(e.sql(), path + ".sql", scope, loaded, problems);
      for (EnrichmentOutput o : e.outputs()) {
        annotations(o.annotations(), path + "." + item("outputs", o.name()) + ".annotations", scope, loaded, problems);
      }
    }
    for (int i = 0; i < risk.conditions().size(); i++) {
      List<DisplaySetting> settings = risk.conditions().get(i).displaySettings();
      for (int j = 0; j < settings.size(); j++) {
        if (settings.get(j) instanceof ThresholdDisplay t) {
          String path = "conditions[" + i + "].display_settings[" + j + "]";
          sql(t.feature(), path + ".feature", scope, loaded, problems);
          sql(t.parameter(), path + ".parameter", scope, loaded, problems);
        }
      }
    }
    jinja(risk.dynamicDisplayName(), "dynamic_display_name", scope, loaded, problems);
    jinja(risk.dynamicDescription(), "dynamic_description", scope, loaded, problems);
    jinja(risk.dynamicCategory(), "dynamic_category", scope, loaded, problems);
    jinja(risk.dynamicSeverity(), "dynamic_severity", scope, loaded, problems);
    jinja(risk.dynamicSuppressionIdentifier(), "dynamic_suppression_identifier", scope, loaded, problems);
    jinja(risk.dynamicConditionDisplay(), "dynamic_condition_display", scope, loaded, problems);
  }

  private static void annotations(Map<String, Object> annotations, String path, RiskScope scope, LoadedEntity loaded,
      Problems problems) {
    annotations.forEach((key, value) -> annotationValue(value, path + "." + key, scope, loaded, problems));
  }

  @SuppressWarnings("unchecked")
  private static void annotationValue(Object value, String path, RiskScope scope, LoadedEntity loaded, Problems problems) {
    if (value instanceof String s) {
      sql(s, path, scope, loaded, problems);
    } else if (value instanceof Map<?, ?> map) {
      annotations((Map<String, Object>) map, path, scope, loaded, problems);
    } else if (value instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        annotationValue(list.get(i), path + "[" + i + "]", scope, loaded, problems);
      }
    }
  }

  private static void sql(String text, String path, RiskScope scope, LoadedEntity loaded, Problems problems) {
    if (text == null) {
      return;
    }
    if ((text.contains("{{") || text.contains("{%") || text.contains("{#")) && !wellFormed(text, path, scope, loaded, problems)) {
      return;
    }
    defined(TemplateReferences.inSql(text), path, scope, loaded, problems);
  }

  private static void jinja(String text, String path, RiskScope scope, LoadedEntity loaded, Problems problems) {
    if (text != null && wellFormed(text, path, scope, loaded, problems)) {
      defined(TemplateReferences.inTemplate(text), path, scope, loaded, problems);
    }
  }

  private static boolean wellFormed(String text, String path, RiskScope scope, LoadedEntity loaded, Problems problems) {
    String error = TemplateReferences.syntaxError(text);
    if (error != null) {
      problems.add(ProblemCode.TEMPLATE_SYNTAX, loaded, path,
          "Cannot parse the Jinja template of risk " + scope.risk.identifier() + " " + path + ": " + error);
    }
    return error == null;
  }

  private static void defined(List<Reference> references, String path, RiskScope scope, LoadedEntity loaded,
      Problems problems) {
    Set<String> reported = new HashSet<>();
    for (Reference r : references) {
      String missing = switch (r.kind()) {
        case PARAMETER -> scope.parameters.containsKey(r.name()) ? null : "no parameter '" + r.name() + "'";
        case VARIABLE -> scope.variables.containsKey(r.name()) ? null : "no variable '" + r.name() + "'";
        case ENRICHMENT -> scope.enrichmentOutputs.contains(r.name()) ? null
            : "no enrichment output '" + r.name() + "'";
        case RESOURCE -> scope.resources.contains(r.name()) ? null : "no resource '" + r.name() + "'";
        case CLASSIFY_BY_PRIORITY -> scope.classificationRules(r.name()).isEmpty()
            ? "no active variable annotated rules_group: '" + r.name() + "' and classification_rule: true" : null;
        default -> null;
      };
      if (r.kind() == TemplateReferences.Kind.UNKNOWN) {
        if (reported.add("?" + r.name())) {
          problems.add(ProblemCode.UNDEFINED_TEMPLATE_REFERENCE, loaded, path,
              "Cannot resolve risk " + scope.risk.identifier() + " " + path + ": '{" + r.name()
                  + "}' is not a known reference; use {parameters.x}, {variables.x}, {enrichments.x}, {resources.x},"
                  + " {context.execution_date}, {activity.x} or {input_hash}");
        }
      } else if (missing != null && scope.complete && reported.add(missing)) {
        problems.add(ProblemCode.UNDEFINED_TEMPLATE_REFERENCE, loaded, path,
            "Cannot resolve risk " + scope.risk.identifier() + " " + path + ": " + missing + " in the risk"
                + (scope.ancestors().isEmpty() ? "" : " or its parents"));
      }
    }
  }

  // --- Variable order (S1 §12.4.1, §13.4.6) ---

  private static void variableOrder(RiskScope scope, LoadedEntity loaded, Problems problems) {
    Risk risk = scope.risk;
    for (Variable v : risk.variables()) {
      String path = item("variables", v.name()) + ".order";
      for (String usedName : scope.variablesUsedBy(v)) {
        // Only variables of the same risk are ordered together; inherited ones are computed by their own risk.
        Variable used = risk.findVariable(usedName);
        if (used == null) {
          continue;
        }
        String prefix = "Cannot order variable " + v.name() + " of risk " + risk.identifier() + ": ";
        if (used.name().equals(v.name())) {
          problems.add(ProblemCode.VARIABLE_ORDER, loaded, path, prefix + "it uses itself");
        } else if (v.order() == null || used.order() == null) {
          problems.add(ProblemCode.VARIABLE_ORDER, loaded, path, prefix + "it uses variable " + used.name()
              + ", so both need an order and " + v.name() + "'s must be greater; "
              + (used.order() == null ? used.name() + " has none" : v.name() + " has none, " + used.name() + " has " + used.order()));
        } else if (v.order() <= used.order()) {
          problems.add(ProblemCode.VARIABLE_ORDER, loaded, path, prefix + "it uses variable " + used.name()
              + " (order " + used.order() + "), so its order must be greater, found " + v.order());
        }
      }
    }
  }

  // --- MS-1 and MS-2 ---

  private static void sharedParameters(RiskScope scope, LoadedEntity loaded, Problems problems) {
    List<Condition> conditions = scope.risk.conditions();
    List<Set<String>> used = new ArrayList<>();
    for (Condition c : conditions) {
      used.add(scope.parametersOf(c));
    }
    for (int i = 1; i < conditions.size(); i++) {
      Set<String> shared = new LinkedHashSet<>();
      List<String> with = new ArrayList<>();
      for (int j = 0; j < i; j++) {
        Set<String> overlap = new LinkedHashSet<>(used.get(i));
        overlap.retainAll(used.get(j));
        if (!overlap.isEmpty()) {
          shared.addAll(overlap);
          with.add("conditions[" + j + "] (" + conditions.get(j).variable() + ")");
        }
      }
      if (!shared.isEmpty()) {
        problems.add(ProblemCode.CONDITIONS_SHARE_PARAMETER, loaded, "conditions[" + i + "]",
            "Cannot use condition on " + conditions.get(i).variable() + " in risk " + scope.risk.identifier()
                + ": it shares parameters " + shared + " with " + String.join(", ", with)
                + "; conditions of a risk cannot share parameters, so create a separate parameter for each condition");
      }
    }
  }

  private static void parentParameters(RiskScope scope, Map<String, RiskScope> scopes, LoadedEntity loaded,
      Problems problems) {
    List<Condition> conditions = scope.risk.conditions();
    for (int i = 0; i < conditions.size(); i++) {
      Set<String> own = scope.parametersOf(conditions.get(i));
      for (Risk ancestor : scope.ancestors()) {
        RiskScope ancestorScope = scopes.get(ancestor.identifier());
        Set<String> shared = new LinkedHashSet<>();
        for (Condition c : ancestor.conditions()) {
          Set<String> theirs = ancestorScope.parametersOf(c);
          own.stream().filter(theirs::contains).forEach(shared::add);
        }
        if (!shared.isEmpty()) {
          problems.add(ProblemCode.CHILD_SHARES_PARENT_PARAMETER, loaded, "conditions[" + i + "]",
              "Cannot use condition on " + conditions.get(i).variable() + " in child risk " + scope.risk.identifier()
                  + ": it shares parameters " + shared + " with the conditions of ancestor risk " + ancestor.identifier()
                  + "; create separate parameters for parent and child conditions");
        }
      }
    }
  }
}
