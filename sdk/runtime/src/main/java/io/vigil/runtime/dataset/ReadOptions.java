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
 * @param decrypt return the encrypted fields as plain text; needs a {@code reason}, and is audited
 * @param reason why the read decrypts, written to the audit; required when {@code decrypt}
 */
public record ReadOptions(LocalDateTime fromJobTs, LocalDateTime toJobTs, Environment environment, boolean history,
    boolean decrypt, String reason) {
  public static final ReadOptions DEFAULT = new ReadOptions(null, null, null, false, false, null);

  public static ReadOptions range(LocalDateTime fromJobTs, LocalDateTime toJobTs) {
    return new ReadOptions(fromJobTs, toJobTs, null, false, false, null);
  }

  public static ReadOptions asOf(LocalDateTime date) {
    return new ReadOptions(null, date, null, false, false, null);
  }

  public ReadOptions in(Environment env) {
    return new ReadOptions(fromJobTs, toJobTs, env, history, decrypt, reason);
  }

  public ReadOptions withHistory() {
    return new ReadOptions(fromJobTs, toJobTs, environment, true, decrypt, reason);
  }

  /**
   * Decrypts the dataset's encrypted fields; the read is refused without a reason, and each
   * decrypting read writes an audit row with the reason (see docs/encryption.md).
   */
  public ReadOptions decrypt(String reason) {
    return new ReadOptions(fromJobTs, toJobTs, environment, history, true, reason);
  }
}
