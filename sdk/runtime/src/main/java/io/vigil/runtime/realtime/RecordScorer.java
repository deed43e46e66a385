package io.vigil.runtime.realtime;

import java.util.Map;

/**
 * Scores one record with a flow's models, in the JVM: the record's fields in, the same fields plus
 * every evaluated column of every step out, exactly as the batch evaluation gives them.
 */
@FunctionalInterface
public interface RecordScorer {
  Map<String, Object> score(Map<String, Object> record);
}
