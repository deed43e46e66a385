package io.vigil.cli.analytics;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.desc;

import io.vigil.api.flow.AlgoEvaluationStep;
import io.vigil.api.flow.EvaluationFlow;
import io.vigil.api.flow.EvaluationStep;
import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.ProgressOptions;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.dataset.PublishResult;
import io.vigil.runtime.evaluation.EvaluatedWrite;
import io.vigil.runtime.evaluation.Evaluations;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil evaluate}: scores the execution date's records of a flow, writes and publishes them. */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    description = {
      "Evaluate the execution date's rows of an evaluation flow's input dataset with the models its steps reference,",
      "write them as the flow's evaluated activities and publish them to the CDD. Reruns replace that date's rows."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:evaluated", "1:internal error", "2:invalid command line", "3:invalid solution, unknown flow, or a model that is not registered"})
public final class EvaluateCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin ProgressOptions progress;

  @Mixin DataOptions data;

  @Parameters(index = "0", paramLabel = "<flow>", description = "Evaluation flow identifier.")
  String flow;

  @Option(names = "--top", defaultValue = "5", paramLabel = "<n>", description = "How many top anomalies to show (default: 5).")
  int top;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    Map<String, Object> json = new LinkedHashMap<>();
    List<String> lines = new ArrayList<>();
    try (JobContext context = data.open("cli:evaluate", progress.printer(spec.commandLine().getErr()))) {
      EvaluationFlow f = context.catalog().evaluationFlow(flow);
      Dataset<Row> input = Datasets.read(context, f.inputDataset());
      EvaluatedWrite written = Evaluations.write(context, Evaluations.evaluate(context, flow, input), flow);
      PublishResult published = Evaluations.publish(context, flow);
      Dataset<Row> evaluated = Evaluations.load(context, flow).cache();
      long anomalies = Evaluations.anomalies(context, flow, evaluated);
      double seconds = (System.nanoTime() - start) / 1e9;
      json.put("flow", flow);
      json.put("execution_date", written.executionDate().toString());
      json.put("environment", written.environment().toString());
      json.put("evaluated", written.rows());
      json.put("anomalies", anomalies);
      json.put("published", published.rows());
      json.put("table", published.table());
      json.put("seconds", seconds);
      lines.add(String.format("Evaluated %d rows of flow %s for %s in %.1f s: %d anomalies; published to %s.", written.rows(), flow,
          written.executionDate(), seconds, anomalies, published.table()));
      List<Map<String, Object>> topRows = new ArrayList<>();
      for (EvaluationStep step : f.evaluationSteps()) {
        if (step instanceof AlgoEvaluationStep a) {
          List<String> entity = f.identifiers() == null ? List.of("tr_id") : f.identifiers().groupingIdentifier();
          for (Row r : evaluated.where(col(a.identifier() + "_pattern").isNotNull()).orderBy(desc(a.identifier() + "_score"))
              .limit(top).collectAsList()) {
            Map<String, Object> item = new LinkedHashMap<>();
            item.put("step", a.identifier());
            entity.forEach(e -> item.put(e, String.valueOf(r.<Object>getAs(e))));
            item.put("score", r.getAs(a.identifier() + "_score"));
            item.put("pattern", r.getAs(a.identifier() + "_pattern"));
            topRows.add(item);
            lines.add(String.format("  %s %s  score %.4f  pattern %s", a.identifier(),
                String.join("/", entity.stream().map(e -> String.valueOf(r.<Object>getAs(e))).toList()),
                r.<Double>getAs(a.identifier() + "_score"), r.<String>getAs(a.identifier() + "_pattern")));
          }
        }
      }
      json.put("top", topRows);
      evaluated.unpersist();
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      out.println(Json.write(json));
    } else {
      lines.forEach(out::println);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
