package io.vigil.runtime.decisioning;

import io.vigil.api.VigilException;
import io.vigil.api.risk.Risk;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.template.CompiledTemplate;
import io.vigil.runtime.template.DynamicSeverity;
import io.vigil.runtime.template.TemplateEngine;
import io.vigil.runtime.template.TemplateLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A risk's alert texts (S1 §7.3): the dynamic name, description, category, severity and
 * suppression identifier, each compiled once per run and rendered per alert; the static attribute
 * where no template is given. A dynamic severity outside 0–99 falls back to the static one. An
 * undefined reference fails the run, naming the risk, the attribute and the name.
 */
final class AlertTexts {
  record Texts(String displayName, String description, String category, Integer severity, String suppressionIdentifier) {}

  private final Risk risk;
  private final Map<String, CompiledTemplate> templates = new LinkedHashMap<>();

  private AlertTexts(Risk risk, TemplateEngine engine) {
    this.risk = risk;
    compile(engine, "dynamic_display_name", risk.dynamicDisplayName());
    compile(engine, "dynamic_description", risk.dynamicDescription());
    compile(engine, "dynamic_category", risk.dynamicCategory());
    compile(engine, "dynamic_severity", risk.dynamicSeverity());
    compile(engine, "dynamic_suppression_identifier", risk.dynamicSuppressionIdentifier());
  }

  static AlertTexts of(Risk risk, TemplateEngine engine) {
    return new AlertTexts(risk, engine);
  }

  static TemplateEngine engine() {
    return TemplateEngine.create(TemplateLimits.defaults());
  }

  private void compile(TemplateEngine engine, String attribute, String source) {
    if (source != null && !source.isBlank()) {
      templates.put(attribute, engine.compile(source, "risk " + risk.identifier() + " " + attribute));
    }
  }

  Texts render(Map<String, Object> bindings, String record) {
    String name = render("dynamic_display_name", bindings, record, risk.displayName());
    String description = render("dynamic_description", bindings, record, risk.description());
    String category = render("dynamic_category", bindings, record, risk.category());
    Integer severity = risk.severity();
    if (templates.containsKey("dynamic_severity")) {
      severity = DynamicSeverity.cast(render("dynamic_severity", bindings, record, null), risk.severity() == null ? -1 : risk.severity());
      severity = severity < 0 ? null : severity;
    }
    String suppression = render("dynamic_suppression_identifier", bindings, record, null);
    return new Texts(name, description, category, severity, suppression == null || suppression.isBlank() ? null : suppression);
  }

  private String render(String attribute, Map<String, Object> bindings, String record, String fallback) {
    CompiledTemplate t = templates.get(attribute);
    if (t == null) {
      return fallback;
    }
    try {
      return t.render(bindings);
    } catch (VigilException e) {
      throw RuntimeErrors.templateFailed(risk.identifier(), attribute, record, e);
    }
  }
}
