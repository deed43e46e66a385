package io.vigil.runtime;

import io.vigil.api.job.Job;
import io.vigil.api.solution.JobClass;
import io.vigil.api.solution.Solution;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.job.JobRun;
import io.vigil.runtime.job.JobRunner;
import io.vigil.runtime.job.Notebook;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.store.StoreSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A solution opened for exploration or local runs: its metadata, and a class loader for its jobs.
 * Contexts from a workspace default to the user's PRIVATE environment.
 */
public final class Workspace implements AutoCloseable {
  private final SolutionCatalog catalog;
  private final URLClassLoader classes;
  private final StoreSettings settings;
  private final Path directory;

  Workspace(Solution solution, StoreSettings settings) {
    this.catalog = SolutionCatalog.of(solution);
    this.settings = settings;
    this.directory = solution.root();
    this.classes = new URLClassLoader(urls(solution), Workspace.class.getClassLoader());
  }

  public SolutionCatalog catalog() {
    return catalog;
  }

  /** A context in the user's PRIVATE environment for {@code executionDate}. */
  public JobContext context(LocalDateTime executionDate) {
    return context(executionDate, Environment.privateOf(settings.user()));
  }

  public JobContext context(LocalDateTime executionDate, Environment environment) {
    return JobContext.builder(catalog).settings(settings).executionDate(executionDate).environment(environment)
        .solutionDirectory(directory).open();
  }

  /** A context that closes this workspace when it is closed, for one-line use in JShell. */
  JobContext ownedContext(LocalDateTime executionDate) {
    return JobContext.builder(catalog).settings(settings).executionDate(executionDate)
        .environment(Environment.privateOf(settings.user())).solutionDirectory(directory).onClose(this::close).open();
  }

  /** A new instance of a job ({@code domain.JobName}), to run cell by cell. */
  public Notebook notebook(String jobId, JobContext context) {
    Job job = newJob(catalog.job(jobId));
    return Notebook.of(job, context);
  }

  /** Runs every cell of a job, as the JobRunner does under Airflow, without recording the run. */
  public JobRun run(String jobId, JobContext context) {
    return JobRunner.run(newJob(catalog.job(jobId)), jobId, context, JobRunner.Listener.NONE, run -> {});
  }

  /** Loads and creates the job class. */
  public Job newJob(JobClass job) {
    try {
      Class<?> type = Class.forName(job.className(), true, classes);
      return (Job) type.getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException | ClassCastException e) {
      throw RuntimeErrors.jobNotCreatable(job.id(), job.className(), e);
    }
  }

  @Override
  public void close() {
    try {
      classes.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static URL[] urls(Solution solution) {
    List<URL> out = new ArrayList<>();
    try {
      if (solution.classesDir() != null) {
        out.add(solution.classesDir().toUri().toURL());
      }
      for (Path lib : libJars(solution.root())) {
        out.add(lib.toUri().toURL());
      }
    } catch (MalformedURLException e) {
      throw new IllegalStateException(e);
    }
    return out.toArray(URL[]::new);
  }

  private static List<Path> libJars(Path root) {
    List<Path> jars = new ArrayList<>();
    for (Path dir : List.of(root.resolve("lib"), root.resolve("domains"))) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(p -> p.toString().endsWith(".jar") && p.toString().contains("lib")).sorted().forEach(jars::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return jars;
  }
}
