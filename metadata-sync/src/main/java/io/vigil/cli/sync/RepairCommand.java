package io.vigil.cli.sync;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.SolutionSync;
import io.vigil.sync.SyncOptions;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.registry.Registry;
import io.vigil.sync.repair.Repair;
import io.vigil.sync.repair.RepairResult;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil repair}: reconciles the registry with the real stores. */
@Command(
    name = "repair",
    mixinStandardHelpOptions = true,
    description = {
      "Reconcile the registry of a solution with its real stores, after a manual fix or a failed sync.",
      "Reads every recorded resource: one that no longer exists is forgotten (the next plan creates it again);",
      "a Postgres or Delta table whose real columns, key, indexes, grants or partitioning differ is recorded as it",
      "really is (the next plan shows and applies the difference). Failed history rows are marked repaired.",
      "Repair changes no store; run 'vigil plan' or 'vigil apply' next."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:repaired", "1:internal error", "2:invalid command line", "3:no solution named", "5:another sync holds the lock"})
public final class RepairCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--name", paramLabel = "<solution>", description = "Solution name (default: the name in <dir>/solution.yaml).")
  String name;

  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory whose name to use (default: current directory).")
  Path solution;

  @Override
  public Integer call() {
    String resolved = HistoryCommand.solutionName(name, solution);
    if (resolved == null) {
      throw SyncErrors.repairWithoutSolution();
    }
    Map<String, String> env = CliEnvironment.get();
    StoreSettings settings = StoreSettings.fromEnvironment(env);
    try (Stores stores = Stores.open(settings)) {
      SolutionSync sync = SolutionSync.of(stores, SyncOptions.DEFAULTS, ModelRegistries.fromEnvironment(env, stores.settings().home()));
      Registry registry = sync.registry();
      RepairResult r;
      try (var ignored = registry.lock(resolved, stores.settings().user(), false)) {
        r = Repair.run(registry, sync.handles(resolved), resolved, stores.settings().user());
      }
      PrintWriter out = spec.commandLine().getOut();
      if (output.json()) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("solution", resolved);
        root.put("forgotten", r.forgotten());
        root.put("refreshed", r.refreshed());
        root.put("verified", r.verified().size());
        root.put("repaired_ranks", r.repairedRanks());
        out.println(SyncOutput.json(root));
      } else {
        r.forgotten().forEach(a -> out.println("Forgot " + a + ": it no longer exists; the next plan creates it."));
        r.refreshed().forEach(a -> out.println("Recorded the real state of " + a + "; the next plan shows the difference."));
        out.println("Repair of " + resolved + " complete: " + r.verified().size() + " verified, " + r.refreshed().size()
            + " refreshed, " + r.forgotten().size() + " forgotten, " + r.repairedRanks().size() + " failed history rows marked repaired.");
      }
      out.flush();
      return ExitCodes.OK;
    }
  }
}
