package io.vigil.cli.analytics;

import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.ProgressOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.evaluation.FlowTraining;
import io.vigil.runtime.evaluation.TrainingOptions;
import io.vigil.runtime.evaluation.TrainingResult;
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
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil train}: the built-in training recipe of an evaluation flow. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = {
      "Train the models of an evaluation flow's steps on its input dataset, and register them under the names and tags",
      "of the steps' model references (MLflow when MLFLOW_TRACKING_URI is set, else the local registry).",
      "Numeric fields are imputed with their median; string and boolean fields with at most 50 distinct values go through",
      "the categorical transformer; keys, the occurred-on field and technical columns are left out."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:trained", "1:internal error", "2:invalid command line",
        "3:invalid solution, unknown flow or step, no training rows, or missing labels"})
public final class TrainCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin ProgressOptions progress;

  @Mixin DataOptions data;

  @Parameters(index = "0", paramLabel = "<flow>", description = "Evaluation flow identifier.")
  String flow;

  @Option(names = "--from-job-ts", paramLabel = "<date>", description = "First execution date of the training data (default: --execution-date).")
  String from;

  @Option(names = "--to-job-ts", paramLabel = "<date>", description = "Last execution date of the training data (default: --execution-date).")
  String to;

  @Option(names = "--step", paramLabel = "<step>", description = "Train this step only (default: every step).")
  String step;

  @Option(names = "--features", split = ",", paramLabel = "<f1,f2,…>", description = "Use these fields as features instead of the recipe's choice.")
  List<String> features = new ArrayList<>();

  @Option(names = "--labels", paramLabel = "<column>",
      description = "Labels column: classes 1..N for a classifier step; 1 anomaly, 0 unknown, -1 normal for an algo step.")
  String labels;

  @Override
  public Integer call() {
    List<TrainingResult> results;
    try (JobContext context = data.open("cli:train", progress.printer(spec.commandLine().getErr()))) {
      TrainingOptions options = new TrainingOptions(step, from == null ? null : Vigil.parseDate(from),
          to == null ? null : Vigil.parseDate(to), features, labels);
      results = FlowTraining.train(context, flow, options);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      List<Map<String, Object>> steps = new ArrayList<>();
      for (TrainingResult r : results) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("flow", r.flow());
        item.put("step", r.step());
        item.put("features", r.features());
        item.put("rows", r.rows());
        item.put("features_model", Map.of("name", r.featuresVersion().name(), "version", r.featuresVersion().version()));
        item.put("model", Map.of("name", r.modelVersion().name(), "version", r.modelVersion().version()));
        item.put("seconds", r.millis() / 1000.0);
        item.put("run_id", r.runId());
        steps.add(item);
      }
      out.println(Json.write(Map.of("trained", steps)));
    } else {
      for (TrainingResult r : results) {
        out.printf("Trained flow %s step %s on %d rows in %.1f s.%n", r.flow(), r.step(), r.rows(), r.millis() / 1000.0);
        out.printf("  features: %s%n", String.join(", ", r.features()));
        out.printf("  %s version %d, %s version %d, run %s%n", r.featuresVersion().name(), r.featuresVersion().version(),
            r.modelVersion().name(), r.modelVersion().version(), r.runId());
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
