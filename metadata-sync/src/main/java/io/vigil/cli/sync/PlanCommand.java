package io.vigil.cli.sync;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.SolutionSync;
import io.vigil.sync.SyncResult;
import io.vigil.sync.SyncStatus;
import io.vigil.sync.git.LocalCommit;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil plan}: what a sync of a local solution directory would change. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    description = {
      "Show what applying a local solution directory would change, without changing anything.",
      "The commit is the directory's git HEAD when its work tree is clean, else a hash of its content.",
      "Risk SQL is compiled and EXPLAINed in Postgres inside a rolled-back transaction."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:no changes, or changes without --detailed-exitcode", "1:internal error", "2:invalid command line",
        "3:the solution has errors, or the plan is blocked", "4:the plan has changes (with --detailed-exitcode)"})
public final class PlanCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
  Path solution;

  @Option(names = "--detailed-exitcode", description = "Exit 4 when the plan has changes.")
  boolean detailedExitCode;

  @Mixin SyncFlags flags;

  @Override
  public Integer call() {
    Map<String, String> env = CliEnvironment.get();
    try (Stores stores = Stores.open(StoreSettings.fromEnvironment(env))) {
      SyncResult r = SolutionSync.of(stores, flags.options(env), ModelRegistries.fromEnvironment(env, stores.settings().home())).plan(solution, LocalCommit.of(solution));
      int code = SyncOutput.print(r, output.json(), spec.commandLine().getOut(), spec.commandLine().getErr(), Map.of());
      if (code == ExitCodes.OK && detailedExitCode && r.status() == SyncStatus.PLANNED && !r.plan().isEmpty()) {
        return ExitCodes.CHANGES;
      }
      return code;
    }
  }
}
