package io.vigil.sync.report;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.serde.Canonical;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.sync.plan.Change;
import io.vigil.sync.plan.Plan;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a plan changes in the solution's models: the model references of evaluation steps that are
 * added, removed or given other tags, and the models of {@code models/} imported as a new version.
 * Each reference carries the version it resolved to before the apply and the one it resolves to after.
 *
 * @param references changed model references, by flow, step and role
 * @param imports exported models whose files changed
 */
public record ModelUpdate(List<Reference> references, List<Import> imports) {
  public ModelUpdate {
    references = List.copyOf(references);
    imports = List.copyOf(imports);
  }

  /**
   * A step's model reference, before and after.
   *
   * @param flow the evaluation flow
   * @param step the step
   * @param role {@code feature extraction} or {@code detection}
   * @param model the model name
   * @param tagsBefore its tags before; null when the reference is new
   * @param tagsAfter its tags after; null when it is removed
   * @param before the version it resolved to before the apply; null when none
   * @param after the version it resolves to after; null when none
   */
  public record Reference(String flow, String step, String role, String model, Map<String, String> tagsBefore,
      Map<String, String> tagsAfter, ModelVersion before, ModelVersion after) {}

  /**
   * An exported model imported anew.
   *
   * @param model its name
   * @param checksumBefore the checksum of its files before; null when it is new
   * @param checksumAfter after; null when it was removed
   * @param tags the tags of the export
   */
  public record Import(String model, String checksumBefore, String checksumAfter, Map<String, String> tags) {}

  public boolean isEmpty() {
    return references.isEmpty() && imports.isEmpty();
  }

  /** The model changes of {@code plan}, resolved against {@code registry} as it is before the apply. */
  public static ModelUpdate planned(Plan plan, ModelRegistry registry) {
    List<Reference> references = new ArrayList<>();
    List<Import> imports = new ArrayList<>();
    for (Change c : plan.changes()) {
      if (c.address().kind() == ResourceKind.MODEL) {
        imports.add(new Import(c.address().name(), checksum(c.before()), checksum(c.after()), tags(c.after() != null ? c.after() : c.before())));
      } else if (c.address().kind() == ResourceKind.ENTITY && c.address().kindKey().equals(EntityKind.EVALUATION_FLOW.key())) {
        Map<String, Map<String, Object>> before = references(flow(c.before()));
        Map<String, Map<String, Object>> after = references(flow(c.after()));
        java.util.Set<String> keys = new java.util.TreeSet<>(before.keySet());
        keys.addAll(after.keySet());
        for (String key : keys) {
          Map<String, Object> b = before.get(key);
          Map<String, Object> a = after.get(key);
          if (Objects.equals(b, a)) {
            continue;
          }
          Map<String, Object> any = a != null ? a : b;
          @SuppressWarnings("unchecked")
          Map<String, String> tagsBefore = b == null ? null : (Map<String, String>) b.get("tags");
          @SuppressWarnings("unchecked")
          Map<String, String> tagsAfter = a == null ? null : (Map<String, String>) a.get("tags");
          String model = (String) any.get("model");
          references.add(new Reference((String) any.get("flow"), (String) any.get("step"), (String) any.get("role"), model,
              tagsBefore, tagsAfter, b == null ? null : registry.find((String) b.get("model"), tagsBefore), null));
        }
      }
    }
    return new ModelUpdate(references, imports);
  }

  /** The same changes with the versions the references resolve to now, after the apply. */
  public ModelUpdate applied(ModelRegistry registry) {
    List<Reference> resolved = references.stream().map(r -> new Reference(r.flow(), r.step(), r.role(), r.model(),
        r.tagsBefore(), r.tagsAfter(), r.before(), r.tagsAfter() == null ? null : registry.find(r.model(), r.tagsAfter())))
        .toList();
    return new ModelUpdate(resolved, imports);
  }

  private static EvaluationFlow flow(Resource resource) {
    return resource == null ? null : Canonical.fromJson(Canonical.toJson(resource.spec()), EvaluationFlow.class);
  }

  /** The flow's references by {@code step/role}: flow, step, role, model and tags. */
  private static Map<String, Map<String, Object>> references(EvaluationFlow flow) {
    Map<String, Map<String, Object>> out = new LinkedHashMap<>();
    if (flow == null) {
      return out;
    }
    for (EvaluationStep step : flow.evaluationSteps()) {
      put(out, flow, step, "feature extraction", step.featureExtractionModel());
      put(out, flow, step, "detection", step.detectionModel());
    }
    return out;
  }

  private static void put(Map<String, Map<String, Object>> out, EvaluationFlow flow, EvaluationStep step, String role,
      ModelReference ref) {
    if (ref == null) {
      return;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("flow", flow.identifier());
    m.put("step", step.identifier());
    m.put("role", role);
    m.put("model", ref.name());
    m.put("tags", new TreeMap<>(ref.tags()));
    out.put(step.identifier() + "/" + role, m);
  }

  private static String checksum(Resource r) {
    return r == null ? null : (String) r.spec().get("checksum");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> tags(Resource r) {
    Object tags = r.spec().get("tags");
    return tags instanceof Map<?, ?> m ? new TreeMap<>((Map<String, String>) m) : Map.of();
  }
}
