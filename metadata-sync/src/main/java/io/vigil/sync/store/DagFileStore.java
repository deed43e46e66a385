package io.vigil.sync.store;

import io.vigil.api.dag.Dag;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.solution.Solution;
import io.vigil.sync.dag.DagRenderer;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import io.vigil.sync.resource.ResourceKind;
import io.vigil.sync.resource.StoreKind;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Airflow's DAGs folder: one rendered Python file per DAG spec, written aside and moved into place
 * so that Airflow, which parses the folder continuously, sees a file whole or not at all. A file
 * holds no data, so removing its spec removes it without {@code --allow-destroy}.
 */
final class DagFileStore implements ManagedStore {
  /** The payload of a DAG file: where it goes and what it holds. */
  record DagFilePayload(Path file, String content) {}

  @Override
  public StoreKind kind() {
    return StoreKind.AIRFLOW;
  }

  @Override
  public List<Resource> desired(SyncInputs in) {
    if (in.airflowDagsDir() == null) {
      return List.of();
    }
    Solution solution = in.solution();
    List<Resource> out = new ArrayList<>();
    for (Dag dag : solution.all(EntityKind.DAG, Dag.class)) {
      String content = DagRenderer.render(solution.name(), solution.manifest().defaults(), dag);
      Path file = in.airflowDagsDir().toAbsolutePath().normalize().resolve(DagRenderer.fileName(solution.name(), dag.identifier()));
      Map<String, Object> spec = new LinkedHashMap<>();
      spec.put("file", file.toString());
      spec.put("sha256", Digests.sha256(content.getBytes(StandardCharsets.UTF_8)));
      out.add(Resource.of(ResourceAddress.of(ResourceKind.DAG_FILE, dag.identifier()), spec, new DagFilePayload(file, content)));
    }
    return out;
  }

  /** Last: a DAG file may only appear once everything its tasks use is in place. */
  @Override
  public int phase(Action action) {
    return 6;
  }

  @Override
  public int rank(ResourceAddress address) {
    return 9;
  }

  @Override
  public Removal removal(Resource recorded, Set<String> pinnedCommits, boolean pruneBundles) {
    return Removal.remove("the DAG spec was removed from the solution");
  }

  @Override
  public boolean apply(Step step, StoreHandles handles, Connection transaction) {
    try {
      if (step.action() == Action.DELETE) {
        Files.deleteIfExists(Path.of(String.valueOf(step.before().spec().get("file"))));
        return true;
      }
      DagFilePayload payload = step.after().payload(DagFilePayload.class);
      Files.createDirectories(payload.file().getParent());
      Path temp = payload.file().resolveSibling("." + payload.file().getFileName() + ".tmp");
      Files.writeString(temp, payload.content(), StandardCharsets.UTF_8);
      Files.move(temp, payload.file(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return true;
    } catch (IOException e) {
      throw SyncErrors.dagFileUnwritable(step.address().toString(), e);
    }
  }

  @Override
  public Resource probe(Resource recorded, StoreHandles handles) {
    return Files.isRegularFile(Path.of(String.valueOf(recorded.spec().get("file")))) ? recorded : null;
  }
}
