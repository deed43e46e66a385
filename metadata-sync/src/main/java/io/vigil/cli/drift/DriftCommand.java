package io.vigil.cli.drift;

import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.DriftMode;
import io.vigil.api.flow.DriftSettings;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.ProgressOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.drift.Drift;
import io.vigil.runtime.drift.DriftReport;
import io.vigil.runtime.drift.DriftTestResult;
import io.vigil.runtime.drift.FeatureShift;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.job.JobRun;
import io.vigil.runtime.job.MlflowReporter;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil drift}: checks the execution date of a flow's algo steps against their models' reference sets. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = {
      "Check the drift of a flow's algo steps for an execution date (S1 §23):",
      "the date's input records, scored by each step's models, against the",
      "reference set saved with the detection model at training. Prints the",
      "guide's tests with their values, thresholds and results, and each",
      "feature's CSI. With MLFLOW_TRACKING_URI set, the metrics and charts also",
      "go to MLflow (experiment <solution>.drift, run <flow>.<step>). Thresholds",
      "and mode come from the flow's drift block (the guide's defaults",
      "otherwise); see docs/drift.md."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:checked (in log mode, also when a test failed)", "1:internal error", "2:invalid command line",
        "3:invalid solution, unknown flow or step, a model that is not registered, or one without a reference set",
        "6:drift detected in block mode"})
public final class DriftCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin ProgressOptions progress;

  @Mixin DataOptions data;

  @Parameters(index = "0", paramLabel = "<flow>", description = "Evaluation flow identifier.")
  String flow;

  @Option(names = "--step", paramLabel = "<step>", description = "The algo step to check (default: every algo step of the flow).")
  String step;

  @Option(names = "--mode", paramLabel = "log|block",
      description = "log: print and log the results; block: also exit 6 when a test fails (default: the flow's drift mode).")
  String mode;

  @Override
  public Integer call() {
    DriftMode override = mode == null ? null : parseMode(mode);
    List<DriftReport> reports = new ArrayList<>();
    try (JobContext context = data.open("cli:drift", progress.printer(spec.commandLine().getErr()))) {
      EvaluationFlow f = context.catalog().evaluationFlow(flow);
      DriftSettings settings = override == null ? f.driftSettings() : f.driftSettings().withMode(override);
      List<String> steps = step != null ? List.of(step)
          : f.evaluationSteps().stream().filter(s -> s instanceof AlgoEvaluationStep).map(EvaluationStep::identifier).toList();
      if (steps.isEmpty()) {
        throw RuntimeErrors.driftFlowWithoutAlgoStep(flow);
      }
      Instant started = Instant.now();
      for (String s : steps) {
        reports.add(Drift.measure(context, flow, s, settings));
      }
      // Printed first, so that a blocked check, or one MLflow cannot record, still shows its results.
      print(reports);
      report(context, steps, started);
    }
    reports.forEach(DriftReport::enforce);
    return ExitCodes.OK;
  }

  /** Logs the checks to MLflow as a run of their own, when a tracking server is configured. */
  private void report(JobContext context, List<String> steps, Instant started) {
    MlflowReporter mlflow = MlflowReporter.fromEnvironment(CliEnvironment.get());
    if (mlflow != null && !steps.isEmpty()) {
      JobRun run = new JobRun(UUID.randomUUID().toString(), "drift", context.executionDate(), started, Instant.now(), List.of(),
          context.metrics().snapshot(), context.metrics().attachments());
      mlflow.report(run, context.solution(), null, flow + "." + String.join("+", steps), context.bundleCommit());
    }
  }

  private void print(List<DriftReport> reports) {
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      List<Map<String, Object>> items = new ArrayList<>();
      for (DriftReport r : reports) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("flow", r.flow());
        item.put("step", r.step());
        item.put("execution_date", r.executionDate().toString());
        item.put("model", r.model());
        item.put("model_version", r.modelVersion());
        item.put("mode", r.mode().name().toLowerCase(Locale.ROOT));
        item.put("reference_rows", r.referenceRows());
        item.put("current_rows", r.currentRows());
        item.put("drifted", r.drifted());
        List<Map<String, Object>> tests = new ArrayList<>();
        for (DriftTestResult t : r.tests()) {
          Map<String, Object> test = new LinkedHashMap<>();
          test.put("test", t.name());
          test.put("value", t.value());
          test.put("threshold", t.threshold());
          test.put("result", t.result());
          tests.add(test);
        }
        item.put("tests", tests);
        Map<String, Object> csi = new LinkedHashMap<>();
        r.features().forEach(fs -> csi.put(fs.feature(), fs.csi()));
        item.put("feature_csi", csi);
        item.put("statistics", r.statistics());
        items.add(item);
      }
      out.println(Json.write(items));
    } else {
      for (DriftReport r : reports) {
        out.printf("Drift of flow %s step %s for %s against model %s version %d (%d reference, %d current records), %s mode:%n",
            r.flow(), r.step(), r.executionDate(), r.model(), r.modelVersion(), r.referenceRows(), r.currentRows(),
            r.mode().name().toLowerCase(Locale.ROOT));
        out.printf("  %-32s %12s %12s  %s%n", "TEST", "VALUE", "THRESHOLD", "RESULT");
        for (DriftTestResult t : r.tests()) {
          out.printf("  %-32s %12.4f %12.4f  %s%n", t.name(), t.value(), t.threshold(), t.result());
        }
        out.printf("  %-32s %12s%n", "FEATURE", "CSI");
        for (FeatureShift fs : r.features()) {
          out.printf("  %-32s %12.4f  %s%n", fs.feature(), fs.csi(), fs.passed() ? "PASS" : "FAIL");
        }
        out.println(r.drifted() ? "  Drift detected: " + String.join(", ", r.failed()) + "." : "  No drift: every test passed.");
      }
    }
    out.flush();
  }

  private DriftMode parseMode(String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "log" -> DriftMode.LOG;
      case "block" -> DriftMode.BLOCK;
      default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "Invalid value for option '--mode': '" + value + "' (expected log or block)");
    };
  }
}
