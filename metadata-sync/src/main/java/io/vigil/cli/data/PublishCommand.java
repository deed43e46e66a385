package io.vigil.cli.data;

import io.vigil.cli.common.DataOptions;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.cli.common.ProgressOptions;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.dataset.PublishResult;
import io.vigil.runtime.layout.Environment;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil publish}: copies a dataset's view for an execution date to its CDD table. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publish a dataset to the Postgres CDD for an execution date.",
      "APPEND datasets replace that date's rows; OVERWRITE and UPDATE datasets the whole table. Reruns are safe.",
      "Without --env it publishes from the environment that the dataset's latest write for that date went to",
      "(PUBLIC or your PRIVATE sandbox), and says which; a publish of 0 rows says which environments have rows."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:published", "1:internal error", "2:invalid command line", "3:invalid solution, or the dataset is not published"})
public final class PublishCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Mixin ProgressOptions progress;

  @Mixin DataOptions data;

  @Parameters(index = "0", paramLabel = "<dataset>", description = "Dataset identifier.")
  String dataset;

  @Override
  public Integer call() {
    PublishResult result;
    Environment environment;
    String why;
    String whyEmpty = null;
    boolean explicit = spec.commandLine().getParseResult().hasMatchedOption("--env");
    try (ChosenEnvironment chosen = ChosenEnvironment.open(data, explicit, "cli:publish", progress.printer(spec.commandLine().getErr()),
        dataset)) {
      result = Datasets.publish(chosen.context(), dataset);
      environment = chosen.context().environment();
      why = chosen.why();
      if (result.rows() == 0) {
        whyEmpty = chosen.whyEmpty();
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (output.json()) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("dataset", result.dataset());
      json.put("environment", environment.toString());
      json.put("table", result.table());
      json.put("execution_date", result.executionDate().toString());
      json.put("published", result.rows());
      json.put("partitions", result.partitions());
      if (whyEmpty != null) {
        json.put("reason", whyEmpty);
      }
      out.println(Json.write(json));
    } else {
      out.println("Publishing " + result.dataset() + " from " + why + ".");
      out.printf("Published %d rows of %s to %s (execution date %s, %d partitions)%s.%n", result.rows(), result.dataset(),
          result.table(), result.executionDate(), result.partitions(), whyEmpty == null ? "" : ": " + whyEmpty);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
