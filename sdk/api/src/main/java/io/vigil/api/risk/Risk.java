package io.vigil.api.risk;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.entity.Identifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A risk: the conditions under which an evaluated activity of an evaluation flow becomes an alert,
 * with the parameters, enrichments and variables the conditions are built from (S1 §7, §12.4,
 * §13.4.6, §20.5, §20.9). Risks are written in YAML in {@code domains/<domain>/risks/}, with the
 * guide's keys; the builder produces the same model.
 *
 * <p>A child risk names its parent in {@code parent_identifier}: it inherits the parent's
 * parameters, enrichments, variables and conditions, adds its own conditions, and fires instead of
 * the parent when all of them hold.
 *
 * <pre>{@code
 * Risk structuring = Risk.builder("id1_structuring")
 *     .displayName("Structuring")
 *     .category("scenarios")
 *     .severity(87)
 *     .suppressionPeriodUnit(SuppressionUnit.DAY)
 *     .suppressionPeriodSize(-1)
 *     .addEvaluationFlow("tr_ef")
 *     .addParameter(Parameter.of("min_amount", ParameterType.DOUBLE, "10000"))
 *     .addVariable(Variable.expression("is_high", "activity.sum_amount > {parameters.min_amount}", VariableType.BOOLEAN))
 *     .addCondition(Condition.isTrue("is_high"))
 *     .analysisMethod(AnalysisMethod.RULE)
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable; the default suppression key
 * @param displayName title of the alert; the fallback when dynamic_display_name is set
 * @param description free text; the fallback when dynamic_description is set
 * @param category grouping label such as {@code algo}, {@code scenarios} or {@code cra}
 * @param severity an integer 0–99, as in the guide's examples and the dynamic_severity range (the guide's text also names HIGH, MEDIUM, LOW and UNCLASSIFIED, which its examples never use)
 * @param suppressionPeriodUnit unit of the suppression period
 * @param suppressionPeriodSize periods after a first alert during which the same investigated entity raises no new alert; -1 disables suppression
 * @param evaluationFlows the evaluation flows whose evaluated activities the risk is matched against
 * @param active false switches the risk off (default true)
 * @param parentIdentifier the parent risk of a child risk
 * @param readOnly hides the risk from the Rule Parameters Editor
 * @param dynamicDisplayName Jinja template overriding display_name on the alert
 * @param dynamicDescription Jinja template overriding description on the alert
 * @param dynamicCategory Jinja template overriding category on the alert
 * @param dynamicSeverity Jinja template overriding severity; a result outside 0–99 falls back to severity (V-19)
 * @param dynamicSuppressionIdentifier Jinja template for the suppression key instead of the identifier
 * @param resources named strings referenced as {@code {resources.key}} in annotations, e.g. Investigation Center group names
 * @param parameters named constants
 * @param enrichments SQL lookups
 * @param variables computed values
 * @param conditions the alert conditions; all must hold
 * @param analysisMethod how alerts are produced, which selects the alert layout (V-45)
 * @param conditionDisplay plain-text alert condition for RULE and RT_RULE risks (V-46)
 * @param dynamicConditionDisplay Jinja template of the alert condition for RULE and RT_RULE risks (the guide's example spells the key dynamic_conditions_display)
 */
public record Risk(
    String identifier,
    String displayName,
    String description,
    String category,
    Integer severity,
    SuppressionUnit suppressionPeriodUnit,
    Integer suppressionPeriodSize,
    List<String> evaluationFlows,
    Boolean active,
    String parentIdentifier,
    boolean readOnly,
    String dynamicDisplayName,
    String dynamicDescription,
    String dynamicCategory,
    String dynamicSeverity,
    String dynamicSuppressionIdentifier,
    Map<String, String> resources,
    List<Parameter> parameters,
    List<Enrichment> enrichments,
    List<Variable> variables,
    List<Condition> conditions,
    AnalysisMethod analysisMethod,
    String conditionDisplay,
    String dynamicConditionDisplay)
    implements Entity {

  /** The suppression_period_size that disables suppression. */
  public static final int NO_SUPPRESSION = -1;

  public Risk {
    Checks.entityIdentifier(identifier, "risk");
    String what = "risk " + identifier;
    if (suppressionPeriodSize != null) {
      Checks.valid(suppressionPeriodSize >= NO_SUPPRESSION, what, "suppression_period_size",
          "must be -1 (no suppression) or more: " + suppressionPeriodSize);
    }
    evaluationFlows = Checks.list(evaluationFlows);
    active = Checks.orDefault(active, true);
    Checks.optionalIdentifier(parentIdentifier, what, "parent_identifier", Identifiers.ENTITY);
    resources = Checks.map(resources);
    parameters = Checks.list(parameters);
    enrichments = Checks.list(enrichments);
    variables = Checks.list(variables);
    conditions = Checks.list(conditions);
  }

  @Override
  public EntityKind kind() {
    return EntityKind.RISK;
  }

  /** The parameter of this risk (not of its ancestors) with this name, or null. */
  public Parameter findParameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  /** The variable of this risk (not of its ancestors) with this name, or null. */
  public Variable findVariable(String name) {
    return variables.stream().filter(v -> v.name().equals(name)).findFirst().orElse(null);
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier);
    b.displayName = displayName;
    b.description = description;
    b.category = category;
    b.severity = severity;
    b.suppressionPeriodUnit = suppressionPeriodUnit;
    b.suppressionPeriodSize = suppressionPeriodSize;
    b.evaluationFlows.addAll(evaluationFlows);
    b.active = active;
    b.parentIdentifier = parentIdentifier;
    b.readOnly = readOnly;
    b.dynamicDisplayName = dynamicDisplayName;
    b.dynamicDescription = dynamicDescription;
    b.dynamicCategory = dynamicCategory;
    b.dynamicSeverity = dynamicSeverity;
    b.dynamicSuppressionIdentifier = dynamicSuppressionIdentifier;
    b.resources.putAll(resources);
    b.parameters.addAll(parameters);
    b.enrichments.addAll(enrichments);
    b.variables.addAll(variables);
    b.conditions.addAll(conditions);
    b.analysisMethod = analysisMethod;
    b.conditionDisplay = conditionDisplay;
    b.dynamicConditionDisplay = dynamicConditionDisplay;
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String displayName;
    private String description;
    private String category;
    private Integer severity;
    private SuppressionUnit suppressionPeriodUnit;
    private Integer suppressionPeriodSize;
    private final List<String> evaluationFlows = new ArrayList<>();
    private Boolean active;
    private String parentIdentifier;
    private boolean readOnly;
    private String dynamicDisplayName;
    private String dynamicDescription;
    private String dynamicCategory;
    private String dynamicSeverity;
    private String dynamicSuppressionIdentifier;
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Parameter> parameters = new ArrayList<>();
    private final List<Enrichment> enrichments = new ArrayList<>();
    private final List<Variable> variables = new ArrayList<>();
    private final List<Condition> conditions = new ArrayList<>();
    private AnalysisMethod analysisMethod;
    private String conditionDisplay;
    private String dynamicConditionDisplay;

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder category(String category) {
      this.category = category;
      return this;
    }

    public Builder severity(Integer severity) {
      this.severity = severity;
      return this;
    }

    public Builder suppressionPeriodUnit(SuppressionUnit suppressionPeriodUnit) {
      this.suppressionPeriodUnit = suppressionPeriodUnit;
      return this;
    }

    public Builder suppressionPeriodSize(Integer suppressionPeriodSize) {
      this.suppressionPeriodSize = suppressionPeriodSize;
      return this;
    }

    public Builder addEvaluationFlow(String evaluationFlow) {
      this.evaluationFlows.add(evaluationFlow);
      return this;
    }

    public Builder evaluationFlows(String... evaluationFlows) {
      this.evaluationFlows.clear();
      this.evaluationFlows.addAll(Arrays.asList(evaluationFlows));
      return this;
    }

    public Builder active(Boolean active) {
      this.active = active;
      return this;
    }

    public Builder parentIdentifier(String parentIdentifier) {
      this.parentIdentifier = parentIdentifier;
      return this;
    }

    public Builder readOnly(boolean readOnly) {
      this.readOnly = readOnly;
      return this;
    }

    public Builder dynamicDisplayName(String dynamicDisplayName) {
      this.dynamicDisplayName = dynamicDisplayName;
      return this;
    }

    public Builder dynamicDescription(String dynamicDescription) {
      this.dynamicDescription = dynamicDescription;
      return this;
    }

    public Builder dynamicCategory(String dynamicCategory) {
      this.dynamicCategory = dynamicCategory;
      return this;
    }

    public Builder dynamicSeverity(String dynamicSeverity) {
      this.dynamicSeverity = dynamicSeverity;
      return this;
    }

    public Builder dynamicSuppressionIdentifier(String dynamicSuppressionIdentifier) {
      this.dynamicSuppressionIdentifier = dynamicSuppressionIdentifier;
      return this;
    }

    public Builder resource(String key, String value) {
      this.resources.put(key, value);
      return this;
    }

    public Builder addParameter(Parameter parameter) {
      this.parameters.add(parameter);
      return this;
    }

    public Builder addEnrichment(Enrichment enrichment) {
      this.enrichments.add(enrichment);
      return this;
    }

    public Builder addVariable(Variable variable) {
      this.variables.add(variable);
      return this;
    }

    public Builder addCondition(Condition condition) {
      this.conditions.add(condition);
      return this;
    }

    /** Replaces the conditions. */
    public Builder conditions(List<Condition> conditions) {
      this.conditions.clear();
      this.conditions.addAll(conditions);
      return this;
    }

    public Builder analysisMethod(AnalysisMethod analysisMethod) {
      this.analysisMethod = analysisMethod;
      return this;
    }

    public Builder conditionDisplay(String conditionDisplay) {
      this.conditionDisplay = conditionDisplay;
      return this;
    }

    public Builder dynamicConditionDisplay(String dynamicConditionDisplay) {
      this.dynamicConditionDisplay = dynamicConditionDisplay;
      return this;
    }

    public Risk build() {
      return BuildSites.mark(new Risk(identifier, displayName, description, category, severity, suppressionPeriodUnit,
          suppressionPeriodSize, evaluationFlows, active, parentIdentifier, readOnly, dynamicDisplayName,
          dynamicDescription, dynamicCategory, dynamicSeverity, dynamicSuppressionIdentifier, resources, parameters,
          enrichments, variables, conditions, analysisMethod, conditionDisplay, dynamicConditionDisplay));
    }
  }
}
