package io.vigil.cli.sync;

import io.vigil.cli.common.ProgressPrinter;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.sync.DagActivation;
import io.vigil.sync.SyncOptions;
import io.vigil.sync.apply.ApplyListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** The gates and lock behaviour shared by apply and sync. */
public final class SyncFlags {
  @Option(names = "--allow-breaking", description = "Apply breaking changes: removed fields, narrowed types, changed keys, ingestion modes or partitioning, and every replace.")
  boolean allowBreaking;

  @Option(names = "--allow-destroy", description = "Apply deletes of resources that are no longer declared (their data is deleted).")
  boolean allowDestroy;

  @Option(names = "--prune-bundles", description = "Delete bundles of older commits that no recorded job run references (deletes need --allow-destroy).")
  boolean pruneBundles;

  @Option(names = "--no-wait", description = "Fail at once (exit 5) when another sync of the solution holds the lock, instead of waiting.")
  boolean noWait;

  @Option(names = "--private-user", paramLabel = "<user>", description = "Also create the PRIVATE data environment of this user (repeatable; adds to VIGIL_PRIVATE_USERS).")
  List<String> privateUsers = new ArrayList<>();

  @Option(names = "--quiet", description = "Print plain progress lines (stage started, stage done) even on a terminal.")
  boolean quiet;

  /** Where the sync reports its stages and applied changes. */
  ProgressPrinter progress(PrintWriter err) {
    return ProgressPrinter.on(err, quiet);
  }

  /** Fails the apply after this many changes, as a crash would; for recovery tests. */
  @Option(names = "--fail-after", hidden = true)
  Integer failAfter;

  SyncOptions options(Map<String, String> env) {
    List<String> users = new ArrayList<>();
    String listed = env.get("VIGIL_PRIVATE_USERS");
    if (listed != null) {
      for (String u : listed.split(",")) {
        if (!u.isBlank()) {
          users.add(u.trim());
        }
      }
    }
    users.addAll(privateUsers);
    String dags = env.get("VIGIL_AIRFLOW_DAGS_DIR");
    return new SyncOptions(allowBreaking, allowDestroy, pruneBundles, !noWait, users,
        dags == null || dags.isBlank() ? null : Path.of(dags), DagActivation.Settings.fromEnvironment(env),
        new SecretResolver(env));
  }

  ApplyListener listener() {
    if (failAfter == null) {
      return ApplyListener.NONE;
    }
    int limit = failAfter;
    return (change, done) -> {
      if (done >= limit) {
        throw new IllegalStateException("Injected failure after " + done + " changes, at " + change.address());
      }
    };
  }
}
