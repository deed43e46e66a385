package io.vigil.cli.sync;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.transfer.SolutionExporter;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil export}: a solution commit of this environment as one zip, for {@code vigil import} elsewhere. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write a solution of this environment to a zip: the bundle of its promoted commit (or of --commit) as sync stored it,",
      "and the model versions its flows reference, in the models/ folder format, with a manifest of checksums.",
      "The same state always gives the same bytes. Import it into another environment with 'vigil import'."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:written", "1:internal error, or the file cannot be written", "2:invalid command line",
        "3:nothing promoted and no --commit, or the commit's bundle is not stored", "5:the flows reference two versions of one model, or a version has an artifact named model.json"})
public final class ExportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--solution", required = true, paramLabel = "<name>", description = "Solution name.")
  String solution;

  @Option(names = "--commit", paramLabel = "<commit>", description = "Commit to export (default: the promoted commit).")
  String commit;

  @Option(names = "--out", required = true, paramLabel = "<file.zip>", description = "The zip to write (replaced when it exists).")
  Path out;

  @Override
  public Integer call() {
    Map<String, String> env = CliEnvironment.get();
    try (Stores stores = Stores.open(StoreSettings.fromEnvironment(env))) {
      SolutionExporter.Summary s = SolutionExporter.of(stores, ModelRegistries.fromEnvironment(env, stores.settings().home()))
          .export(solution, commit, out);
      PrintWriter w = spec.commandLine().getOut();
      if (output.json()) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("file", s.file().toString());
        root.put("solution", s.solution());
        root.put("commit", s.commit());
        List<Map<String, Object>> models = s.models().stream().map(m -> {
          Map<String, Object> item = new LinkedHashMap<>();
          item.put("name", m.name());
          item.put("version", m.version());
          item.put("tags", m.tags());
          return item;
        }).toList();
        root.put("models", models);
        root.put("unresolved_models", s.unresolved());
        w.println(SyncOutput.json(root));
      } else {
        w.println("Exported " + s.solution() + " at " + s.commit() + " to " + s.file() + ".");
        s.models().forEach(m -> w.println("  model " + m.name() + " version " + m.version() + " " + m.tags()));
        s.unresolved().forEach(u -> w.println("  not exported: no version of model " + u + " is registered here"));
      }
      w.flush();
      return ExitCodes.OK;
    }
  }
}
