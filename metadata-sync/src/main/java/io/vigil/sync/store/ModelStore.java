package io.vigil.sync.store;

import io.vigil.runtime.model.ModelExport;
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

/**
 * The model registry (MLflow, or the local one): the models exported in the solution's
 * {@code models/} folder, imported as a new version when their checksum changes. An import is
 * idempotent, since a version with the same checksum tag is reused.
 */
final class ModelStore implements ManagedStore {
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
    return out;
  }

  @Override
  public int phase(Action action) {
    return 3;
  }

  @Override
  public int rank(ResourceAddress address) {
    return 1;
  }

  @Override
  public boolean apply(Step step, StoreHandles handles, Connection transaction) {
    if (step.action() == Action.DELETE) {
      handles.models().delete(step.address().name());
    } else {
      step.after().payload(ModelExport.class).importInto(handles.models());
    }
    return true;
  }

  @Override
  public Resource probe(Resource recorded, StoreHandles handles) {
    Map<String, String> tags = Map.of(ModelExport.CHECKSUM_TAG, String.valueOf(recorded.spec().get("checksum")));
    return handles.models().find(recorded.address().name(), tags) != null ? recorded : null;
  }
}
