package io.vigil.cli.decisioning;

import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.decisioning.Alerts;
import io.vigil.runtime.decisioning.StoredAlert;
import io.vigil.runtime.progress.Progress;
import io.vigil.runtime.report.CsvTable;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code vigil alerts}: lists the alerts of a flow; {@code alerts close} and {@code alerts callbacks}
 * close alerts and call back real-time flows' targets.
 */
@Command(
    name = "alerts",
    mixinStandardHelpOptions = true,
    customSynopsis = {
      "vigil alerts [-hV] [--verbose] [--env=public|private]",
      "                    --execution-date=<date> [--from-job-ts=<date>]",
      "                    [--output=<format>] [--risk=<risk>] [--solution=<dir>]",
      "                    [--to-job-ts=<date>] <flow>",
      "   or: vigil alerts close <alert-id> --resolution=<resolution> [options]",
      "   or: vigil alerts callbacks [options]"
    },
    description = {
      "List the alerts of an evaluation flow for the execution date (or a range), suppressed ones included.",
      "",
      "'vigil alerts close' closes an alert; 'vigil alerts callbacks' calls back the closures that real-time flows'"
          + " outboxes still hold."
    },
    subcommands = {AlertsCloseCommand.class, AlertsCallbacksCommand.class},
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:listed", "1:internal error", "2:invalid command line", "3:invalid solution or unknown flow"})
public final class AlertsCommand implements Callable<Integer> {
  /** The formats of this command; csv is one only a listing has. */
  public enum Format {
    text,
    csv,
    json
  }

  private static final List<String> HEADER = List.of("alert_id", "tr_id", "execution_date", "risk", "entity", "display_name",
      "description", "category", "severity", "suppressed", "suppressed_by", "pattern", "distributed_on", "target");

  @Spec CommandSpec spec;

  @Mixin WorkspaceOptions workspace;

  // Required, but checked in call(): picocli would demand it of 'alerts close' and 'alerts callbacks' too.
  @Option(names = "--execution-date", paramLabel = "<date>",
      description = "Execution date, ISO-8601: 1995-02-01 or 1995-02-01T00:00:00.")
  String executionDate;

  @Mixin JobTsRange range;

  // Required too, checked in call() for the same reason.
  @Parameters(index = "0", arity = "0..1", paramLabel = "<flow>", hideParamSyntax = true, description = "Evaluation flow identifier.")
  String flow;

  @Option(names = "--risk", paramLabel = "<risk>", description = "Only the alerts of this risk.")
  String risk;

  @Option(names = "--output", defaultValue = "text", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  Format format;

  @Option(names = "--verbose", description = "Print stack traces of failures.")
  boolean verbose;

  @Override
  public Integer call() {
    if (executionDate == null || flow == null) {
      throw new ParameterException(spec.commandLine(), "Missing required " + (executionDate == null && flow == null
          ? "options and parameters: '--execution-date=<date>', '<flow>'" : executionDate == null
          ? "option: '--execution-date=<date>'" : "parameter: '<flow>'"));
    }
    List<StoredAlert> alerts;
    try (JobContext context = workspace.open("cli:alerts", Progress.NONE, Vigil.parseDate(executionDate))) {
      alerts = Alerts.list(context, flow, range.from(), range.to(), risk);
    }
    PrintWriter out = spec.commandLine().getOut();
    switch (format) {
      case json -> {
        List<Map<String, Object>> items = new ArrayList<>();
        for (StoredAlert a : alerts) {
          Map<String, Object> item = new LinkedHashMap<>();
          List<Object> values = values(a);
          for (int i = 0; i < HEADER.size(); i++) {
            item.put(HEADER.get(i), i == 4 ? a.entity() : values.get(i));
          }
          items.add(item);
        }
        out.println(Json.write(Map.of("alerts", items)));
      }
      case csv -> out.print(CsvTable.text(HEADER, alerts.stream().map(AlertsCommand::values).toList()));
      case text -> {
        if (alerts.isEmpty()) {
          out.println("No alerts of flow " + flow + (risk == null ? "" : " for risk " + risk) + ".");
        }
        for (StoredAlert a : alerts) {
          String state = a.suppressed() ? "suppressed by " + a.suppressedBy()
              : a.distributedOn() != null ? "sent to " + a.target() : "waiting";
          out.printf("%s  %s  %-24s %-30s severity %-3s %s  [%s]%n", a.executionDate().toLocalDate(), shortId(a.alertId()),
              a.risk(), entity(a), a.severity() == null ? "-" : a.severity(), a.displayName(), state);
        }
      }
      default -> throw new IllegalStateException(format.name());
    }
    out.flush();
    return ExitCodes.OK;
  }

  private static List<Object> values(StoredAlert a) {
    List<Object> v = new ArrayList<>();
    v.add(a.alertId());
    v.add(a.trId());
    v.add(a.executionDate().toString());
    v.add(a.risk());
    v.add(entity(a));
    v.add(a.displayName());
    v.add(a.description());
    v.add(a.category());
    v.add(a.severity());
    v.add(a.suppressed());
    v.add(a.suppressedBy());
    v.add(a.pattern());
    v.add(a.distributedOn() == null ? null : a.distributedOn().toString());
    v.add(a.target());
    return v;
  }

  private static String entity(StoredAlert a) {
    List<String> parts = new ArrayList<>();
    a.entity().forEach((k, v) -> parts.add(k + "=" + v));
    return String.join(" ", parts);
  }

  private static String shortId(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }
}
