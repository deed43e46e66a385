package io.vigil.sync.store;

import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.api.flow.ModelReference;
import io.vigil.runtime.histogram.FeatureHistogram;
import io.vigil.runtime.histogram.HistogramArtifacts;
import io.vigil.runtime.histogram.PublishedHistograms;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.model.ModelExport;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.ResourceKind;
import io.vigil.sync.resource.StoreKind;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The model registry (MLflow, or the local one), and what sync takes from it:
 * <ul>
 *   <li>the models exported in the solution's {@code models/} folder, imported as a new version when
 *       their checksum changes (an import is idempotent: a version with the same checksum is reused);
 *   <li>the training histograms of each real-time flow's steps, published in the CDD for
 *       {@code vigil serve} (S1 §10.3, MS-3/MS-4). The resource names the step's detection model
 *       reference and the version it resolves to, so it changes, and the histograms are published
 *       again, exactly when the reference's tags change or a new version carries them.
 * </ul>
 */
final class ModelStore implements ManagedStore {
  private static final Logger LOG = LoggerFactory.getLogger(ModelStore.class);

  @Override
  public StoreKind kind() {
    return StoreKind.MODELS;
  }

  @Override
  public List<Resource> desired(SyncInputs in) {
    List<Resource> out = new ArrayList<>();
    for (ModelExport m : in.models()) {
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("name", m.name());
      spec.put("checksum", m.checksum());
      spec.put("tags", m.tags());
      spec.put("files", m.files());
      out.add(Resource.of(ResourceAddress.of(ResourceKind.MODEL, m.name()), spec, m));
    }
    String schema = in.layout().cddSchema(Environment.PUBLIC);
    for (EvaluationFlow flow : in.solution().all(EntityKind.EVALUATION_FLOW, EvaluationFlow.class)) {
      if (flow.realtime() == null) {
        continue;
      }
      for (EvaluationStep step : flow.evaluationSteps()) {
        ModelReference ref = step.detectionModel();
        if (ref == null) {
          continue;
        }
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("schema", schema);
        spec.put("flow", flow.identifier());
        spec.put("step", step.identifier());
        spec.put("model", ref.name());
        spec.put("tags", new TreeMap<>(ref.tags()));
        spec.put("source", source(ref, in.models(), in.registry()));
        out.add(Resource.of(ResourceAddress.of(ResourceKind.HISTOGRAMS, flow.identifier() + "." + step.identifier()), spec));
      }
    }
    return out;
  }

  /**
   * What the reference resolves to, stable across the import of an exported model: the export's
   * checksum when a model of the solution's {@code models/} folder (or the version imported from it)
   * satisfies it, else the registered version, else null while no version carries its tags.
   */
  private static String source(ModelReference ref, List<ModelExport> exports, ModelRegistry registry) {
    for (ModelExport m : exports) {
      if (m.name().equals(ref.name()) && ref.tags().entrySet().stream().allMatch(t -> t.getValue().equals(m.tags().get(t.getKey())))) {
        return "export:" + m.checksum();
      }
    }
    ModelVersion v = registry == null ? null : registry.find(ref.name(), ref.tags());
    if (v == null) {
      return null;
    }
    String checksum = v.tags().get(ModelExport.CHECKSUM_TAG);
    return checksum != null ? "export:" + checksum : "version:" + v.version();
  }

  @Override
  public int phase(Action action) {
    return 3;
  }

  /** Models are imported before the histograms of the flows that reference them are published. */
  @Override
  public int rank(ResourceAddress address) {
    return address.kind() == ResourceKind.HISTOGRAMS ? 2 : 1;
  }

  @Override
  public boolean apply(Step step, StoreHandles handles, Connection transaction) {
    if (step.address().kind() == ResourceKind.HISTOGRAMS) {
      publish(step, handles);
    } else if (step.action() == Action.DELETE) {
      handles.models().delete(step.address().name());
    } else {
      step.after().payload(ModelExport.class).importInto(handles.models());
    }
    return true;
  }

  /**
   * Publishes the histograms of the version the step's reference resolves to now, in one transaction.
   * A reference no version satisfies yet, or a version trained without histograms, publishes none:
   * the plan already warns of the first, and the log says which.
   */
  private static void publish(Step step, StoreHandles handles) {
    Map<String, Object> spec = step.spec();
    String schema = (String) spec.get("schema");
    String flow = (String) spec.get("flow");
    String stepId = (String) spec.get("step");
    if (step.action() == Action.DELETE) {
      handles.postgres().inTransaction(c -> {
        PublishedHistograms.withdraw(c, schema, flow, stepId);
        return null;
      });
      return;
    }
    String model = (String) spec.get("model");
    @SuppressWarnings("unchecked")
    Map<String, String> tags = (Map<String, String>) spec.get("tags");
    ModelVersion version = handles.models().find(model, tags);
    List<FeatureHistogram> histograms = new ArrayList<>();
    // Info, not warn: the plan already warns of an unregistered model, and a model saved without
    // histograms is served without their context, as docs/realtime.md says.
    if (version == null) {
      LOG.info("No histograms published for flow {} step {}: no version of model {} carries tags {} yet", flow, stepId, model, tags);
    } else if (!hasHistograms(handles, version)) {
      LOG.info("No histograms published for flow {} step {}: the run of model {} version {} has none; train the flow with"
          + " vigil train, or save them with HistogramArtifacts.save", flow, stepId, model, version.version());
    } else {
      histograms.addAll(HistogramArtifacts.load(handles.models(), version.runId()).values());
    }
    handles.postgres().inTransaction(c -> {
      if (version == null || histograms.isEmpty()) {
        PublishedHistograms.withdraw(c, schema, flow, stepId);
      } else {
        PublishedHistograms.publish(c, schema, flow, stepId, version, histograms);
      }
      return null;
    });
  }

  @Override
  public Resource probe(Resource recorded, StoreHandles handles) {
    if (recorded.address().kind() == ResourceKind.HISTOGRAMS) {
      return probeHistograms(recorded, handles);
    }
    Map<String, String> tags = Map.of(ModelExport.CHECKSUM_TAG, String.valueOf(recorded.spec().get("checksum")));
    return handles.models().find(recorded.address().name(), tags) != null ? recorded : null;
  }

  /**
   * Present when what is published is what apply would publish now: the histograms of the version the
   * reference resolves to, or nothing when no version, or a version without histograms, is there.
   */
  private static Resource probeHistograms(Resource recorded, StoreHandles handles) {
    Map<String, Object> spec = recorded.spec();
    @SuppressWarnings("unchecked")
    Map<String, String> tags = (Map<String, String>) spec.get("tags");
    ModelVersion version = handles.models().find((String) spec.get("model"), tags);
    boolean expected = version != null && hasHistograms(handles, version)
        && !HistogramArtifacts.load(handles.models(), version.runId()).isEmpty();
    Integer published = handles.postgres().withConnection(c -> PublishedHistograms.publishedVersion(c, (String) spec.get("schema"),
        (String) spec.get("flow"), (String) spec.get("step")));
    boolean present = expected ? published != null && published == version.version() : published == null;
    return present ? recorded : null;
  }

  private static boolean hasHistograms(StoreHandles handles, ModelVersion version) {
    return version.runId() != null && handles.models().hasArtifacts(version.runId(), HistogramArtifacts.FOLDER);
  }
}
