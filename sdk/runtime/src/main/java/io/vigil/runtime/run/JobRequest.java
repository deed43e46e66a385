package io.vigil.runtime.run;

import io.vigil.runtime.layout.Environment;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One run of a job of a bundle, as an Airflow task asks for it.
 *
 * @param solution the solution's name; may be null when {@code bundle} is a jar
 * @param bundle a bundle jar, a synced commit, or {@code promoted}
 * @param runKey pins {@code promoted} to one bundle for every task of a DAG run; may be null
 * @param job the job's id, {@code <domain>.<JobName>}
 * @param executionDate the execution date
 * @param parameters the run's parameters
 * @param sparkConf Spark properties overriding the job's own
 * @param environment the data environment the job writes; null means PUBLIC
 * @param dag the DAG that started the run, for the records; may be null
 * @param task the task that started the run, for the records; may be null
 */
public record JobRequest(String solution, String bundle, String runKey, String job, LocalDateTime executionDate,
    Map<String, Object> parameters, Map<String, String> sparkConf, Environment environment, String dag, String task) {
  public JobRequest {
    Objects.requireNonNull(bundle, "bundle");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(executionDate, "executionDate");
    parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    sparkConf = Map.copyOf(sparkConf);
    environment = environment == null ? Environment.PUBLIC : environment;
  }

  /** A run of {@code job} of the promoted bundle of {@code solution}, in PUBLIC, outside a DAG. */
  public static JobRequest promoted(String solution, String job, LocalDateTime executionDate, Map<String, Object> parameters) {
    return new JobRequest(solution, Bundles.PROMOTED, null, job, executionDate, parameters, Map.of(), Environment.PUBLIC, null, null);
  }
}
