package io.vigil.cli;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.orchestration.airflow.AirflowClient;
import io.vigil.sync.SyncResult;
import io.vigil.sync.SyncStatus;
import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.ResourceKind;
import io.vigil.sync.resource.StoreKind;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * After a sync has rendered new DAG files and promoted their commit, unpauses those DAGs in the
 * Airflow that {@code VIGIL_AIRFLOW_URL} names, once its DAG processor has parsed them. Airflow
 * creates DAGs paused; a DAG that a team pushed is meant to run. A DAG that existed before keeps
 * whatever pause state an operator gave it. Airflow being slow or down never fails the sync, which
 * is already applied: the DAG is then left paused, with a warning that says how to unpause it.
 */
final class DagActivation {
  /** How long to wait for Airflow to parse a new DAG file, in seconds. */
  static final String TIMEOUT_VARIABLE = "VIGIL_AIRFLOW_PARSE_TIMEOUT";
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofSeconds(2);

  private DagActivation() {}

  /** The DAGs whose files this sync created. */
  static List<String> created(SyncResult result) {
    if (result.status() != SyncStatus.APPLIED || result.plan() == null) {
      return List.of();
    }
    return result.plan().changesOf(StoreKind.AIRFLOW).stream()
        .filter(c -> c.action() == Action.CREATE && c.address().kind() == ResourceKind.DAG_FILE)
        .map(c -> c.address().name()).sorted().toList();
  }

  /** Unpauses the DAGs this sync created; returns those it unpaused. Without VIGIL_AIRFLOW_URL it does nothing. */
  static List<String> unpauseCreated(SyncResult result, Map<String, String> env, PrintWriter err) {
    List<String> dags = created(result);
    if (dags.isEmpty()) {
      return List.of();
    }
    Optional<AirflowClient> configured;
    try {
      configured = AirflowClient.fromEnvironment(env);
    } catch (VigilException e) {
      warn(err, "Cannot unpause DAGs " + dags + ": " + e.getMessage());
      return List.of();
    }
    if (configured.isEmpty()) {
      return List.of();
    }
    AirflowClient airflow = configured.get();
    Instant deadline = Instant.now().plus(timeout(env, err));
    List<String> unpaused = new ArrayList<>();
    for (String dagId : dags) {
      try {
        awaitParsed(airflow, dagId, deadline);
        airflow.unpause(dagId);
        unpaused.add(dagId);
      } catch (VigilException e) {
        warn(err, e.getMessage() + "; it stays paused until you unpause it in Airflow");
      }
    }
    return unpaused;
  }

  /** The text lines that say which DAGs were unpaused. */
  static void report(List<String> unpaused, PrintWriter out) {
    unpaused.forEach(d -> out.println("Unpaused DAG " + d + " in Airflow."));
    out.flush();
  }

  private static void awaitParsed(AirflowClient airflow, String dagId, Instant deadline) {
    while (true) {
      try {
        airflow.dag(dagId);
        return;
      } catch (VigilException e) {
        if (e.code() != ErrorCode.NOT_FOUND) {
          throw new VigilException(e.code(), "Cannot unpause DAG " + dagId + ": " + e.getMessage(), e);
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw new VigilException(ErrorCode.STORE_FAILURE, "Cannot unpause DAG " + dagId + ": Airflow at "
            + airflow.baseUrl() + " has not parsed its file yet (waited until " + deadline + "; "
            + TIMEOUT_VARIABLE + " sets how long, in seconds)");
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VigilException(ErrorCode.STORE_FAILURE, "Cannot unpause DAG " + dagId + ": interrupted");
      }
    }
  }

  private static Duration timeout(Map<String, String> env, PrintWriter err) {
    String value = env.get(TIMEOUT_VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      warn(err, "Cannot read " + TIMEOUT_VARIABLE + " '" + value + "': write a number of seconds; waiting "
          + DEFAULT_TIMEOUT.toSeconds() + " s");
      return DEFAULT_TIMEOUT;
    }
  }

  private static void warn(PrintWriter err, String message) {
    err.println("Warning: " + message);
    err.flush();
  }
}
