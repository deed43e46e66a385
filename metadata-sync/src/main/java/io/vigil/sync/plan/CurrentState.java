package io.vigil.sync.plan;

import io.vigil.sync.resource.Resource;
import io.vigil.sync.resource.ResourceAddress;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the registry says exists for a solution.
 *
 * @param resources recorded resources by address
 * @param pinnedCommits commits whose bundles recorded job runs reference; they are never deleted (MS-6)
 */
public record CurrentState(Map<ResourceAddress, Resource> resources, Set<String> pinnedCommits) {
  public static final CurrentState EMPTY = new CurrentState(Map.of(), Set.of());

  public CurrentState {
    resources = Map.copyOf(new TreeMap<>(resources));
    pinnedCommits = Set.copyOf(pinnedCommits);
  }
}
