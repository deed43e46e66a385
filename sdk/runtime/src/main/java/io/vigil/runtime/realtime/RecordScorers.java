package io.vigil.runtime.realtime;

import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.evaluation.RecordEvaluator;

/** The scorers {@code vigil serve} uses: each flow's models evaluated in the JVM, as batch resolves them. */
public final class RecordScorers {
  private RecordScorers() {}

  /**
   * The scorer of flow {@code flowId}: its steps' models loaded once from the context's registry, then
   * applied to each record without Spark. A flow without steps passes its records through unchanged.
   */
  public static RecordScorer of(RunContext context, String flowId) {
    RecordEvaluator evaluator = RecordEvaluator.of(context, flowId);
    return evaluator::evaluate;
  }
}
