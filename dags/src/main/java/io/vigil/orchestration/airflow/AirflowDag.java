package io.vigil.orchestration.airflow;

import java.util.List;

/**
 * A DAG as Airflow's DAG processor parsed it.
 *
 * @param dagId the DAG's id
 * @param paused whether the scheduler leaves it alone
 * @param stale whether its file has disappeared from the DAGs folder
 * @param hasImportErrors whether its file failed to import at the last parse
 * @param fileloc the DAG file, as the DAG processor sees it
 * @param tags the DAG's tags, sorted
 */
public record AirflowDag(String dagId, boolean paused, boolean stale, boolean hasImportErrors, String fileloc,
    List<String> tags) {

  public AirflowDag {
    tags = List.copyOf(tags);
  }
}
