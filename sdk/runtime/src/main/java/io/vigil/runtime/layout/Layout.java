package io.vigil.runtime.layout;

import java.util.Locale;

/**
 * Names of everything Vigil creates in the stores for one solution (DESIGN §5): the bucket and
 * its prefixes, the Delta table locations, and the Postgres schemas. Sync and the runtime both use
 * these names, so they always agree.
 */
public final class Layout {
  public static final String LANDING_PREFIX = "datasources/";
  public static final String ARCHIVE_PREFIX = "upload/";
  public static final String BUNDLES_PREFIX = "bundles/";
  public static final String REPORTS_PREFIX = "reports/";

  private final String solution;
  private final String warehouseRoot;

  public Layout(String solution, String warehouseRoot) {
    this.solution = solution;
    this.warehouseRoot = warehouseRoot.endsWith("/") ? warehouseRoot.substring(0, warehouseRoot.length() - 1) : warehouseRoot;
  }

  public String solution() {
    return solution;
  }

  /** The solution's bucket: {@code vigil-<solution>} with underscores as dashes (S3 forbids underscores). */
  public String bucket() {
    return "vigil-" + solution.replace('_', '-').toLowerCase(Locale.ROOT);
  }

  /** Landing prefix of a connector folder: {@code datasources/<folder>/}. */
  public String landingPrefix(String folder) {
    return LANDING_PREFIX + trimSlashes(folder) + "/";
  }

  /** Archive prefix of a connector: {@code upload/<connector>/}. */
  public String archivePrefix(String connector) {
    return ARCHIVE_PREFIX + connector + "/";
  }

  /** Key of a bundle jar: {@code bundles/<solution>/<commit>.jar}. */
  public String bundleKey(String commit) {
    return BUNDLES_PREFIX + solution + "/" + commit + ".jar";
  }

  /** Root of an environment in the warehouse: {@code <warehouse>/<solution>/<public|private_user>}. */
  public String environmentRoot(Environment env) {
    return warehouseRoot + "/" + solution + "/" + env.key();
  }

  /** Delta location of a dataset. */
  public String datasetPath(Environment env, String dataset) {
    return environmentRoot(env) + "/datasets/" + dataset;
  }

  /** Delta location of a dataset's rejected rows. */
  public String rejectedPath(Environment env, String dataset) {
    return environmentRoot(env) + "/rejected/" + dataset;
  }

  /** Delta location of an evaluation flow's evaluated activities. */
  public String evaluatedPath(Environment env, String flow) {
    return environmentRoot(env) + "/evaluated/" + flow;
  }

  /** The CDD schema of an environment: {@code <solution>_public} or {@code <solution>_private_<user>}. */
  public String cddSchema(Environment env) {
    return solution + "_" + env.key();
  }

  private static String trimSlashes(String s) {
    return s.replaceAll("^/+|/+$", "");
  }
}
