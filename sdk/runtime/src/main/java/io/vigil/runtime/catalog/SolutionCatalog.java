package io.vigil.runtime.catalog;

import io.vigil.api.connector.Connector;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.solution.JobClass;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionManifest;
import io.vigil.runtime.errors.RuntimeErrors;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metadata a running job sees: the solution's entities and job classes, from a bundle or from a
 * solution directory. Lookups fail with a clear NOT_FOUND error.
 */
public final class SolutionCatalog {
  /** An entity and the domain that declares it (null for DAGs). */
  public record Entry(Entity entity, String domain) {}

  private final SolutionManifest manifest;
  private final Map<EntityKind, Map<String, Entry>> entries = new LinkedHashMap<>();
  private final List<JobClass> jobs;

  public SolutionCatalog(SolutionManifest manifest, List<Entry> entities, List<JobClass> jobs) {
    this.manifest = manifest;
    for (EntityKind kind : EntityKind.values()) {
      entries.put(kind, new LinkedHashMap<>());
    }
    for (Entry e : entities) {
      entries.get(e.entity().kind()).putIfAbsent(e.entity().identifier(), e);
    }
    this.jobs = List.copyOf(jobs);
  }

  /** The catalog of a solution read from a directory (it must have loaded without errors). */
  public static SolutionCatalog of(Solution solution) {
    if (solution.manifest() == null) {
      throw RuntimeErrors.manifestUnreadable(solution.root());
    }
    List<Entry> list = solution.entities().stream().map((LoadedEntity e) -> new Entry(e.entity(), e.domain())).toList();
    return new SolutionCatalog(solution.manifest(), list, solution.jobs());
  }

  public SolutionManifest manifest() {
    return manifest;
  }

  public String solution() {
    return manifest.name();
  }

  public List<JobClass> jobs() {
    return jobs;
  }

  public JobClass job(String id) {
    return jobs.stream().filter(j -> j.id().equals(id)).findFirst().orElseThrow(() ->
        RuntimeErrors.jobNotInSolution(id, solution(), jobs.stream().map(JobClass::id).toList()));
  }

  /** The entry of {@code kind} and {@code identifier}, or null. */
  public Entry find(EntityKind kind, String identifier) {
    return entries.get(kind).get(identifier);
  }

  public <T extends Entity> List<T> all(EntityKind kind, Class<T> type) {
    return entries.get(kind).values().stream().map(e -> type.cast(e.entity())).toList();
  }

  public DataSet dataset(String identifier) {
    return require(EntityKind.DATASET, identifier, DataSet.class);
  }

  public Connector connector(String identifier) {
    return require(EntityKind.CONNECTOR, identifier, Connector.class);
  }

  public EvaluationFlow evaluationFlow(String identifier) {
    return require(EntityKind.EVALUATION_FLOW, identifier, EvaluationFlow.class);
  }

  /** The domain that declares an entity, or null. */
  public String domainOf(EntityKind kind, String identifier) {
    Entry e = find(kind, identifier);
    return e == null ? null : e.domain();
  }

  public <T extends Entity> T require(EntityKind kind, String identifier, Class<T> type) {
    Entry e = find(kind, identifier);
    if (e == null) {
      throw RuntimeErrors.entityNotInSolution(kind.key().replace('_', ' '), identifier, solution(), entries.get(kind).keySet());
    }
    return type.cast(e.entity());
  }
}
