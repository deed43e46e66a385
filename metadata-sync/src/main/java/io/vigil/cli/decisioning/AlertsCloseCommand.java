package io.vigil.cli.decisioning;

import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.decisioning.AlertCallbacks;
import io.vigil.runtime.decisioning.AlertCallbacks.Closure;
import io.vigil.runtime.progress.Progress;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil alerts close}: records an alert's closure and calls back its real-time flow's target. */
@Command(
    name = "close",
    mixinStandardHelpOptions = true,
    description = {
      "Close an alert with a resolution, and call back its real-time flow's target.",
      "",
      "The closure (resolution, note, when, and by VIGIL_USER) is recorded in Postgres. When the alert's flow is a"
          + " real-time flow with a callback_target_identifier, the closure also enters the flow's callback outbox in the"
          + " same transaction, and the target is called at once with its auth, TLS, timeout and retry policy, together"
          + " with any closure of the flow still undelivered. Closing again with the same resolution changes nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:closed, or already closed the same way (an undelivered callback stays in the outbox)",
        "1:internal error", "2:invalid command line",
        "3:invalid solution, unknown alert or flow, blank resolution, an alert id two flows share, or writing public without manager",
        "5:the alert is already closed with another resolution"})
public final class AlertsCloseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin WorkspaceOptions workspace;

  @Parameters(index = "0", paramLabel = "<alert-id>", description = "The alert's id, as vigil alerts lists it.")
  String alertId;

  @Option(names = "--resolution", required = true, paramLabel = "<resolution>",
      description = "How the alert was resolved, e.g. false_positive, true_positive, escalated.")
  String resolution;

  @Option(names = "--note", paramLabel = "<text>", description = "A note kept with the closure and sent with its callback.")
  String note;

  @Option(names = "--flow", paramLabel = "<flow>", description = "The alert's flow (default: found among all flows).")
  String flow;

  @Override
  public Integer call() {
    Closure closure;
    // A closure does not depend on an execution date; the context gets today's.
    try (JobContext context = workspace.open("cli:alerts-close", Progress.NONE, LocalDateTime.now(ZoneOffset.UTC))) {
      closure = AlertCallbacks.close(context, alertId, flow, resolution, note);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("alert_id", closure.alertId());
      json.put("flow", closure.flow());
      json.put("resolution", resolution.strip());
      json.put("recorded", closure.recorded());
      json.put("callback_target", closure.target());
      json.put("callbacks", AlertsCallbacksCommand.json(closure.callbacks()));
      out.println(Json.write(json));
    } else {
      out.println(closure.recorded()
          ? "Closed alert " + closure.alertId() + " of flow " + closure.flow() + " as " + resolution.strip() + "."
          : "Alert " + closure.alertId() + " of flow " + closure.flow() + " was already closed as " + resolution.strip()
              + "; nothing changed.");
      if (closure.target() != null) {
        out.println(AlertsCallbacksCommand.line(closure.flow(), closure.target(), closure.callbacks()));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
