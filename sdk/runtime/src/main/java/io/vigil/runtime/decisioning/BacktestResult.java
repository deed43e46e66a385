package io.vigil.runtime.decisioning;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * What a backtest found: per draft risk and period, the records it would alert on against those its
 * active version alerts on, and the entities that would be newly alerted or no longer alerted.
 *
 * @param flow the evaluation flow
 * @param from the first execution date replayed
 * @param to the last execution date replayed
 * @param periods one row per draft risk and execution date
 * @param changes one row per entity whose alerting changes, for each draft risk and date
 */
public record BacktestResult(String flow, LocalDateTime from, LocalDateTime to, List<Period> periods, List<Change> changes) {
  public BacktestResult {
    periods = List.copyOf(periods);
    changes = List.copyOf(changes);
  }

  /** The alerts of a draft and of its active version in one period; {@code active} is 0 for a new risk. */
  public record Period(String risk, LocalDateTime executionDate, long draft, long active, boolean hasActiveVersion) {}

  /** An entity the draft alerts on and the active version does not ({@code newlyAlerted}), or the reverse. */
  public record Change(String risk, LocalDateTime executionDate, Map<String, Object> entity, boolean newlyAlerted) {}
}
