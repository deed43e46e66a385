package io.vigil.cli.decisioning;

import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.decisioning.AlertCallbacks;
import io.vigil.runtime.decisioning.AlertCallbacks.FlowCallbacks;
import io.vigil.runtime.decisioning.AlertClosures.CallbackReport;
import io.vigil.runtime.progress.Progress;
import java.io.PrintWriter;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code vigil alerts callbacks}: calls back the closures that real-time flows' outboxes still hold. */
@Command(
    name = "callbacks",
    mixinStandardHelpOptions = true,
    description = {
      "Call back the closures that real-time flows' callback outboxes still hold.",
      "",
      "For each flow with a callback_target_identifier, every undelivered closure is posted, oldest first, with the"
          + " target's auth, TLS, timeout and retry policy; what was sent, what failed and what is left is printed. A"
          + " closure leaves the outbox on a 2xx only; a 401 or 403 stops that flow's drain at once."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the outboxes are empty, or hold only what a concurrent drain is sending",
        "1:internal error, or a callback failed after its retries (it stays in the outbox)", "2:invalid command line",
        "3:invalid solution"})
public final class AlertsCallbacksCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin WorkspaceOptions workspace;

  @Override
  public Integer call() {
    List<FlowCallbacks> drained;
    try (JobContext context = workspace.open("cli:alerts-callbacks", Progress.NONE, LocalDateTime.now(ZoneOffset.UTC))) {
      drained = AlertCallbacks.deliverAll(context);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      List<Map<String, Object>> flows = new ArrayList<>();
      for (FlowCallbacks f : drained) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("flow", f.flow());
        item.put("target", f.target());
        item.putAll(json(f.report()));
        flows.add(item);
      }
      out.println(Json.write(Map.of("flows", flows)));
    } else if (drained.isEmpty()) {
      out.println("No real-time flow with a callback target has a closures table; nothing to call back.");
    } else {
      drained.forEach(f -> out.println(line(f.flow(), f.target(), f.report())));
    }
    out.flush();
    return drained.stream().anyMatch(f -> f.report().failed() > 0) ? ExitCodes.INTERNAL : ExitCodes.OK;
  }

  static String line(String flow, String target, CallbackReport r) {
    return "Callbacks of flow " + flow + " to " + target + ": " + r.sent() + " sent, " + r.failed() + " failed, " + r.left()
        + " left in the outbox." + (r.firstError() == null ? "" : " First failure: " + r.firstError());
  }

  static Map<String, Object> json(CallbackReport r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sent", r.sent());
    json.put("failed", r.failed());
    json.put("left", r.left());
    json.put("first_error", r.firstError());
    return json;
  }
}
