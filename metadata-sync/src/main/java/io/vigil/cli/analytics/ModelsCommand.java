package io.vigil.cli.analytics;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Json;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.model.ModelRegistry;
import io.vigil.runtime.model.ModelVersion;
import io.vigil.runtime.store.StoreSettings;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil models}: the model registry. */
@Command(
    name = "models",
    mixinStandardHelpOptions = true,
    description = "The registered models: MLflow's registry when MLFLOW_TRACKING_URI is set, else the local one under VIGIL_HOME.",
    subcommands = {ModelsCommand.List.class, CommandLine.HelpCommand.class})
public final class ModelsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List the registered models with their versions and tags, oldest version first.",
      exitCodeListHeading = "%nExit codes:%n",
      exitCodeList = {"0:listed", "1:internal error or the registry is unreachable", "2:invalid command line"})
  public static final class List implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin OutputOptions output;

    @Option(names = "--name", paramLabel = "<model>", description = "Only this model.")
    String name;

    @Override
    public Integer call() {
      Map<String, String> env = CliEnvironment.get();
      ModelRegistry registry = ModelRegistries.fromEnvironment(env, StoreSettings.fromEnvironment(env).home());
      java.util.List<String> names = name == null ? registry.names() : java.util.List.of(name);
      PrintWriter out = spec.commandLine().getOut();
      java.util.List<Map<String, Object>> json = new ArrayList<>();
      for (String n : names) {
        for (ModelVersion v : registry.versions(n)) {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("name", v.name());
          item.put("version", v.version());
          item.put("tags", new TreeMap<>(v.tags()));
          item.put("run_id", v.runId());
          item.put("created_at", v.createdAt() == null ? null : v.createdAt().toString());
          json.add(item);
          if (!output.json()) {
            out.printf("%s  version %d  %s  run %s%n", v.name(), v.version(), tags(v.tags()), v.runId());
          }
        }
      }
      if (output.json()) {
        out.println(Json.write(Map.of("models", json)));
      } else if (json.isEmpty()) {
        out.println(name == null ? "No models are registered." : "No versions of model " + name + " are registered.");
      }
      out.flush();
      return ExitCodes.OK;
    }

    private static String tags(Map<String, String> tags) {
      java.util.List<String> parts = new ArrayList<>();
      new TreeMap<>(tags).forEach((k, v) -> parts.add(k + "=" + v));
      return String.join(" ", parts);
    }
  }
}
