package io.vigil.api.dag;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A task of a DAG: one run of a job class, as ThetaRay's {@code RunNotebookOperator} runs one
 * notebook (S1 §2.6.1, §14.2). The job runs with the DAG run's execution date, these parameters and
 * this Spark conf, in a container of this size.
 *
 * <pre>{@code
 * DagTask.builder("upload_account", "aml.Upload")
 *     .containerCpu("1000m").containerMemory("2Gi")
 *     .parameter("connector", "account")
 *     .build()
 * }</pre>
 *
 * @param taskId the task's name in Airflow, unique within the DAG
 * @param job the job class to run, {@code <domain>.<ClassName>}, e.g. {@code aml.Upload}
 * @param containerCpu Kubernetes CPU of the task's container, e.g. {@code 1000m} (one core) or {@code 2}
 * @param containerMemory Kubernetes memory of the task's container, e.g. {@code 2Gi} or {@code 512Mi}
 * @param parameters values handed to the job as {@code context.parameters()}
 * @param sparkConf Spark properties that override the job's own conf (merged, not replaced)
 * @param dependsOn ids of the tasks that must succeed before this one starts
 * @param retries retries of this task, overriding {@code default_args.retries}
 */
public record DagTask(
    String taskId,
    String job,
    String containerCpu,
    String containerMemory,
    Map<String, Object> parameters,
    Map<String, String> sparkConf,
    List<String> dependsOn,
    Integer retries) {

  /** {@code <domain>.<ClassName>}: the id the loader gives a job class. */
  private static final Pattern JOB = Pattern.compile("[a-z][a-z0-9_]{0,62}\\.[A-Za-z_$][A-Za-z0-9_$]*");
  /** Kubernetes CPU quantities: millicores or (fractional) cores. */
  private static final Pattern CPU = Pattern.compile("[0-9]+m|[0-9]+(\\.[0-9]+)?");
  /** Kubernetes memory quantities: bytes with an optional binary or decimal suffix. */
  private static final Pattern MEMORY = Pattern.compile("[0-9]+(\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?");

  public DagTask {
    Checks.identifier(taskId, "task", "task_id", Identifiers.NAME);
    String what = "task " + taskId;
    Checks.required(job, what, "job");
    Checks.valid(JOB.matcher(job).matches(), what, "job",
        "must be <domain>.<ClassName> of a job class, e.g. aml.Upload: '" + job + "'");
    if (containerCpu != null) {
      Checks.valid(CPU.matcher(containerCpu).matches() && hasDigitAboveZero(containerCpu), what, "container_cpu",
          "must be a positive Kubernetes CPU quantity such as 1000m or 2: '" + containerCpu + "'");
    }
    if (containerMemory != null) {
      Checks.valid(MEMORY.matcher(containerMemory).matches() && hasDigitAboveZero(containerMemory), what,
          "container_memory", "must be a positive Kubernetes memory quantity such as 2Gi or 512Mi: '"
              + containerMemory + "'");
    }
    parameters = Checks.freeForm(parameters);
    sparkConf = Checks.map(sparkConf);
    dependsOn = Checks.list(dependsOn);
    Checks.nonNegative(retries, what, "retries");
  }

  private static boolean hasDigitAboveZero(String quantity) {
    return quantity.chars().anyMatch(c -> c >= '1' && c <= '9');
  }

  /**
   * Starts a task.
   *
   * @param taskId the task's name in Airflow
   * @param job the job class to run, {@code <domain>.<ClassName>}
   */
  public static Builder builder(String taskId, String job) {
    return new Builder(taskId, job);
  }

  public Builder toBuilder() {
    Builder b = new Builder(taskId, job);
    b.containerCpu = containerCpu;
    b.containerMemory = containerMemory;
    b.parameters.putAll(parameters);
    b.sparkConf.putAll(sparkConf);
    b.dependsOn.addAll(dependsOn);
    b.retries = retries;
    return b;
  }

  public static final class Builder {
    private final String taskId;
    private final String job;
    private String containerCpu;
    private String containerMemory;
    private final Map<String, Object> parameters = new LinkedHashMap<>();
    private final Map<String, String> sparkConf = new LinkedHashMap<>();
    private final List<String> dependsOn = new ArrayList<>();
    private Integer retries;

    private Builder(String taskId, String job) {
      this.taskId = taskId;
      this.job = job;
    }

    public Builder containerCpu(String containerCpu) {
      this.containerCpu = containerCpu;
      return this;
    }

    public Builder containerMemory(String containerMemory) {
      this.containerMemory = containerMemory;
      return this;
    }

    public Builder parameter(String key, Object value) {
      this.parameters.put(key, value);
      return this;
    }

    /** Adds all of {@code parameters}. */
    public Builder parameters(Map<String, ?> parameters) {
      this.parameters.putAll(parameters);
      return this;
    }

    public Builder sparkConf(String key, String value) {
      this.sparkConf.put(key, value);
      return this;
    }

    /** Adds all of {@code conf}. */
    public Builder sparkConf(Map<String, String> conf) {
      this.sparkConf.putAll(conf);
      return this;
    }

    /** Replaces the upstream task ids. */
    public Builder dependsOn(String... upstreamTaskIds) {
      this.dependsOn.clear();
      this.dependsOn.addAll(Arrays.asList(upstreamTaskIds));
      return this;
    }

    /** Adds one upstream task id unless it is already there. */
    public Builder addDependsOn(String upstreamTaskId) {
      if (!this.dependsOn.contains(upstreamTaskId)) {
        this.dependsOn.add(upstreamTaskId);
      }
      return this;
    }

    public Builder retries(Integer retries) {
      this.retries = retries;
      return this;
    }

    public DagTask build() {
      return BuildSites.mark(
          new DagTask(taskId, job, containerCpu, containerMemory, parameters, sparkConf, dependsOn, retries));
    }
  }
}
