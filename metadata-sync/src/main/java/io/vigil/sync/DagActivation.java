package io.vigil.sync;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import io.vigil.orchestration.airflow.AirflowClient;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.resource.Action;
import io.vigil.sync.resource.ResourceKind;
import io.vigil.sync.resource.StoreKind;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The last step of a sync: once the commit that rendered new DAG files is applied (and, under git,
 * promoted), unpause those DAGs in the Airflow that {@code VIGIL_AIRFLOW_URL} names, as soon as its
 * DAG processor has parsed them. Airflow creates DAGs paused; a DAG that a team pushed is meant to
 * run. A DAG that existed before keeps whatever pause state an operator gave it. Airflow being slow
 * or down never fails the sync, which is already applied: the DAG is then left paused, and the
 * outcome carries a warning that says how to unpause it.
 */
public final class DagActivation {
  /** How long to wait for Airflow to parse a new DAG file, in seconds. */
  public static final String TIMEOUT_VARIABLE = "VIGIL_AIRFLOW_PARSE_TIMEOUT";
  private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
  private static final Duration POLL = Duration.ofSeconds(2);

  /**
   * Where and how to activate: no Airflow means nothing is unpaused.
   *
   * @param airflow the Airflow to unpause DAGs in, or null
   * @param parseTimeout how long to wait for Airflow to parse a new file
   * @param warnings problems with the configuration, reported with the outcome
   */
  public record Settings(AirflowClient airflow, Duration parseTimeout, List<String> warnings) {
    public static final Settings NONE = new Settings(null, DEFAULT_TIMEOUT, List.of());

    public Settings {
      warnings = List.copyOf(warnings);
    }

    /** From {@code VIGIL_AIRFLOW_URL} and its credentials, and {@code VIGIL_AIRFLOW_PARSE_TIMEOUT}. */
    public static Settings fromEnvironment(Map<String, String> env) {
      List<String> warnings = new ArrayList<>();
      Duration timeout = timeout(env, warnings);
      AirflowClient airflow = null;
      try {
        Optional<AirflowClient> configured = AirflowClient.fromEnvironment(env);
        airflow = configured.orElse(null);
      } catch (VigilException e) {
        warnings.add("Cannot unpause the DAGs this sync creates: " + e.getMessage());
      }
      return new Settings(airflow, timeout, warnings);
    }
  }

  /**
   * What activation did.
   *
   * @param unpaused the DAGs it unpaused, sorted
   * @param warnings why DAGs stayed paused, one line each
   */
  public record Outcome(List<String> unpaused, List<String> warnings) {
    public static final Outcome NONE = new Outcome(List.of(), List.of());

    public Outcome {
      unpaused = List.copyOf(unpaused);
      warnings = List.copyOf(warnings);
    }
  }

  private DagActivation() {}

  /** The DAGs whose files the sync of {@code result} created. */
  static List<String> created(SyncResult result) {
    if (result.status() != SyncStatus.APPLIED || result.plan() == null) {
      return List.of();
    }
    return result.plan().changesOf(StoreKind.AIRFLOW).stream()
        .filter(c -> c.action() == Action.CREATE && c.address().kind() == ResourceKind.DAG_FILE)
        .map(c -> c.address().name()).sorted().toList();
  }

  /** Unpauses the DAGs the sync of {@code result} created. */
  static Outcome activate(SyncResult result, Settings settings) {
    List<String> dags = created(result);
    if (dags.isEmpty()) {
      return Outcome.NONE;
    }
    List<String> warnings = new ArrayList<>(settings.warnings());
    if (settings.airflow() == null) {
      return new Outcome(List.of(), warnings);
    }
    AirflowClient airflow = settings.airflow();
    Instant deadline = Instant.now().plus(settings.parseTimeout());
    List<String> unpaused = new ArrayList<>();
    for (String dagId : dags) {
      try {
        awaitParsed(airflow, dagId, deadline);
        airflow.unpause(dagId);
        unpaused.add(dagId);
      } catch (VigilException e) {
        warnings.add(e.idAndMessage() + "; it stays paused until you unpause it in Airflow");
      }
    }
    return new Outcome(unpaused, warnings);
  }

  private static void awaitParsed(AirflowClient airflow, String dagId, Instant deadline) {
    while (true) {
      try {
        airflow.dag(dagId);
        return;
      } catch (VigilException e) {
        if (e.code() != ErrorCode.NOT_FOUND) {
          throw SyncErrors.dagUnpauseFailed(dagId, e);
        }
      }
      if (Instant.now().isAfter(deadline)) {
        throw SyncErrors.dagNotParsed(dagId, String.valueOf(airflow.baseUrl()), deadline, TIMEOUT_VARIABLE);
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw SyncErrors.dagActivationInterrupted(dagId, e);
      }
    }
  }

  private static Duration timeout(Map<String, String> env, List<String> warnings) {
    String value = env.get(TIMEOUT_VARIABLE);
    if (value == null || value.isBlank()) {
      return DEFAULT_TIMEOUT;
    }
    try {
      return Duration.ofSeconds(Long.parseLong(value.strip()));
    } catch (NumberFormatException e) {
      warnings.add("Cannot read " + TIMEOUT_VARIABLE + " '" + value + "': write a number of seconds; waiting "
          + DEFAULT_TIMEOUT.toSeconds() + " s");
      return DEFAULT_TIMEOUT;
    }
  }
}
