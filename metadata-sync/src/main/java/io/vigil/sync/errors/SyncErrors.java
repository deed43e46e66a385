package io.vigil.sync.errors;

import io.vigil.api.ErrorCode;
import io.vigil.api.ErrorId;
import io.vigil.api.VigilException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * The user-facing errors of metadata-sync and the {@code vigil} CLI, each with its stable id:
 * "Cannot &lt;verb&gt; &lt;object&gt;: &lt;reason&gt;", naming the solution, commit, branch, file or
 * resource, never a credential (git URLs arrive redacted). The package imports no other package of
 * the module, so both the sync and the CLI packages can use it without a cycle.
 */
public final class SyncErrors {
  private SyncErrors() {}

  /** The ids of metadata-sync and the CLI. Append new ones; never renumber or reuse one. */
  public enum Id implements ErrorId {
    // vigil init
    SOLUTION_NAME_INVALID("VGL-SYNC-001", ErrorCode.INVALID_ARGUMENT, "The name for a new solution is not a valid entity name."),
    INIT_DIRECTORY_NOT_EMPTY("VGL-SYNC-002", ErrorCode.INVALID_ARGUMENT, "vigil init was pointed at a directory that is not empty."),
    TEMPLATE_MISSING("VGL-SYNC-003", ErrorCode.INTERNAL, "The solution template is missing from the CLI build."),
    TEMPLATE_UNREADABLE("VGL-SYNC-004", ErrorCode.INTERNAL, "The solution template in the CLI build cannot be read."),
    // Git and the sync loop
    STAGING_BRANCH_MISSING("VGL-SYNC-005", ErrorCode.NOT_FOUND, "The solution repository has no staging branch."),
    OPERATIONAL_DIVERGED("VGL-SYNC-006", ErrorCode.CONFLICT,
        "The operational branch has commits that staging lacks, so it cannot be fast-forwarded."),
    PROMOTION_REFUSED("VGL-SYNC-007", ErrorCode.CONFLICT, "The remote refused to fast-forward the operational branch."),
    GIT_CLONE_FAILED("VGL-SYNC-008", ErrorCode.STORE_FAILURE, "The solution repository could not be cloned."),
    GIT_FETCH_FAILED("VGL-SYNC-009", ErrorCode.STORE_FAILURE, "The solution repository could not be fetched."),
    GIT_READ_FAILED("VGL-SYNC-010", ErrorCode.STORE_FAILURE, "The local clone could not be read or checked out."),
    GIT_PUSH_FAILED("VGL-SYNC-011", ErrorCode.STORE_FAILURE, "The operational branch could not be pushed."),
    SOLUTION_DIRECTORY_UNREADABLE("VGL-SYNC-012", ErrorCode.NOT_FOUND, "The files of a local solution directory cannot be read."),
    // Plan and apply
    SOLUTION_INVALID("VGL-SYNC-013", ErrorCode.VALIDATION_FAILED, "The solution breaks validation rules; nothing was applied."),
    CHANGES_BLOCKED("VGL-SYNC-014", ErrorCode.FORBIDDEN,
        "The plan has breaking or destroying changes that --allow-breaking or --allow-destroy did not allow."),
    LOCK_HELD("VGL-SYNC-015", ErrorCode.CONFLICT, "Another sync of the same solution holds its lock."),
    LOCK_FAILED("VGL-SYNC-016", ErrorCode.STORE_FAILURE, "The sync lock could not be taken in Postgres."),
    APPLY_FAILED("VGL-SYNC-017", ErrorCode.STORE_FAILURE,
        "A store failed while a change was applied; a Vigil error from the store keeps its own id."),
    RISK_SQL_CHECK_FAILED("VGL-SYNC-018", ErrorCode.STORE_FAILURE, "Postgres failed while checking the risks' SQL."),
    DELTA_TABLE_UNDELETABLE("VGL-SYNC-019", ErrorCode.STORE_FAILURE, "A destroyed Delta table's files could not be deleted."),
    DAG_FILE_UNWRITABLE("VGL-SYNC-020", ErrorCode.STORE_FAILURE, "A rendered DAG file could not be written."),
    TEMP_DIRECTORY_UNCREATABLE("VGL-SYNC-021", ErrorCode.INTERNAL, "A temporary directory could not be created."),
    // DAG activation
    DAG_NOT_PARSED("VGL-SYNC-022", ErrorCode.STORE_FAILURE, "Airflow did not parse a new DAG file in the time given."),
    DAG_ACTIVATION_INTERRUPTED("VGL-SYNC-023", ErrorCode.STORE_FAILURE, "Waiting for Airflow to parse a DAG was interrupted."),
    // Command-line values
    REPAIR_WITHOUT_SOLUTION("VGL-SYNC-024", ErrorCode.INVALID_ARGUMENT, "vigil repair was given neither --name nor --solution."),
    INTERVAL_INVALID("VGL-SYNC-025", ErrorCode.INVALID_ARGUMENT, "A --interval is not written like 30s, 5m or 1h."),
    AIRFLOW_NOT_CONFIGURED("VGL-SYNC-026", ErrorCode.INVALID_ARGUMENT, "A command that talks to Airflow runs without VIGIL_AIRFLOW_URL."),
    // Bundles, jobs and DAGs run from the CLI
    DAG_NOT_IN_BUNDLE("VGL-SYNC-027", ErrorCode.NOT_FOUND, "The promoted bundle has no DAG with this id."),
    // The local stack and the demo
    DEV_STACK_RUNNING("VGL-SYNC-028", ErrorCode.CONFLICT, "vigil dev up found a stack already running in this home."),
    DEV_STACK_EXITED("VGL-SYNC-029", ErrorCode.STORE_FAILURE, "The background process of vigil dev up --detach exited."),
    DEV_STACK_NOT_READY("VGL-SYNC-030", ErrorCode.STORE_FAILURE, "The background stack did not become ready in the time given."),
    DEMO_STEP_FAILED("VGL-SYNC-031", ErrorCode.INTERNAL, "A step of vigil demo exited with a failure."),
    // vigil secret
    SECRET_INPUT_EMPTY("VGL-SYNC-032", ErrorCode.INVALID_ARGUMENT, "vigil secret encrypt read no value from standard input."),
    SECRET_INPUT_UNREADABLE("VGL-SYNC-033", ErrorCode.INVALID_ARGUMENT, "vigil secret encrypt could not read standard input."),
    // vigil notebook
    NOTEBOOK_VENV_UNAVAILABLE("VGL-SYNC-034", ErrorCode.STORE_FAILURE,
        "The venv with Jupyter and the JJava kernel could not be created, or lacks one of them."),
    NOTEBOOK_CELL_FAILED("VGL-SYNC-035", ErrorCode.INTERNAL, "A cell of the notebook vigil notebook --execute ran raised an error."),
    JUPYTER_FAILED("VGL-SYNC-036", ErrorCode.STORE_FAILURE, "Jupyter (nbconvert or JupyterLab) failed, or did not start in time."),
    // vigil export and vigil import
    EXPORT_NOTHING_PROMOTED("VGL-SYNC-037", ErrorCode.NOT_FOUND, "vigil export was given no commit and none of the solution is promoted."),
    EXPORT_BUNDLE_MISSING("VGL-SYNC-038", ErrorCode.NOT_FOUND, "The bundle of the commit to export is not in the object store."),
    EXPORT_MODEL_AMBIGUOUS("VGL-SYNC-039", ErrorCode.CONFLICT, "The flows reference two versions of one model; an export holds one per model."),
    EXPORT_MODEL_UNEXPORTABLE("VGL-SYNC-040", ErrorCode.CONFLICT, "A referenced model version has a file named model.json among its artifacts."),
    EXPORT_UNWRITABLE("VGL-SYNC-041", ErrorCode.STORE_FAILURE, "The export file could not be written."),
    IMPORT_NOT_AN_EXPORT("VGL-SYNC-042", ErrorCode.INVALID_ARGUMENT, "The file given to vigil import is not a zip written by vigil export."),
    IMPORT_FORMAT_NEWER("VGL-SYNC-043", ErrorCode.INVALID_ARGUMENT, "The export was written in a newer format than this Vigil reads."),
    IMPORT_ENTRY_UNSAFE("VGL-SYNC-044", ErrorCode.INVALID_ARGUMENT, "An entry of the export has an absolute path, a .. segment or another unsafe name."),
    IMPORT_TOO_LARGE("VGL-SYNC-045", ErrorCode.INVALID_ARGUMENT, "The export has more entries or more bytes than vigil import accepts."),
    IMPORT_CHECKSUM_MISMATCH("VGL-SYNC-046", ErrorCode.INVALID_ARGUMENT, "A file of the export is missing, unlisted, or differs from its checksum in the manifest."),
    IMPORT_BUNDLE_MISMATCH("VGL-SYNC-047", ErrorCode.INVALID_ARGUMENT, "The bundle of the export is of another solution or commit than its manifest names.");

    private final String id;
    private final ErrorCode code;
    private final String summary;

    Id(String id, ErrorCode code, String summary) {
      this.id = id;
      this.code = code;
      this.summary = summary;
    }

    @Override
    public String id() {
      return id;
    }

    @Override
    public ErrorCode code() {
      return code;
    }

    @Override
    public String summary() {
      return summary;
    }
  }

  // vigil init

  public static VigilException solutionNameInvalid(String name, String pattern) {
    return new VigilException(Id.SOLUTION_NAME_INVALID, "Cannot create solution: the name must match " + pattern + ": '" + name
        + "'; pass --name");
  }

  public static VigilException initDirectoryNotEmpty(Path directory) {
    return new VigilException(Id.INIT_DIRECTORY_NOT_EMPTY, "Cannot create solution in " + directory
        + ": the directory is not empty");
  }

  public static VigilException templateMissing(String resource) {
    return new VigilException(Id.TEMPLATE_MISSING, "Cannot create solution: " + resource + " is missing from the CLI build");
  }

  public static VigilException templateUnreadable(Exception cause) {
    return new VigilException(Id.TEMPLATE_UNREADABLE, "Cannot create solution: cannot read the template: " + cause.getMessage(),
        cause);
  }

  // Git and the sync loop; every url must already be redacted

  public static VigilException stagingBranchMissing(String url, String staging) {
    return new VigilException(Id.STAGING_BRANCH_MISSING, "Cannot sync " + url + ": it has no branch " + staging
        + "; push the solution to " + staging + " first");
  }

  public static VigilException operationalDiverged(String commit, String operational, String promoted, String staging) {
    return new VigilException(Id.OPERATIONAL_DIVERGED, "Cannot promote commit " + commit + " to " + operational + ": "
        + operational + " (at " + promoted + ") has diverged from " + staging + " and cannot be fast-forwarded; merge "
        + operational + " into " + staging + " and push again. Nothing was applied");
  }

  /** {@code status} is the remote's answer, with its message when it gave one. */
  public static VigilException promotionRefused(String commit, String branch, String status) {
    return new VigilException(Id.PROMOTION_REFUSED, "Cannot promote commit " + commit + " to " + branch
        + ": the remote refused the fast-forward (" + status + "); " + branch + " has probably moved, so sync again");
  }

  public static VigilException gitCloneFailed(String redactedUrl, String reason, Exception cause) {
    return new VigilException(Id.GIT_CLONE_FAILED, "Cannot clone " + redactedUrl + ": " + reason, cause);
  }

  public static VigilException gitFetchFailed(String redactedUrl, String reason, Exception cause) {
    return new VigilException(Id.GIT_FETCH_FAILED, "Cannot fetch " + redactedUrl + ": " + reason, cause);
  }

  public static VigilException gitBranchUnreadable(String branch, Exception cause) {
    return new VigilException(Id.GIT_READ_FAILED, "Cannot read branch " + branch + ": " + cause.getMessage(), cause);
  }

  public static VigilException gitCheckoutFailed(String commit, String reason, Exception cause) {
    return new VigilException(Id.GIT_READ_FAILED, "Cannot check out " + commit + ": " + reason, cause);
  }

  public static VigilException gitCompareFailed(String ancestor, String commit, Exception cause) {
    return new VigilException(Id.GIT_READ_FAILED, "Cannot compare " + ancestor + " with " + commit + ": " + cause.getMessage(),
        cause);
  }

  public static VigilException gitPushFailed(String branch, String redactedUrl, String reason, Exception cause) {
    return new VigilException(Id.GIT_PUSH_FAILED, "Cannot push " + branch + " to " + redactedUrl + ": " + reason, cause);
  }

  public static VigilException solutionDirectoryUnreadable(Path directory, Exception cause) {
    return new VigilException(Id.SOLUTION_DIRECTORY_UNREADABLE, "Cannot read solution directory " + directory + ": "
        + cause.getMessage(), cause);
  }

  // Plan and apply

  public static VigilException solutionInvalid(String solution, String commit, int errors) {
    return new VigilException(Id.SOLUTION_INVALID, "Cannot sync solution " + solution + " at " + commit + ": the solution has "
        + errors + (errors == 1 ? " error" : " errors") + "; nothing was applied");
  }

  public static VigilException changesBlocked(String solution, String commit, int blocked) {
    return new VigilException(Id.CHANGES_BLOCKED, "Cannot apply solution " + solution + " at " + commit + ": " + blocked
        + " blocked " + (blocked == 1 ? "change" : "changes")
        + "; rerun with --allow-breaking or --allow-destroy to apply them. Nothing was applied");
  }

  /** {@code holder} says who holds it: pid, user and since when. */
  public static VigilException lockHeld(String solution, String holder) {
    return new VigilException(Id.LOCK_HELD, "Cannot apply solution " + solution + ": another sync holds the lock (" + holder
        + "); wait for it to finish, or run without --no-wait to wait");
  }

  public static VigilException lockFailed(String solution, Exception cause) {
    return new VigilException(Id.LOCK_FAILED, "Cannot lock solution " + solution + ": " + cause.getMessage(), cause);
  }

  /**
   * Applying {@code action} ("create", "update", …) to {@code address} failed. A Vigil error keeps its
   * id and category; any other failure is {@link Id#APPLY_FAILED}.
   */
  public static VigilException changeFailed(String action, String address, Exception cause) {
    String reason = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    String message = "Cannot " + action + " " + address + ": " + reason
        + "; what was applied before is recorded, so running the sync again continues from here";
    return cause instanceof VigilException v ? new VigilException(message, v) : new VigilException(Id.APPLY_FAILED, message, cause);
  }

  public static VigilException riskSqlCheckFailed(String solution, Exception cause) {
    return new VigilException(Id.RISK_SQL_CHECK_FAILED, "Cannot check the risk SQL of solution " + solution + " in Postgres: "
        + cause.getMessage(), cause);
  }

  public static VigilException deltaTableUndeletable(String location, Exception cause) {
    return new VigilException(Id.DELTA_TABLE_UNDELETABLE, "Cannot delete Delta table " + location + ": " + cause.getMessage(),
        cause);
  }

  public static VigilException dagFileUnwritable(String address, Exception cause) {
    return new VigilException(Id.DAG_FILE_UNWRITABLE, "Cannot write DAG file of " + address + ": " + cause.getMessage(), cause);
  }

  public static VigilException tempDirectoryUncreatable(Exception cause) {
    return new VigilException(Id.TEMP_DIRECTORY_UNCREATABLE, "Cannot create a temporary directory: " + cause.getMessage(), cause);
  }

  // DAG activation

  /** Airflow failed while the DAG was awaited; the Airflow error keeps its id and category. */
  public static VigilException dagUnpauseFailed(String dagId, VigilException cause) {
    return new VigilException("Cannot unpause DAG " + dagId + ": " + cause.getMessage(), cause);
  }

  public static VigilException dagNotParsed(String dagId, String airflowUrl, Instant deadline, String timeoutVariable) {
    return new VigilException(Id.DAG_NOT_PARSED, "Cannot unpause DAG " + dagId + ": Airflow at " + airflowUrl
        + " has not parsed its file yet (waited until " + deadline + "; " + timeoutVariable + " sets how long, in seconds)");
  }

  public static VigilException dagActivationInterrupted(String dagId, InterruptedException cause) {
    return new VigilException(Id.DAG_ACTIVATION_INTERRUPTED, "Cannot unpause DAG " + dagId + ": interrupted", cause);
  }

  // Command-line values

  public static VigilException repairWithoutSolution() {
    return new VigilException(Id.REPAIR_WITHOUT_SOLUTION, "Cannot repair: no solution named; pass --name or --solution <dir>");
  }

  public static VigilException intervalInvalid(String text) {
    return new VigilException(Id.INTERVAL_INVALID, "Cannot use --interval " + text + ": write it like 30s, 5m or 1h");
  }

  /** The execution date of a trigger did not parse; the parse error keeps its id and category. */
  public static VigilException triggerDateInvalid(String dagId, VigilException cause) {
    return new VigilException("Cannot trigger DAG " + dagId + ": " + cause.getMessage(), cause);
  }

  /** {@code action} is what needed Airflow, like "trigger DAG aml_monthly". */
  public static VigilException airflowNotConfigured(String action) {
    return new VigilException(Id.AIRFLOW_NOT_CONFIGURED, "Cannot " + action + ": VIGIL_AIRFLOW_URL is not set; point it at the"
        + " Airflow api-server, with VIGIL_AIRFLOW_USERNAME and VIGIL_AIRFLOW_PASSWORD, or VIGIL_AIRFLOW_TOKEN");
  }

  // Bundles, jobs and DAGs run from the CLI

  public static VigilException dagNotInBundle(String dagId, String commit, String solution) {
    return new VigilException(Id.DAG_NOT_IN_BUNDLE, "Cannot run DAG " + dagId + ": the promoted bundle " + commit + " of "
        + solution + " has no such DAG");
  }

  // The local stack and the demo

  public static VigilException devStackRunning(Path home, long pid) {
    return new VigilException(Id.DEV_STACK_RUNNING, "Cannot start the embedded stack in " + home + ": pid " + pid
        + " already runs it; use its settings (below) or stop it with vigil dev down");
  }

  public static VigilException devStackExited(Path home, int exitCode, Path log) {
    return new VigilException(Id.DEV_STACK_EXITED, "Cannot start the embedded stack in " + home
        + ": the background process exited with " + exitCode + "; see " + log);
  }

  public static VigilException devStackNotReady(Path home, long timeoutSeconds, Path log) {
    return new VigilException(Id.DEV_STACK_NOT_READY, "Cannot start the embedded stack in " + home + ": not ready within "
        + timeoutSeconds + " s; see " + log);
  }

  public static VigilException demoStepFailed(List<String> args, int exitCode) {
    return new VigilException(Id.DEMO_STEP_FAILED, "Cannot finish the demo: 'vigil " + String.join(" ", args) + "' exited with "
        + exitCode);
  }

  // vigil secret

  public static VigilException secretInputEmpty() {
    return new VigilException(Id.SECRET_INPUT_EMPTY, "Cannot encrypt the value: standard input is empty;"
        + " redirect the value in, e.g. vigil secret encrypt < password.txt");
  }

  public static VigilException secretInputUnreadable(Exception cause) {
    return new VigilException(Id.SECRET_INPUT_UNREADABLE, "Cannot encrypt the value: standard input cannot be read: "
        + cause.getMessage(), cause);
  }

  // vigil notebook

  public static VigilException notebookVenvUnavailable(Path venv, String reason) {
    return new VigilException(Id.NOTEBOOK_VENV_UNAVAILABLE, "Cannot prepare the notebook venv " + venv + ": " + reason + ".");
  }

  public static VigilException notebookCellFailed(Path notebook, int cell, String firstLine, String error, Path executed) {
    return new VigilException(Id.NOTEBOOK_CELL_FAILED, "Cannot execute the notebook " + notebook + ": code cell " + cell + " ('"
        + firstLine + "') raised " + error + "; the executed copy with every output is " + executed + ".");
  }

  public static VigilException jupyterFailed(String action, String reason, Path log) {
    return new VigilException(Id.JUPYTER_FAILED, "Cannot " + action + ": " + reason + "; see " + log + ".");
  }

  // vigil export and vigil import

  public static VigilException exportNothingPromoted(String solution, String lastApplied) {
    return new VigilException(Id.EXPORT_NOTHING_PROMOTED, "Cannot export solution " + solution
        + ": no commit of it has been promoted" + (lastApplied == null ? "" : " (the last applied is " + lastApplied + ")")
        + "; pass --commit <commit>");
  }

  public static VigilException exportBundleMissing(String solution, String commit, String url) {
    return new VigilException(Id.EXPORT_BUNDLE_MISSING, "Cannot export solution " + solution + " at commit " + commit
        + ": its bundle " + url + " is not in the object store; sync or apply that commit first");
  }

  public static VigilException exportModelAmbiguous(String solution, String model, int first, int second) {
    return new VigilException(Id.EXPORT_MODEL_AMBIGUOUS, "Cannot export solution " + solution + ": its flows reference versions "
        + first + " and " + second + " of model " + model + ", and an export holds one version per model");
  }

  public static VigilException exportModelUnexportable(String model, int version) {
    return new VigilException(Id.EXPORT_MODEL_UNEXPORTABLE, "Cannot export model " + model + " version " + version
        + ": one of its artifacts is named model.json, which the export format keeps for the descriptor");
  }

  public static VigilException exportUnwritable(Path file, Exception cause) {
    return new VigilException(Id.EXPORT_UNWRITABLE, "Cannot write export " + file + ": " + cause.getMessage(), cause);
  }

  public static VigilException importNotAnExport(Path file, String reason) {
    return new VigilException(Id.IMPORT_NOT_AN_EXPORT, "Cannot import " + file + ": it is not a Vigil export (" + reason
        + "); write one with vigil export");
  }

  public static VigilException importFormatNewer(Path file, int format, int supported) {
    return new VigilException(Id.IMPORT_FORMAT_NEWER, "Cannot import " + file + ": it is export format " + format
        + " and this Vigil reads up to format " + supported + "; upgrade Vigil");
  }

  /** {@code entry} is shown as found, so that the user sees what was refused; it is never used as a path. */
  public static VigilException importEntryUnsafe(Path file, String entry) {
    return new VigilException(Id.IMPORT_ENTRY_UNSAFE, "Cannot import " + file + ": entry '" + entry
        + "' is not a relative path inside the export (absolute, .., \\ or an empty segment); nothing was extracted");
  }

  public static VigilException importTooLarge(Path file, String limit) {
    return new VigilException(Id.IMPORT_TOO_LARGE, "Cannot import " + file + ": it exceeds " + limit + "; nothing was imported");
  }

  public static VigilException importChecksumMismatch(Path file, String entry, String reason) {
    return new VigilException(Id.IMPORT_CHECKSUM_MISMATCH, "Cannot import " + file + ": entry '" + entry + "' " + reason
        + "; the export is damaged or was changed after vigil export wrote it");
  }

  public static VigilException importBundleMismatch(Path file, String expected, String found) {
    return new VigilException(Id.IMPORT_BUNDLE_MISMATCH, "Cannot import " + file + ": its manifest names " + expected
        + " but its bundle is " + found);
  }
}
