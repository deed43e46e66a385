package io.vigil.runtime.job;

/**
 * Spark's {@code AnalysisException}: Spark refused a query itself (an unresolved column, a type
 * mismatch), so the same code fails the same way on every attempt. Its message carries the query's
 * logical plan after "line x pos y;", which says little to the job's author and much to a log.
 */
public final class AnalysisErrors {
  private static final String ANALYSIS_EXCEPTION = "org.apache.spark.sql.AnalysisException";

  private AnalysisErrors() {}

  /** The AnalysisException (or subclass) among {@code e} and its causes, or null. */
  public static Throwable find(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      for (Class<?> c = t.getClass(); c != null; c = c.getSuperclass()) {
        if (c.getName().equals(ANALYSIS_EXCEPTION)) {
          return t;
        }
      }
    }
    return null;
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
