package io.vigil.api.job;

import java.util.Map;

/**
 * A notebook-style job: a public class in {@code domains/<domain>/jobs/} whose public methods
 * annotated {@link Cell} are its cells, run in {@link Cell#value()} order by the JobRunner. Each
 * cell takes the job context (or nothing) and keeps what later cells need in fields, so that in
 * JShell or Jupyter a user can run the cells one by one and look at the fields in between.
 *
 * <p>The job's identifier is {@code <domain>.<SimpleClassName>}, as DAG tasks name it.
 */
public interface Job {
  /**
   * Spark properties this job needs, like ThetaRay's {@code init_context(spark_conf=…)}. A DAG
   * task's {@code spark_conf} overrides them key by key; the rest is merged (S1 §2.7).
   */
  default Map<String, String> sparkConf() {
    return Map.of();
  }
}
