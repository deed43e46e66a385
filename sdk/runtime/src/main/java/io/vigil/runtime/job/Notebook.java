package io.vigil.runtime.job;

import io.vigil.api.VigilException;
import io.vigil.api.job.Cell;
import io.vigil.api.job.Job;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.errors.RuntimeErrors;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A job opened cell by cell, as in a notebook: in JShell or Jupyter, {@code run(1)}, look at the
 * fields the cell set with {@link #field}, then {@code next()}. The JobRunner runs the same cells in
 * the same order, so what a user explored is what Airflow runs.
 */
public final class Notebook {
  private final Job job;
  private final RunContext context;
  private final List<Method> cells;
  private int next;
  private Throwable lastFailure;

  private Notebook(Job job, RunContext context) {
    this.job = job;
    this.context = context;
    this.cells = cellsOf(job.getClass());
    if (cells.isEmpty()) {
      throw RuntimeErrors.jobWithoutCells(job.getClass().getName());
    }
  }

  public static Notebook of(Job job, RunContext context) {
    return new Notebook(job, context);
  }

  /** Creates the job with its public no-argument constructor. */
  public static Notebook of(Class<? extends Job> type, RunContext context) {
    try {
      return new Notebook(type.getDeclaredConstructor().newInstance(), context);
    } catch (ReflectiveOperationException e) {
      throw RuntimeErrors.jobWithoutConstructor(type.getName(), e);
    }
  }

  public Job job() {
    return job;
  }

  public RunContext context() {
    return context;
  }

  /** Cell method names in run order. */
  public List<String> cells() {
    return cells.stream().map(Method::getName).toList();
  }

  /** Runs the cell with this order number. */
  public CellRun run(int order) {
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).getAnnotation(Cell.class).value() == order) {
        return runAt(i);
      }
    }
    throw RuntimeErrors.cellNotFound(order, job.getClass().getSimpleName(), cells());
  }

  /** Runs the cell with this method name. */
  public CellRun run(String name) {
    for (int i = 0; i < cells.size(); i++) {
      if (cells.get(i).getName().equals(name)) {
        return runAt(i);
      }
    }
    throw RuntimeErrors.cellNotFound(name, job.getClass().getSimpleName(), cells());
  }

  /** Runs the next cell (the first one after open); null when all have run. */
  public CellRun next() {
    return next < cells.size() ? runAt(next) : null;
  }

  public boolean hasNext() {
    return next < cells.size();
  }

  /** The value of a field of the job, e.g. a DataFrame a cell kept. */
  public Object field(String name) {
    for (Class<?> c = job.getClass(); c != null; c = c.getSuperclass()) {
      try {
        Field f = c.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(job);
      } catch (NoSuchFieldException e) {
        // look in the superclass
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }
    throw RuntimeErrors.jobFieldNotFound(name, job.getClass().getSimpleName());
  }

  /** Runs the cell at index {@code i}; a failing cell is reported in the result, not thrown. */
  CellRun runAt(int i) {
    Method m = cells.get(i);
    Cell cell = m.getAnnotation(Cell.class);
    long start = System.nanoTime();
    String error = null;
    try {
      if (m.getParameterCount() == 0) {
        m.invoke(job);
      } else {
        m.invoke(job, context);
      }
    } catch (InvocationTargetException e) {
      lastFailure = e.getCause();
      error = describe(e.getCause());
    } catch (IllegalAccessException | IllegalArgumentException e) {
      lastFailure = e;
      error = "cannot call the cell: " + e.getMessage();
    }
    next = i + 1;
    String title = cell.title().isEmpty() ? m.getName() : cell.title();
    return new CellRun(cell.value(), m.getName(), title, Duration.ofNanos(System.nanoTime() - start), error);
  }

  /** The exception of the last failing cell, or null. */
  Throwable lastFailure() {
    return lastFailure;
  }

  static List<Method> cellsOf(Class<?> type) {
    List<Method> out = new ArrayList<>();
    for (Method m : type.getMethods()) {
      if (m.isAnnotationPresent(Cell.class)) {
        out.add(m);
      }
    }
    out.sort(Comparator.comparingInt((Method m) -> m.getAnnotation(Cell.class).value()).thenComparing(Method::getName));
    return out;
  }

  private static String describe(Throwable t) {
    if (t instanceof VigilException v) {
      return v.idAndMessage();
    }
    String message = AnalysisErrors.find(t) == t ? AnalysisErrors.withoutPlan(t.getMessage()) : t.getMessage();
    return t.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }
}
