package io.vigil.cli.sync;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.SolutionSync;
import io.vigil.sync.SyncStatus;
import io.vigil.sync.transfer.ExportArchive;
import io.vigil.sync.transfer.SolutionImport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil import}: plans and applies an export in this environment, as sync applies a commit. */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Plan and apply a zip written by 'vigil export' in this environment, through the same planner, gates and applier",
      "as sync: the plan prints as sync prints it, breaking changes and deletes need their flags, the run is recorded in",
      "the history, the bundle is stored and the commit promoted (so 'vigil run --bundle promoted' runs it), and the",
      "models are imported by checksum. Importing the same zip again changes nothing. The zip is checked first:",
      "unsafe entry names, a size above the limits, a newer format or a checksum mismatch refuse it."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:applied, or no changes", "1:internal error", "2:invalid command line",
        "3:not a valid export, the solution has errors, or the plan is blocked",
        "4:the plan has changes (with --dry-run --detailed-exitcode)", "5:another sync holds the lock (with --no-wait)"})
public final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Parameters(index = "0", paramLabel = "<file.zip>", description = "The export to import.")
  Path file;

  @Option(names = "--dry-run", description = "Only show the plan; change nothing.")
  boolean dryRun;

  @Option(names = "--detailed-exitcode", description = "With --dry-run: exit 4 when the plan has changes.")
  boolean detailedExitCode;

  @Mixin SyncFlags flags;

  @Override
  public Integer call() {
    if (detailedExitCode && !dryRun) {
      throw new ParameterException(spec.commandLine(), "--detailed-exitcode needs --dry-run: an import that applies exits 0 once applied");
    }
    Map<String, String> env = CliEnvironment.get();
    try (Stores stores = Stores.open(StoreSettings.fromEnvironment(env));
        SolutionImport imported = SolutionImport.open(file, ExportArchive.Limits.DEFAULT)) {
      SolutionSync sync = SolutionSync.of(stores, flags.options(env), ModelRegistries.fromEnvironment(env, stores.settings().home()))
          .withListener(flags.listener()).withProgress(flags.progress(spec.commandLine().getErr()));
      SolutionImport.Result r = dryRun ? imported.plan(sync) : imported.apply(sync);
      PrintWriter out = spec.commandLine().getOut();
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("promoted", r.promoted());
      if (r.modelReport() != null) {
        extra.put("model_update_report", r.modelReport().path());
      }
      int code = SyncOutput.print(r.sync(), output.json(), out, spec.commandLine().getErr(), extra);
      if (!output.json()) {
        if (r.promoted()) {
          out.println("Promoted " + imported.commit() + " of " + imported.solution() + " in this environment.");
        }
        if (r.modelReport() != null) {
          out.println("Model update report: " + r.modelReport().path());
        }
        SyncOutput.activation(r.sync(), out);
      }
      if (code == ExitCodes.OK && dryRun && detailedExitCode && r.sync().status() == SyncStatus.PLANNED && !r.sync().plan().isEmpty()) {
        return ExitCodes.CHANGES;
      }
      return code;
    }
  }
}
