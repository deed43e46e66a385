package io.vigil.cli.decisioning;

import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.ProgressOptions;
import io.vigil.cli.common.WorkspaceOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.decisioning.Backtest;
import io.vigil.runtime.decisioning.BacktestResult;
import io.vigil.runtime.report.CsvTable;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil backtest}: replays draft risks over history beside their applied versions. */
@Command(
    name = "backtest",
    mixinStandardHelpOptions = true,
    description = {
      "Replay the draft risks (active: false) of an evaluation flow, or one risk, over the published evaluated activities",
      "of a range of execution dates, beside the versions sync applied. Print per risk and period the alerts of both, and",
      "the entities that would be newly alerted or no longer alerted; write the same as two CSV files. Nothing is stored:",
      "the real results, alerts and distribution stay as they are."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:compared", "1:internal error", "2:invalid command line",
        "3:invalid solution, unknown flow, no draft to try, or a risk whose SQL fails"})
public final class BacktestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin ProgressOptions progress;

  @Mixin WorkspaceOptions workspace;

  @Parameters(index = "0", paramLabel = "<flow>", description = "Evaluation flow identifier.")
  String flow;

  @Option(names = "--from", required = true, paramLabel = "<date>", description = "First execution date to replay.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "<date>", description = "Last execution date to replay.")
  String to;

  @Option(names = "--risk", paramLabel = "<risk>", description = "Only this risk, draft or not (default: every draft of the flow).")
  String risk;

  @Option(names = "--csv-dir", defaultValue = ".", paramLabel = "<dir>",
      description = "Where to write backtest-<flow>-periods.csv and backtest-<flow>-changes.csv (default: current directory).")
  Path csvDir;

  @Override
  public Integer call() throws Exception {
    LocalDateTime start = Vigil.parseDate(from);
    LocalDateTime end = Vigil.parseDate(to);
    BacktestResult result;
    try (JobContext context = workspace.open("cli:backtest", progress.printer(spec.commandLine().getErr()), end)) {
      result = Backtest.run(context, flow, start, end, risk);
    }
    List<List<Object>> periods = new ArrayList<>();
    for (BacktestResult.Period p : result.periods()) {
      periods.add(List.of(p.risk(), p.executionDate().toString(), p.draft(), p.active(), p.hasActiveVersion()));
    }
    List<List<Object>> changes = new ArrayList<>();
    for (BacktestResult.Change c : result.changes()) {
      changes.add(List.of(c.risk(), c.executionDate().toString(), Json.compact(c.entity()), c.newlyAlerted() ? "newly" : "no longer"));
    }
    Files.createDirectories(csvDir);
    Path periodsCsv = csvDir.resolve("backtest-" + flow + "-periods.csv");
    Path changesCsv = csvDir.resolve("backtest-" + flow + "-changes.csv");
    CsvTable.write(periodsCsv, List.of("risk", "execution_date", "draft_alerts", "active_alerts", "has_active_version"), periods);
    CsvTable.write(changesCsv, List.of("risk", "execution_date", "entity", "alerted"), changes);
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("flow", flow);
      json.put("from", start.toString());
      json.put("to", end.toString());
      json.put("periods", result.periods().stream().map(p -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("risk", p.risk());
        m.put("execution_date", p.executionDate().toString());
        m.put("draft_alerts", p.draft());
        m.put("active_alerts", p.hasActiveVersion() ? p.active() : null);
        return m;
      }).toList());
      json.put("changes", result.changes().stream().map(c -> {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("risk", c.risk());
        m.put("execution_date", c.executionDate().toString());
        m.put("entity", c.entity());
        m.put("newly_alerted", c.newlyAlerted());
        return m;
      }).toList());
      json.put("periods_csv", periodsCsv.toString());
      json.put("changes_csv", changesCsv.toString());
      out.println(Json.write(json));
    } else {
      out.printf("Backtest of flow %s from %s to %s:%n", flow, start.toLocalDate(), end.toLocalDate());
      int width = Math.max(4, result.periods().stream().mapToInt(p -> p.risk().length()).max().orElse(4));
      out.printf("  %-" + width + "s  %-10s  %6s  %6s%n", "risk", "date", "draft", "active");
      for (BacktestResult.Period p : result.periods()) {
        out.printf("  %-" + width + "s  %-10s  %6d  %6s%n", p.risk(), p.executionDate().toLocalDate(), p.draft(),
            p.hasActiveVersion() ? String.valueOf(p.active()) : "new");
      }
      long newly = result.changes().stream().filter(BacktestResult.Change::newlyAlerted).count();
      out.printf("%d entity-periods newly alerted, %d no longer alerted.%n", newly, result.changes().size() - newly);
      for (BacktestResult.Change c : result.changes().stream().limit(20).toList()) {
        out.printf("  %s %s %s %s%n", c.newlyAlerted() ? "+" : "-", c.risk(), c.executionDate().toLocalDate(), Json.compact(c.entity()));
      }
      if (result.changes().size() > 20) {
        out.printf("  … %d more in %s%n", result.changes().size() - 20, changesCsv);
      }
      out.println("Wrote " + periodsCsv + " and " + changesCsv + ".");
    }
    out.flush();
    return ExitCodes.OK;
  }
}
