package io.vigil.cli.sync;

import io.vigil.api.VigilException;
import io.vigil.api.time.TimeText;
import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ErrorHandlers;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.OutputOptions;
import io.vigil.runtime.model.ModelRegistries;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.sync.SolutionSync;
import io.vigil.sync.errors.SyncErrors;
import io.vigil.sync.git.GitCredentials;
import io.vigil.sync.git.GitSource;
import io.vigil.sync.git.GitSync;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code vigil sync}: applies the staging head of a repository and promotes it to the operational branch. */
@Command(
    name = "sync",
    mixinStandardHelpOptions = true,
    description = {
      "Sync the staging branch of a solution repository and promote it.",
      "Fetches the staging branch, validates, plans and applies its head, then fast-forwards",
      "the operational branch to that commit and pushes it. An invalid or blocked commit applies nothing and is not",
      "promoted; an operational branch that has diverged from staging stops the sync before anything is applied.",
      "Credentials come from VIGIL_GIT_USERNAME with VIGIL_GIT_PASSWORD, or VIGIL_GIT_TOKEN; ssh uses ~/.ssh."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:applied and promoted, or no changes", "1:internal error", "2:invalid command line",
        "3:the commit has errors, or the plan is blocked", "5:another sync holds the lock (with --no-wait), or operational diverged"})
public final class SyncCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin OutputOptions output;

  @Option(names = "--repo", required = true, paramLabel = "<url>", description = "Repository URL: file://, http(s):// or ssh.")
  String repo;

  @Option(names = "--staging", defaultValue = "staging", paramLabel = "<branch>", description = "Branch to apply (default: ${DEFAULT-VALUE}).")
  String staging;

  @Option(names = "--operational", defaultValue = "main", paramLabel = "<branch>", description = "Branch to promote to (default: ${DEFAULT-VALUE}).")
  String operational;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  static final class Mode {
    @Option(names = "--once", description = "Sync once and exit (the default).")
    boolean once;

    @Option(names = "--watch", description = "Keep syncing: poll the staging branch and sync each new head until interrupted.")
    boolean watch;
  }

  @Option(names = "--interval", defaultValue = "30s", paramLabel = "<duration>", description = "Polling interval of --watch, e.g. 30s, 5m (default: ${DEFAULT-VALUE}).")
  String interval;

  @Mixin SyncFlags flags;

  @Override
  public Integer call() throws InterruptedException {
    Map<String, String> env = CliEnvironment.get();
    Duration every = parseInterval(interval);
    StoreSettings settings = StoreSettings.fromEnvironment(env);
    try (Stores stores = Stores.open(settings);
        GitSource source = GitSource.open(repo, stores.settings().home().resolve("git"), GitCredentials.fromEnvironment(env))) {
      GitSync git = new GitSync(source, SolutionSync.of(stores, flags.options(env), ModelRegistries.fromEnvironment(env, stores.settings().home())).withListener(flags.listener()).withProgress(flags.progress(spec.commandLine().getErr())), staging, operational);
      if (!mode.watch) {
        return once(git);
      }
      PrintWriter err = spec.commandLine().getErr();
      String last = null;
      while (!Thread.currentThread().isInterrupted()) {
        try {
          String head = git.fetchStagingHead();
          if (!head.equals(last)) {
            once(git);
            last = head;
          }
        } catch (VigilException e) {
          // Keep watching: the next push may fix it; the failure is in the history and on stderr.
          err.println(ErrorHandlers.line(e));
          err.flush();
        }
        Thread.sleep(every.toMillis());
      }
      return ExitCodes.OK;
    }
  }

  private int once(GitSync git) {
    GitSync.Result r = git.once();
    PrintWriter out = spec.commandLine().getOut();
    Map<String, Object> extra = new LinkedHashMap<>();
    extra.put("operational", operational);
    extra.put("promotion", r.promotion().name().toLowerCase(Locale.ROOT));
    if (r.report() != null) {
      extra.put("model_update_report", r.report().path());
    }
    int code = SyncOutput.print(r.sync(), output.json(), out, spec.commandLine().getErr(), extra);
    if (!output.json()) {
      switch (r.promotion()) {
        case PROMOTED -> out.println("Promoted " + r.commit() + " to " + operational + ".");
        case UP_TO_DATE -> out.println(operational + " is already at " + r.commit() + ".");
        case NOT_PROMOTED -> out.println(operational + " was not promoted.");
      }
      if (r.report() != null) {
        out.println("Model update report: " + r.report().path());
      }
      SyncOutput.activation(r.sync(), out);
    }
    return code;
  }

  static Duration parseInterval(String text) {
    try {
      return TimeText.duration(text);
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw SyncErrors.intervalInvalid(text);
    }
  }
}
