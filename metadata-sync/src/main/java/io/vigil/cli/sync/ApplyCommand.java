package io.vigil.cli.sync;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.SolutionSync;
import io.vigil.sync.SyncResult;
import io.vigil.sync.git.LocalCommit;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil apply}: plans and applies a local solution directory. */
@Command(
    name = "apply",
    mixinStandardHelpOptions = true,
    description = {
      "Plan and apply a local solution directory to Postgres, the object store, Delta and the model registry.",
      "Runs under the solution's lock and records every change in the sync history; no branch is promoted.",
      "A blocked plan (breaking changes or deletes without their flag) applies nothing."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:applied, or no changes", "1:internal error", "2:invalid command line",
        "3:the solution has errors, or the plan is blocked", "5:another sync holds the lock (with --no-wait)"})
public final class ApplyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--solution", defaultValue = ".", paramLabel = "<dir>", description = "Solution directory (default: current directory).")
  Path solution;

  @Mixin SyncFlags flags;

  @Override
  public Integer call() {
    Map<String, String> env = CliEnvironment.get();
    try (Stores stores = Stores.open(StoreSettings.fromEnvironment(env))) {
      SyncResult r = SolutionSync.of(stores, flags.options(env), ModelRegistries.fromEnvironment(env, stores.settings().home())).withListener(flags.listener()).withProgress(flags.progress(spec.commandLine().getErr()))
          .apply(solution, LocalCommit.of(solution));
      int code = SyncOutput.print(r, output.json(), spec.commandLine().getOut(), spec.commandLine().getErr(), Map.of());
      if (!output.json()) {
        SyncOutput.activation(r, spec.commandLine().getOut());
      }
      return code;
    }
  }
}
