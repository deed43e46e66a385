package io.vigil.runtime.dataset;

import io.vigil.runtime.layout.Environment;
import java.time.LocalDateTime;

/**
 * How to read a dataset (S1 §3.1.14–3.1.15).
 *
 * @param fromJobTs APPEND: first execution date to include (inclusive); null means the execution date
 * @param toJobTs APPEND: last execution date to include (inclusive); OVERWRITE/UPDATE: the as-of
 *     date; null means the execution date
 * @param environment where to read; null means the context's environment
 * @param history return every version of every record with all technical columns, instead of the
 *     as-of view
 */
public record ReadOptions(LocalDateTime fromJobTs, LocalDateTime toJobTs, Environment environment, boolean history) {
  public static final ReadOptions DEFAULT = new ReadOptions(null, null, null, false);

  public static ReadOptions range(LocalDateTime fromJobTs, LocalDateTime toJobTs) {
    return new ReadOptions(fromJobTs, toJobTs, null, false);
  }

  public static ReadOptions asOf(LocalDateTime date) {
    return new ReadOptions(null, date, null, false);
  }

  public ReadOptions in(Environment env) {
    return new ReadOptions(fromJobTs, toJobTs, env, history);
  }

  public ReadOptions withHistory() {
    return new ReadOptions(fromJobTs, toJobTs, environment, true);
  }
}
