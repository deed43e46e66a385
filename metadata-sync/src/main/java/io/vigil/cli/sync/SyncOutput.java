package io.vigil.cli.sync;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.vigil.api.VigilException;
import io.vigil.cli.common.ErrorHandlers;
import io.vigil.cli.common.ExitCodes;
import io.vigil.sync.SyncResult;
import io.vigil.sync.SyncStatus;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.plan.PlanJson;
import io.vigil.sync.plan.PlanText;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** How plan, apply and sync print their results, and the exit code each result gets. */
final class SyncOutput {
  private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private SyncOutput() {}

  /** Prints the result; returns the exit code (without --detailed-exitcode's 4). */
  static int print(SyncResult r, boolean json, PrintWriter out, PrintWriter err, Map<String, Object> extra) {
    if (json) {
      Map<String, Object> root = new LinkedHashMap<>();
      root.put("status", r.status().name().toLowerCase(java.util.Locale.ROOT));
      root.put("solution", r.solution());
      root.put("commit", r.commit());
      root.put("problems", r.report().problemTrees());
      root.put("plan", r.plan() == null ? null : PlanJson.tree(r.plan()));
      root.put("applied", r.applied() == null ? 0 : r.applied().applied());
      root.put("skipped", r.applied() == null ? List.of() : r.applied().skipped());
      root.put("unpaused_dags", r.activation().unpaused());
      root.putAll(extra);
      out.println(json(root));
    } else {
      if (!r.report().problems().isEmpty()) {
        out.print(r.report().renderText());
      }
      if (r.plan() != null && r.status() != SyncStatus.INVALID) {
        out.print(PlanText.render(r.plan()));
      }
      if (r.applied() != null) {
        out.printf("Apply complete: %d %s applied in %.1f s.%n", r.applied().applied(),
            r.applied().applied() == 1 ? "change" : "changes", r.applied().millis() / 1000.0);
        for (String s : r.applied().skipped()) {
          out.println("Kept " + s + ": a recorded job run still uses it.");
        }
      }
    }
    out.flush();
    for (String w : r.activation().warnings()) {
      err.println("Warning: " + w);
    }
    err.flush();
    switch (r.status()) {
      case INVALID -> {
        return fail(err, SyncErrors.solutionInvalid(r.solution(), r.commit(), r.report().errors().size()));
      }
      case BLOCKED -> {
        return fail(err, SyncErrors.changesBlocked(r.solution(), r.commit(), r.plan().blockedChanges().size()));
      }
      default -> {
        return ExitCodes.OK;
      }
    }
  }

  private static int fail(PrintWriter err, VigilException e) {
    err.println(ErrorHandlers.line(e));
    err.flush();
    return e.code().exitCode();
  }

  /** The lines that say which DAGs were unpaused; the warnings of activation go to standard error. */
  static void activation(SyncResult r, PrintWriter out) {
    r.activation().unpaused().forEach(d -> out.println("Unpaused DAG " + d + " in Airflow."));
    out.flush();
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
