package io.vigil.runtime.model;

import io.vigil.runtime.errors.RuntimeErrors;
import java.util.regex.Pattern;

/** Checks of the paths and ids that become file names in a registry. */
final class ArtifactPaths {
  /** Run ids become directory names: MLflow's are 32 hex digits; anything path-safe is accepted. */
  private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

  private ArtifactPaths() {}

  /**
   * {@code path} with {@code /} separators if it is relative with no empty, {@code .} or {@code ..}
   * segment and no {@code #} (which MLflow refuses, so the local registry does too); {@code ""} allowed.
   */
  static String check(String path, String action) {
    String p = path == null ? null : path.replace('\\', '/');
    boolean ok = p != null && (p.isEmpty() || !(p.startsWith("/") || p.endsWith("/")));
    if (ok && !p.isEmpty()) {
      for (String segment : p.split("/", -1)) {
        if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0
            || segment.indexOf('#') >= 0) {
          ok = false;
          break;
        }
      }
    }
    if (!ok) {
      throw RuntimeErrors.artifactPathInvalid(action, path);
    }
    return p;
  }

  static boolean isRunId(String runId) {
    return runId != null && RUN_ID.matcher(runId).matches();
  }
}
