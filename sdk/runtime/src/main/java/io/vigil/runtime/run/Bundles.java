package io.vigil.runtime.run;

import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.meta.MetaSchema;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.errors.RuntimeErrors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;

/**
 * Finds the bundle a run uses (MS-6): a jar on disk, a commit, or {@code promoted} — the commit
 * sync last promoted, pinned to the run key so that every task of one DAG run uses the same bundle
 * even when a sync lands in between. Bundles are cached under {@code VIGIL_HOME/bundles/}.
 */
public final class Bundles {
  public static final String PROMOTED = "promoted";
  private static final String PIN_PREFIX = "run_pin:";

  private Bundles() {}

  /** The local jar of {@code bundle} for {@code solution}; downloads it on first use. */
  public static Path resolve(Stores stores, StoreSettings settings, String solution, String bundle, String runKey) {
    Path asFile = Path.of(bundle);
    if (bundle.endsWith(".jar") && Files.isRegularFile(asFile)) {
      return asFile;
    }
    if (solution == null) {
      throw RuntimeErrors.bundleWithoutSolution(bundle);
    }
    String commit = PROMOTED.equals(bundle) ? promoted(stores, solution, runKey) : bundle;
    Path cached = settings.home().resolve("bundles").resolve(solution).resolve(commit + ".jar");
    if (Files.isRegularFile(cached)) {
      return cached;
    }
    Layout layout = new Layout(solution, settings.warehouseRoot());
    String key = layout.bundleKey(commit);
    if (!stores.objects().exists(layout.bucket(), key)) {
      throw RuntimeErrors.bundleNotFound(commit, solution, ObjectStore.url(layout.bucket(), key));
    }
    stores.objects().download(layout.bucket(), key, cached);
    return cached;
  }

  /** The promoted commit, pinned to {@code runKey} on first use when one is given. */
  private static String promoted(Stores stores, String solution, String runKey) {
    return stores.postgres().inTransaction(c -> {
      if (MetaSchema.currentVersion(c) == 0) {
        throw RuntimeErrors.registryMissing(solution);
      }
      String current = value(c, solution, "promoted_commit");
      if (current == null) {
        throw RuntimeErrors.nothingPromoted(solution);
      }
      if (runKey == null) {
        return current;
      }
      try (PreparedStatement ps = c.prepareStatement("insert into " + MetaSchema.SCHEMA
          + ".state (solution, key, value) values (?, ?, ?) on conflict (solution, key) do nothing")) {
        ps.setString(1, solution);
        ps.setString(2, PIN_PREFIX + runKey);
        ps.setString(3, current);
        ps.executeUpdate();
      }
      return value(c, solution, PIN_PREFIX + runKey);
    });
  }

  private static String value(java.sql.Connection c, String solution, String key) throws java.sql.SQLException {
    try (PreparedStatement ps = c.prepareStatement("select value from " + MetaSchema.SCHEMA + ".state where solution = ? and key = ?")) {
      ps.setString(1, solution);
      ps.setString(2, key);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }
}
