package io.vigil.api.solution;

import io.vigil.api.entity.Checks;
import java.util.Map;

/**
 * Defaults of a solution.
 *
 * @param dataPermission data permission of entities that set none, e.g. {@code dpv:public}
 * @param sparkConf Spark properties every job starts with; a DAG task's values override them
 * @param containerCpu CPU of DAG tasks that set none, Kubernetes style ({@code 1000m})
 * @param containerMemory memory of DAG tasks that set none ({@code 2Gi})
 */
public record SolutionDefaults(
    String dataPermission, Map<String, String> sparkConf, String containerCpu, String containerMemory) {
  public static final SolutionDefaults NONE = new SolutionDefaults(null, Map.of(), null, null);

  public SolutionDefaults {
    sparkConf = Checks.map(sparkConf);
  }
}
