package io.vigil.runtime.job;

import java.util.Set;

/**
 * Spark's {@code AnalysisException}: Spark refused a query itself (an unresolved column, a type
 * mismatch), so the same code fails the same way on every attempt. Its message carries the query's
 * logical plan after "line x pos y;", which says little to the job's author and much to a log.
 *
 * <p>Not every AnalysisException is about the code: a path or table that does not exist yet, or
 * a folder with no file to infer a schema from, is data that has not landed, which a retry may
 * find. Those error classes are left to the retries.
 */
public final class AnalysisErrors {
  private static final String ANALYSIS_EXCEPTION = "org.apache.spark.sql.AnalysisException";
  private static final Set<String> MISSING_DATA = Set.of("PATH_NOT_FOUND", "TABLE_OR_VIEW_NOT_FOUND", "UNABLE_TO_INFER_SCHEMA",
      "DELTA_TABLE_NOT_FOUND", "DELTA_MISSING_DELTA_TABLE", "DELTA_PATH_DOES_NOT_EXIST");

  private AnalysisErrors() {}

  /**
   * The AnalysisException (or subclass) among {@code e} and its causes that says the query itself is
   * wrong, or null; one about missing data is not such an exception.
   */
  public static Throwable find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName().equals(ANALYSIS_EXCEPTION)) {
          return MISSING_DATA.contains(errorClass(t)) ? null : t;
        }
      }
    }
    return null;
  }

  /** Spark's error class of {@code t} ({@code SparkThrowable.getErrorClass}), or "" when it has none. */
  static String errorClass(Throwable t) {
    try {
      // By name: the exception may come from a job's class loader, and the method is Spark's, not ours.
      Object name = t.getClass().getMethod("getErrorClass").invoke(t);
      return name == null ? "" : name.toString();
    } catch (ReflectiveOperationException | RuntimeException ex) {
      return "";
    }
  }

  /** The message without the logical plan Spark appends to it. */
  public static String withoutPlan(String message) {
    String text = message == null ? "" : message.strip();
    int plan = text.indexOf(";\n");
    if (plan >= 0) {
      text = text.substring(0, plan);
    }
    int newline = text.indexOf('\n');
    return (newline >= 0 ? text.substring(0, newline) : text).strip();
  }
}
