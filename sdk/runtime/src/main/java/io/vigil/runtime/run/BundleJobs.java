package io.vigil.runtime.run;

import io.vigil.api.VigilException;
import io.vigil.api.job.Job;
import io.vigil.api.solution.JobClass;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.bundle.Bundle;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.job.CellRun;
import io.vigil.runtime.job.JobFailedException;
import io.vigil.runtime.job.JobRun;
import io.vigil.runtime.job.JobRunner;
import io.vigil.runtime.job.JobRuns;
import io.vigil.runtime.job.MlflowReporter;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.progress.Progress;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.Stores;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one job of a bundle for an execution date, exactly as an Airflow task's {@code vigil run}
 * does: the bundle is resolved and pinned, the job's cells run in order in a context on that
 * bundle, and the run with its metrics is recorded in {@code vigil_meta} and, when
 * {@code MLFLOW_TRACKING_URI} is set, in MLflow. The CLI and the solution testkit both run jobs
 * through here.
 */
public final class BundleJobs {
  private static final Logger LOG = LoggerFactory.getLogger(BundleJobs.class);

  /** What a caller hears about a run besides its cells. */
  public interface Listener extends JobRunner.Listener {
    Listener NONE = new Listener() {};

    /** The bundle is open and the job is about to run. */
    default void starting(JobRequest request, String solution, String commit) {}
  }

  private BundleJobs() {}

  /**
   * Runs {@code request} on {@code stores}.
   *
   * @param env the process environment: the secrets that {@code env:} references name, and MLflow's settings (the
   *     model registry and the run's report)
   * @throws JobFailedException naming the failing cell when one throws; the run is recorded first
   */
  public static JobRun run(Stores stores, JobRequest request, Map<String, String> env, Listener listener) {
    return run(stores, request, env, listener, Progress.NONE);
  }

  /** Runs {@code request}, reporting each cell and the Spark work within it to {@code progress}. */
  public static JobRun run(Stores stores, JobRequest request, Map<String, String> env, Listener listener, Progress progress) {
    Path jar = Bundles.resolve(stores, stores.settings(), request.solution(), request.bundle(), request.runKey());
    try (Bundle opened = Bundle.open(jar, BundleJobs.class.getClassLoader())) {
      SolutionCatalog catalog = new SolutionCatalog(opened.manifest(),
          opened.entities().stream().map(e -> new SolutionCatalog.Entry(e.entity(), e.domain())).toList(), opened.jobs());
      JobClass jobClass = catalog.job(request.job());
      Job instance = newJob(opened, jobClass);
      JobContext.Builder builder = JobContext.builder(catalog).settings(stores.settings()).executionDate(request.executionDate())
          .parameters(request.parameters()).jobSparkConf(instance.sparkConf()).dagSparkConf(request.sparkConf())
          .environment(request.environment()).domain(jobClass.domain()).bundleCommit(opened.commit()).writer(request.job())
          .progress(progress).secrets(new SecretResolver(env))
          // The registry of the run's environment, as the CLI and vigil serve resolve it: a process whose
          // own environment lacks MLFLOW_TRACKING_URI must not register the models somewhere else.
          .models(ModelRegistries.fromEnvironment(env, stores.settings().home()));
      listener.starting(request, opened.solution(), opened.commit());
      try (JobContext context = builder.open()) {
        return JobRunner.run(instance, request.job(), context, withProgress(listener, progress),
            r -> record(stores, opened, r, request, env));
      }
    }
  }

  /** The listener, with each cell a stage of the progress. */
  private static JobRunner.Listener withProgress(Listener listener, Progress progress) {
    return new JobRunner.Listener() {
      @Override
      public void cellStarted(String name) {
        progress.stage("cell " + name);
        listener.cellStarted(name);
      }

      @Override
      public void cellFinished(CellRun cell) {
        progress.done(cell.succeeded() ? "ok" : "failed");
        listener.cellFinished(cell);
      }
    };
  }

  private static void record(Stores stores, Bundle bundle, JobRun run, JobRequest request, Map<String, String> env) {
    try {
      JobRuns.record(stores.postgres(), bundle.solution(), run, request.dag(), request.task(), bundle.commit(),
          request.environment().toString());
    } catch (VigilException e) {
      LOG.warn("Cannot record run {} in vigil_meta: {}", run.runId(), e.idAndMessage());
    }
    MlflowReporter mlflow = MlflowReporter.fromEnvironment(env);
    if (mlflow != null) {
      try {
        mlflow.report(run, bundle.solution(), request.dag(), request.task(), bundle.commit());
      } catch (VigilException e) {
        LOG.warn("{}", e.idAndMessage());
      }
    }
  }

  private static Job newJob(Bundle bundle, JobClass job) {
    try {
      return (Job) bundle.loadJob(job.id()).getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw RuntimeErrors.jobNotCreatable(job.id(), e);
    }
  }
}
