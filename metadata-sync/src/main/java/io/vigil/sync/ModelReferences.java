package io.vigil.sync;

import io.vigil.api.VigilException;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.api.flow.ModelReference;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import io.vigil.runtime.model.ModelExport;
import io.vigil.runtime.model.ModelRegistry;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The evaluation steps whose model references nothing satisfies yet: no registered version and no
 * model the solution exports in {@code models/} carries the name and every tag. Sync warns rather
 * than refuses, since models are often trained after the flow is declared.
 */
final class ModelReferences {
  private static final Logger LOG = LoggerFactory.getLogger(ModelReferences.class);

  private ModelReferences() {}

  static List<Problem> unregistered(Solution solution, ModelRegistry registry) {
    List<ModelExport> exported = ModelExport.scan(solution.root());
    List<Problem> out = new ArrayList<>();
    for (LoadedEntity loaded : solution.loaded(EntityKind.EVALUATION_FLOW)) {
      EvaluationFlow flow = (EvaluationFlow) loaded.entity();
      for (int i = 0; i < flow.evaluationSteps().size(); i++) {
        EvaluationStep step = flow.evaluationSteps().get(i);
        check(loaded, flow, step, "evaluation_steps[" + step.identifier() + "].feature_extraction_model",
            step.featureExtractionModel(), registry, exported, out);
        check(loaded, flow, step, "evaluation_steps[" + step.identifier() + "].detection_model", step.detectionModel(), registry,
            exported, out);
      }
    }
    return out;
  }

  private static void check(LoadedEntity loaded, EvaluationFlow flow, EvaluationStep step, String path, ModelReference ref,
      ModelRegistry registry, List<ModelExport> exported, List<Problem> out) {
    boolean exportedHere = exported.stream().anyMatch(m -> m.name().equals(ref.name())
        && ref.tags().entrySet().stream().allMatch(t -> t.getValue().equals(m.tags().get(t.getKey()))));
    if (exportedHere) {
      return;
    }
    try {
      if (registry.find(ref.name(), ref.tags()) != null) {
        return;
      }
    } catch (VigilException e) {
      // The registry being down must not stop a plan; applying model changes reports it.
      LOG.warn("Cannot check model {} of flow {} in the model registry: {}", ref.name(), flow.identifier(), e.idAndMessage());
      return;
    }
    out.add(Problem.of(ProblemCode.MODEL_NOT_REGISTERED, loaded.entity().address() + "." + path, loaded.locate(path),
        "Cannot resolve model " + ref.name() + " with tags " + new java.util.TreeMap<>(ref.tags()) + " of flow "
            + flow.identifier() + " step " + step.identifier() + ": no registered version carries them; evaluating the flow"
            + " fails until it is trained (vigil train " + flow.identifier() + ")"));
  }
}
