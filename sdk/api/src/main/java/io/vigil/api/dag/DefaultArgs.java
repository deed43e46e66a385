package io.vigil.api.dag;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.time.Duration;

/**
 * The default arguments every task of a DAG inherits, as Airflow's {@code default_args} (S1 §2.6.2,
 * §14.1). ThetaRay keeps {@code execution_date_mode} here too, so Vigil does.
 *
 * <pre>{@code
 * DefaultArgs.builder().owner("aml").retries(1).retryDelay(Duration.ofMinutes(5))
 *     .executionDateMode(ExecutionDateMode.PERIOD_END).build()
 * }</pre>
 *
 * @param owner the team or person responsible, shown in Airflow
 * @param dependsOnPast a task runs only after its run for the previous logical date succeeded
 * @param retries how often a failed task is retried; a task may override it
 * @param retryDelay wait between retries, e.g. {@code 5m}
 * @param executionTimeout a task attempt running longer than this fails
 * @param executionDateMode which date tasks get as execution date (default LOGICAL_DATE)
 */
public record DefaultArgs(
    String owner,
    boolean dependsOnPast,
    Integer retries,
    Duration retryDelay,
    Duration executionTimeout,
    ExecutionDateMode executionDateMode) {

  private static final String WHAT = "default_args";

  public DefaultArgs {
    Checks.nonNegative(retries, WHAT, "retries");
    if (retryDelay != null) {
      Checks.valid(!retryDelay.isNegative(), WHAT, "retry_delay", "must not be negative: " + retryDelay);
    }
    if (executionTimeout != null) {
      Checks.valid(!executionTimeout.isNegative() && !executionTimeout.isZero(), WHAT, "execution_timeout",
          "must be positive: " + executionTimeout);
    }
    executionDateMode = Checks.orDefault(executionDateMode, ExecutionDateMode.LOGICAL_DATE);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.owner = owner;
    b.dependsOnPast = dependsOnPast;
    b.retries = retries;
    b.retryDelay = retryDelay;
    b.executionTimeout = executionTimeout;
    b.executionDateMode = executionDateMode;
    return b;
  }

  public static final class Builder {
    private String owner;
    private boolean dependsOnPast;
    private Integer retries;
    private Duration retryDelay;
    private Duration executionTimeout;
    private ExecutionDateMode executionDateMode;

    private Builder() {}

    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    public Builder dependsOnPast(boolean dependsOnPast) {
      this.dependsOnPast = dependsOnPast;
      return this;
    }

    public Builder retries(Integer retries) {
      this.retries = retries;
      return this;
    }

    public Builder retryDelay(Duration retryDelay) {
      this.retryDelay = retryDelay;
      return this;
    }

    public Builder executionTimeout(Duration executionTimeout) {
      this.executionTimeout = executionTimeout;
      return this;
    }

    public Builder executionDateMode(ExecutionDateMode executionDateMode) {
      this.executionDateMode = executionDateMode;
      return this;
    }

    public DefaultArgs build() {
      return BuildSites.mark(
          new DefaultArgs(owner, dependsOnPast, retries, retryDelay, executionTimeout, executionDateMode));
    }
  }
}
