package io.vigil.api.solution;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.validation.Problem;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A solution as read from its repository: manifest, entities with their sources, job classes, and
 * the problems met while reading. Reading never throws for bad content; {@link
 * io.vigil.api.validator.SolutionValidator} turns a solution into a full report.
 *
 * @param root the repository directory
 * @param manifest solution.yaml, or null when it could not be read
 * @param entities every entity that could be read, in load order
 * @param jobs job classes
 * @param loadProblems problems met while reading
 * @param classesDir compiled Java of the solution, or null when there was none or it failed
 * @param unreadable what could not be read, as {@code kind:identifier} or {@code kind:*} (kind is
 *     an entity kind key or {@code job}); references to these are not reported as unresolved
 */
public record Solution(
    Path root,
    SolutionManifest manifest,
    List<LoadedEntity> entities,
    List<JobClass> jobs,
    List<Problem> loadProblems,
    Path classesDir,
    Set<String> unreadable) {

  public Solution {
    Objects.requireNonNull(root, "root");
    entities = List.copyOf(entities);
    jobs = List.copyOf(jobs);
    loadProblems = List.copyOf(loadProblems);
    unreadable = Set.copyOf(unreadable);
  }

  /** True when every source was read, so every reference can be checked. */
  public boolean isComplete() {
    return unreadable.isEmpty();
  }

  /** True when an entity (or job) of this kind and identifier may exist in a source that could not be read. */
  public boolean mayHide(String kindKey, String identifier) {
    return unreadable.contains(kindKey + ":*") || unreadable.contains(kindKey + ":" + identifier);
  }

  /** The solution's name, or the directory name when the manifest could not be read. */
  public String name() {
    return manifest != null ? manifest.name() : root.getFileName().toString();
  }

  /** Loaded entities of one kind, in load order. */
  public List<LoadedEntity> loaded(EntityKind kind) {
    return entities.stream().filter(e -> e.entity().kind() == kind).toList();
  }

  /** Entities of one kind and Java type, in load order. */
  public <T extends Entity> List<T> all(EntityKind kind, Class<T> type) {
    return entities.stream().map(LoadedEntity::entity).filter(e -> e.kind() == kind).map(type::cast).toList();
  }

  /** The first loaded entity of {@code kind} with {@code identifier}, or null. */
  public LoadedEntity find(EntityKind kind, String identifier) {
    for (LoadedEntity e : entities) {
      if (e.entity().kind() == kind && e.identifier().equals(identifier)) {
        return e;
      }
    }
    return null;
  }

  /** The entity of {@code kind} with {@code identifier} as {@code type}, or null. */
  public <T extends Entity> T get(EntityKind kind, String identifier, Class<T> type) {
    LoadedEntity found = find(kind, identifier);
    return found == null || !type.isInstance(found.entity()) ? null : type.cast(found.entity());
  }

  /** Entities by kind, then identifier (first one wins on duplicates). */
  public Map<EntityKind, Map<String, LoadedEntity>> index() {
    Map<EntityKind, Map<String, LoadedEntity>> index = new LinkedHashMap<>();
    for (EntityKind kind : EntityKind.values()) {
      index.put(kind, new LinkedHashMap<>());
    }
    for (LoadedEntity e : entities) {
      index.get(e.entity().kind()).putIfAbsent(e.identifier(), e);
    }
    return index;
  }

  /** The job with this id ({@code domain.SimpleName}), or null. */
  public JobClass job(String id) {
    return jobs.stream().filter(j -> j.id().equals(id)).findFirst().orElse(null);
  }
}
