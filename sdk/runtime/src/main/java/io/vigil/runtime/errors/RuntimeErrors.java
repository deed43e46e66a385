package io.vigil.runtime.errors;

import io.vigil.api.ErrorCode;
import io.vigil.api.ErrorId;
import io.vigil.api.VigilException;
import io.vigil.api.dataset.IngestionMode;
import java.net.URI;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The user-facing errors of the runtime, each with its stable id: "Cannot &lt;verb&gt; &lt;object&gt;:
 * &lt;reason&gt;", naming the dataset, connector, file or job, never a secret. The package imports no
 * other runtime package, so every one of them can use it without a cycle.
 */
public final class RuntimeErrors {
  /** How much of an MLflow server's detail a message shows. */
  private static final int MLFLOW_DETAIL = 300;
  /** How much of a serializer's detail a delivery message shows. */
  private static final int DELIVERY_DETAIL = 200;

  private RuntimeErrors() {}

  /** The ids of the runtime. Append new ones; never renumber or reuse one. */
  public enum Id implements ErrorId {
    // Solutions and their catalog
    MANIFEST_UNREADABLE("VGL-RT-001", ErrorCode.INVALID_METADATA, "The solution's solution.yaml could not be read."),
    JOB_NOT_IN_SOLUTION("VGL-RT-002", ErrorCode.NOT_FOUND, "The solution has no job with this id."),
    ENTITY_NOT_IN_SOLUTION("VGL-RT-003", ErrorCode.NOT_FOUND, "The solution has no entity of this kind and identifier."),
    SOLUTION_INVALID("VGL-RT-004", ErrorCode.VALIDATION_FAILED, "The solution opened for a job breaks validation rules."),
    EXECUTION_DATE_INVALID("VGL-RT-005", ErrorCode.INVALID_ARGUMENT, "An execution date is not ISO-8601."),
    JOB_NOT_CREATABLE("VGL-RT-006", ErrorCode.INVALID_METADATA,
        "A job class cannot be loaded or instantiated (missing, not a Job, or no public no-argument constructor)."),
    // Jobs and notebooks
    JOB_WITHOUT_CELLS("VGL-RT-007", ErrorCode.INVALID_METADATA, "A job class has no @Cell methods."),
    CELL_NOT_FOUND("VGL-RT-008", ErrorCode.NOT_FOUND, "A notebook was asked for a cell the job does not have."),
    JOB_FIELD_NOT_FOUND("VGL-RT-009", ErrorCode.NOT_FOUND, "A notebook was asked for a field the job does not have."),
    CELL_FAILED("VGL-RT-010", ErrorCode.INTERNAL,
        "A cell of a job threw an exception that is not a Vigil error (a bug in the job); a Vigil error keeps its own id."),
    META_SCHEMA_MISSING("VGL-RT-011", ErrorCode.NOT_FOUND, "The vigil_meta schema does not exist; sync has not run."),
    MLFLOW_REPORT_FAILED("VGL-RT-012", ErrorCode.STORE_FAILURE, "A job run could not be reported to MLflow."),
    // Bundles
    BUNDLE_WITHOUT_METADATA("VGL-RT-013", ErrorCode.INVALID_METADATA, "A bundle jar has no Vigil metadata entry."),
    BUNDLE_FORMAT_UNKNOWN("VGL-RT-014", ErrorCode.INVALID_METADATA, "A bundle was written in a format newer than this Vigil reads."),
    BUNDLE_ENTITY_KIND_UNKNOWN("VGL-RT-015", ErrorCode.INVALID_METADATA, "A bundle holds an entity of a kind this Vigil does not know."),
    BUNDLE_JOB_NOT_FOUND("VGL-RT-016", ErrorCode.NOT_FOUND, "A bundle has no job with this id."),
    BUNDLE_JOB_CLASS_MISSING("VGL-RT-017", ErrorCode.INVALID_METADATA, "A bundle names a job class that it does not contain."),
    BUNDLE_MANIFEST_UNREADABLE("VGL-RT-018", ErrorCode.INVALID_METADATA,
        "A bundle cannot be built because solution.yaml could not be read."),
    // Secrets
    SECRET_VARIABLE_MISSING("VGL-RT-019", ErrorCode.NOT_FOUND, "An env:NAME secret reference names an unset environment variable."),
    SECRET_REFERENCE_INVALID("VGL-RT-020", ErrorCode.INVALID_METADATA, "A secret is neither env:NAME nor encrypted:…."),
    SECRET_NOT_DECRYPTABLE("VGL-RT-021", ErrorCode.INVALID_METADATA,
        "An encrypted:… secret was not encrypted under the key in VIGIL_ENCRYPTION_KEY, or is damaged."),
    ENCRYPTION_KEY_MISSING("VGL-RT-022", ErrorCode.NOT_FOUND, "VIGIL_ENCRYPTION_KEY is not set."),
    ENCRYPTION_KEY_MALFORMED("VGL-RT-023", ErrorCode.INVALID_ARGUMENT, "VIGIL_ENCRYPTION_KEY is not 32 bytes in base64."),
    // Connectors and upload
    JDBC_WITHOUT_SCHEMA("VGL-RT-024", ErrorCode.INVALID_METADATA,
        "A JDBC connector names neither dataset_schema_ref nor default_target_dataset_name."),
    JDBC_READ_FAILED("VGL-RT-025", ErrorCode.STORE_FAILURE, "The database of a JDBC connector could not be read."),
    CONNECTOR_NOT_UPLOADABLE("VGL-RT-026", ErrorCode.INVALID_METADATA,
        "A SWIFT or ISO 20022 connector has no mapping the runtime can apply: each needs mapping_default: true."),
    LANDING_BUCKET_MISSING("VGL-RT-027", ErrorCode.NOT_FOUND, "The solution's bucket does not exist; sync has not run."),
    NO_FILES_LANDED("VGL-RT-028", ErrorCode.NOT_FOUND, "An upload that must find data found no files in the landing folder."),
    // Datasets and publishing
    DATASET_TABLE_MISSING("VGL-RT-029", ErrorCode.NOT_FOUND, "A dataset's Delta table does not exist in this environment."),
    DATASET_EXPRESSION_INVALID("VGL-RT-030", ErrorCode.INVALID_METADATA, "A dataset's expression does not resolve against its rows."),
    DATASET_LATER_DATE_WRITTEN("VGL-RT-031", ErrorCode.CONFLICT,
        "A dataset already holds a later execution date than the one being written."),
    DATASET_FIELDS_MISSING("VGL-RT-032", ErrorCode.INVALID_METADATA, "Rows written to a dataset lack some of its fields."),
    DATASET_COLUMNS_UNDECLARED("VGL-RT-033", ErrorCode.INVALID_METADATA, "Rows written to a dataset have columns it does not declare."),
    DATASET_NOT_PUBLISHED("VGL-RT-034", ErrorCode.INVALID_METADATA, "A dataset declared with publish: false was published."),
    CDD_TABLE_MISSING("VGL-RT-035", ErrorCode.NOT_FOUND, "The CDD table to publish to does not exist; sync has not run."),
    DELTA_COLUMN_TYPE_CHANGED("VGL-RT-036", ErrorCode.CONFLICT,
        "A Delta column would change type, which needs --allow-breaking."),
    PUBLIC_WRITE_FORBIDDEN("VGL-RT-037", ErrorCode.FORBIDDEN, "A user without the manager role wrote to PUBLIC."),
    OTHER_USERS_ENVIRONMENT("VGL-RT-038", ErrorCode.FORBIDDEN, "A user wrote to another user's PRIVATE environment."),
    // Models
    MODEL_EXPORT_NAME_INVALID("VGL-RT-039", ErrorCode.INVALID_METADATA, "A model export folder is not named like a model."),
    MODEL_EXPORT_UNREADABLE("VGL-RT-040", ErrorCode.INVALID_METADATA, "A model export folder could not be read."),
    MODEL_IMPORT_FAILED("VGL-RT-041", ErrorCode.STORE_FAILURE, "A model could not be imported into the registry."),
    MODEL_ARTIFACTS_MISSING("VGL-RT-042", ErrorCode.NOT_FOUND,
        "The model files or an extra artifact of a model to register do not exist, or the model folder holds no file."),
    MODEL_VERSION_NOT_FOUND("VGL-RT-043", ErrorCode.NOT_FOUND, "A model has no such version."),
    MODEL_REGISTRY_UPDATE_FAILED("VGL-RT-044", ErrorCode.STORE_FAILURE, "The local model registry could not be updated."),
    MODEL_REGISTRY_INDEX_UNREADABLE("VGL-RT-045", ErrorCode.STORE_FAILURE, "The local model registry's index could not be read."),
    MODEL_NAME_INVALID("VGL-RT-046", ErrorCode.INVALID_ARGUMENT, "A model name does not match the name pattern."),
    MLFLOW_NOT_FOUND("VGL-RT-047", ErrorCode.NOT_FOUND, "MLflow answered that the run, experiment, model or version does not exist."),
    MLFLOW_REFUSED("VGL-RT-048", ErrorCode.STORE_FAILURE, "MLflow answered with a server error or refused the credentials."),
    MLFLOW_UNREADABLE("VGL-RT-049", ErrorCode.STORE_FAILURE, "MLflow's answer is not the JSON its REST API returns."),
    MLFLOW_UNREACHABLE("VGL-RT-050", ErrorCode.STORE_FAILURE, "MLflow could not be reached, or a transfer to it failed."),
    INTERRUPTED("VGL-RT-051", ErrorCode.STORE_FAILURE, "The thread was interrupted while waiting for a store."),
    // REST ingestion
    REST_BUFFER_UNOPENABLE("VGL-RT-052", ErrorCode.STORE_FAILURE, "The local buffer of a REST connector could not be opened."),
    REST_FLUSH_FAILED("VGL-RT-053", ErrorCode.STORE_FAILURE,
        "Buffered REST records could not be flushed to the landing folder; they stay buffered and are retried."),
    REST_BUFFER_LOCKED("VGL-RT-054", ErrorCode.CONFLICT, "Another REST ingestion server uses the same buffer directory."),
    REST_SERVER_UNSTARTABLE("VGL-RT-055", ErrorCode.STORE_FAILURE, "The REST ingestion server could not start."),
    REST_CONNECTORS_INVALID("VGL-RT-056", ErrorCode.INVALID_METADATA, "A REST-enabled connector has no usable schema dataset."),
    REST_CONNECTOR_NOT_SERVED("VGL-RT-057", ErrorCode.NOT_FOUND, "The REST ingestion server does not serve this connector."),
    // Stores
    EMBEDDED_STACK_RUNNING("VGL-RT-058", ErrorCode.CONFLICT, "Another process runs the embedded stack in this home."),
    EMBEDDED_STACK_UNSTARTABLE("VGL-RT-059", ErrorCode.STORE_FAILURE, "The embedded Postgres or S3 endpoint could not start."),
    OBJECT_STORE_REFUSED("VGL-RT-060", ErrorCode.STORE_FAILURE, "The S3 endpoint answered with an error code."),
    OBJECT_STORE_UNREACHABLE("VGL-RT-061", ErrorCode.STORE_FAILURE, "The S3 endpoint could not be reached, or a transfer failed."),
    SETTINGS_FILE_UNREADABLE("VGL-RT-062", ErrorCode.STORE_FAILURE, "A *_FILE setting names a file that cannot be read."),
    POSTGRES_UNREACHABLE("VGL-RT-063", ErrorCode.STORE_FAILURE, "Postgres refused the connection."),
    POSTGRES_FAILED("VGL-RT-064", ErrorCode.STORE_FAILURE, "A Postgres statement or transaction failed."),
    // Bundles, job runs and landing files
    BUNDLE_WITHOUT_SOLUTION("VGL-RT-065", ErrorCode.INVALID_ARGUMENT, "A bundle named by commit needs the solution's name."),
    BUNDLE_NOT_FOUND("VGL-RT-066", ErrorCode.NOT_FOUND, "The bundle of a commit is not in the object store; the commit was not synced."),
    NOTHING_PROMOTED("VGL-RT-067", ErrorCode.NOT_FOUND, "No commit of the solution has been promoted yet."),
    NOT_A_LANDING_CONNECTOR("VGL-RT-068", ErrorCode.INVALID_METADATA, "Files were put for a connector that reads a database."),
    FILE_NOT_FOUND("VGL-RT-069", ErrorCode.NOT_FOUND, "A file to put does not exist."),
    // MLflow
    MLFLOW_CONFLICT("VGL-RT-070", ErrorCode.CONFLICT, "MLflow answered that the resource already exists."),
    MLFLOW_REQUEST_INVALID("VGL-RT-071", ErrorCode.INVALID_ARGUMENT, "MLflow refused the values of a request."),
    MLFLOW_FORBIDDEN("VGL-RT-072", ErrorCode.FORBIDDEN, "MLflow does not let the user do this."),
    MLFLOW_URL_INVALID("VGL-RT-073", ErrorCode.INVALID_ARGUMENT, "MLFLOW_TRACKING_URI is not an http(s) URL without credentials."),
    MLFLOW_PASSWORD_MISSING("VGL-RT-074", ErrorCode.INVALID_ARGUMENT,
        "MLFLOW_TRACKING_USERNAME is set but MLFLOW_TRACKING_PASSWORD is not."),
    MLFLOW_EXPERIMENT_DELETED("VGL-RT-075", ErrorCode.CONFLICT, "The MLflow experiment to use is deleted."),
    MLFLOW_NAME_INVALID("VGL-RT-076", ErrorCode.INVALID_ARGUMENT, "A name to look up in MLflow is empty or holds a single quote."),
    MLFLOW_ARTIFACTS_NOT_PROXIED("VGL-RT-077", ErrorCode.INVALID_ARGUMENT,
        "A run's artifact location is not served by the tracking server's artifact proxy."),
    // Runs and artifacts of a model registry
    RUN_WITHOUT_EXPERIMENT("VGL-RT-078", ErrorCode.INVALID_ARGUMENT, "A run was started with an empty experiment name."),
    RUN_NOT_FOUND("VGL-RT-079", ErrorCode.NOT_FOUND, "The local model registry has no run with this id."),
    RUN_UNREADABLE("VGL-RT-080", ErrorCode.STORE_FAILURE, "A run's file in the local model registry cannot be read."),
    RUN_PARAM_CHANGED("VGL-RT-081", ErrorCode.INVALID_ARGUMENT, "A param of a run was logged again with another value."),
    ARTIFACT_PATH_INVALID("VGL-RT-082", ErrorCode.INVALID_ARGUMENT,
        "An artifact path is absolute, or has an empty, '.' or '..' segment or a '#'."),
    ARTIFACT_PATH_MISSING("VGL-RT-083", ErrorCode.INVALID_ARGUMENT, "A single file was stored as artifacts without an artifact path."),
    ARTIFACT_SOURCE_MISSING("VGL-RT-084", ErrorCode.NOT_FOUND, "The local file or folder to store as artifacts does not exist."),
    ARTIFACTS_NOT_FOUND("VGL-RT-085", ErrorCode.NOT_FOUND, "A run has no artifacts at the path asked for."),
    ARTIFACT_FILES_FAILED("VGL-RT-086", ErrorCode.STORE_FAILURE, "Artifact files could not be copied, uploaded or downloaded."),
    // Registered and trained models
    MODEL_ALREADY_IN_RUN("VGL-RT-087", ErrorCode.CONFLICT, "A run already holds a model of this name."),
    MODEL_ARTIFACT_RESERVED("VGL-RT-088", ErrorCode.INVALID_ARGUMENT,
        "An extra artifact of a model to register is under models/, which holds the model files only."),
    MODEL_VERSION_WITHOUT_SOURCE("VGL-RT-089", ErrorCode.NOT_FOUND, "A model version to download names no source."),
    MODEL_SAVE_INVALID("VGL-RT-090", ErrorCode.INVALID_ARGUMENT,
        "A model to save has no commit id, sets the commit tag itself, or has a chart that is not a plain .png file name."),
    TRAINED_MODEL_NOT_FOUND("VGL-RT-091", ErrorCode.NOT_FOUND, "No registered version of the model carries the tags asked for."),
    TRAINING_DATA_COLUMN_MISSING("VGL-RT-092", ErrorCode.INVALID_ARGUMENT,
        "The training data to record has no column of the range asked for."),
    // Saved analytics models
    MODEL_FOLDER_IS_A_FILE("VGL-RT-093", ErrorCode.INVALID_ARGUMENT, "The folder to save a model into is a file."),
    MODEL_FOLDER_NOT_EMPTY("VGL-RT-094", ErrorCode.CONFLICT, "The folder to save a model into is not empty."),
    MODEL_FILES_UNWRITABLE("VGL-RT-095", ErrorCode.STORE_FAILURE, "A model's files could not be written."),
    MODEL_FILE_MISSING("VGL-RT-096", ErrorCode.NOT_FOUND, "A file of a saved model is missing."),
    MODEL_FILES_INVALID("VGL-RT-097", ErrorCode.INVALID_METADATA,
        "A saved model's files are malformed, of an unknown kind, algorithm or format, or lack a member."),
    MODEL_KIND_MISMATCH("VGL-RT-098", ErrorCode.INVALID_ARGUMENT, "A folder holds a model of another kind than the one loaded."),
    // Fitting and applying analytics models
    ANALYTICS_SETTING_INVALID("VGL-RT-099", ErrorCode.INVALID_ARGUMENT,
        "An algorithm, perf_metric, normalization_type, pattern_length or class label of a model or step is not valid."),
    FIT_INPUT_INVALID("VGL-RT-100", ErrorCode.INVALID_ARGUMENT,
        "A model cannot be fitted: no feature named, no usable record, a missing feature value, or too many categories."),
    LABELS_INVALID("VGL-RT-101", ErrorCode.INVALID_ARGUMENT, "A label column holds values the detector or classifier cannot use."),
    COLUMN_NOT_FOUND("VGL-RT-102", ErrorCode.NOT_FOUND, "The data given to a model or a fit lacks a column it names."),
    COLUMN_TYPE_INVALID("VGL-RT-103", ErrorCode.INVALID_ARGUMENT, "A feature or label column has a type the model cannot use."),
    RECORD_INVALID("VGL-RT-104", ErrorCode.INVALID_ARGUMENT,
        "A record scored, classified or extracted one at a time has the wrong features or values."),
    FEATURE_NOT_FOUND("VGL-RT-105", ErrorCode.NOT_FOUND, "A features extractor has no feature of this name."),
    // Histograms, charts and pages
    HISTOGRAM_INPUT_INVALID("VGL-RT-106", ErrorCode.INVALID_ARGUMENT,
        "A histogram was asked for no feature, a missing column, a column of another type, or a name unfit for a file."),
    HISTOGRAM_FILES_FAILED("VGL-RT-107", ErrorCode.STORE_FAILURE, "Histogram files could not be written or read."),
    CHART_WITHOUT_DATA("VGL-RT-108", ErrorCode.INVALID_ARGUMENT, "A chart has no value, point or category to draw."),
    REPORT_UNWRITABLE("VGL-RT-109", ErrorCode.STORE_FAILURE, "A chart or page could not be written."),
    // Alert delivery
    DELIVERY_BATCH_INVALID("VGL-RT-110", ErrorCode.INVALID_ARGUMENT,
        "A batch to deliver has an item without an id, two items with one id, or items that are not JSON."),
    DELIVERY_URL_INVALID("VGL-RT-111", ErrorCode.INVALID_ARGUMENT, "A delivery target's URL is not absolute http or https."),
    DELIVERY_INCOMPLETE("VGL-RT-112", ErrorCode.STORE_FAILURE, "Some alerts were not delivered to the target."),
    TLS_UNCONFIGURABLE("VGL-RT-113", ErrorCode.INTERNAL, "TLS without verification could not be set up."),
    RECEIVER_UNSTARTABLE("VGL-RT-114", ErrorCode.STORE_FAILURE, "The local receiver could not open its port or journal."),
    // Templates
    TEMPLATE_INVALID("VGL-RT-115", ErrorCode.INVALID_METADATA,
        "A template does not compile, names an undefined value, or fails while rendering."),
    TEMPLATE_VALUE_UNBINDABLE("VGL-RT-116", ErrorCode.INVALID_ARGUMENT, "A value bound to a template is of a type templates cannot use."),
    // Evaluation, training and trace queries
    MODEL_OF_WRONG_KIND("VGL-RT-117", ErrorCode.INVALID_METADATA, "A model reference names a model of another kind than its step needs."),
    FLOW_MODEL_MISSING("VGL-RT-118", ErrorCode.NOT_FOUND, "A model reference of an evaluation step resolves to no registered model."),
    MODEL_FIELD_NOT_A_FEATURE("VGL-RT-119", ErrorCode.INVALID_METADATA, "A model uses a field that is not a feature field of the flow's input dataset."),
    EVALUATION_INPUT_INCOMPLETE("VGL-RT-120", ErrorCode.INVALID_ARGUMENT, "The rows given to evaluate lack a field the models use."),
    TRAINING_WITHOUT_ROWS("VGL-RT-121", ErrorCode.NOT_FOUND, "The input dataset has no rows to train on for the dates given."),
    TRAINING_WITHOUT_FEATURES("VGL-RT-122", ErrorCode.INVALID_METADATA, "No field of the input dataset can be a feature."),
    TRAINING_LABELS_MISSING("VGL-RT-123", ErrorCode.INVALID_ARGUMENT, "A classifier step is trained without a labels column, or the column is missing."),
    STEP_NOT_FOUND("VGL-RT-124", ErrorCode.NOT_FOUND, "An evaluation flow has no step with this identifier."),
    TRACE_QUERY_NOT_FOUND("VGL-RT-125", ErrorCode.NOT_FOUND, "An evaluation flow has no trace query with this identifier."),
    TRACE_ACTIVITY_NOT_FOUND("VGL-RT-126", ErrorCode.NOT_FOUND, "No published evaluated activity has this id."),
    TRACE_QUERY_INVALID("VGL-RT-127", ErrorCode.INVALID_METADATA, "A trace query names a placeholder that cannot be bound."),
    TRACE_QUERY_FAILED("VGL-RT-128", ErrorCode.STORE_FAILURE, "A trace query failed in Postgres."),
    // Decisioning and distribution
    RISK_VARIABLE_CYCLE("VGL-RT-129", ErrorCode.INVALID_METADATA, "Risk variables refer to each other in a cycle."),
    RISK_SQL_UNSUPPORTED("VGL-RT-130", ErrorCode.INVALID_METADATA, "Risk SQL embeds a Jinja tag other than classify_by_priority."),
    RISK_REFERENCE_UNKNOWN("VGL-RT-131", ErrorCode.INVALID_METADATA, "Risk SQL names a parameter, variable, enrichment or resource its scope does not define."),
    RISK_VALUE_INVALID("VGL-RT-132", ErrorCode.INVALID_METADATA, "A parameter or condition value cannot be read as its datatype."),
    RISK_SQL_FAILED("VGL-RT-133", ErrorCode.INVALID_METADATA, "A risk's SQL failed on the data."),
    TEMPLATE_FAILED("VGL-RT-134", ErrorCode.INVALID_METADATA, "A risk's dynamic template failed on a record."),
    TARGET_NOT_AN_ALERT_TARGET("VGL-RT-135", ErrorCode.INVALID_METADATA, "A distribution target is not an alert distribution target."),
    DISTRIBUTION_INCOMPLETE("VGL-RT-136", ErrorCode.STORE_FAILURE, "Some alerts could not be delivered; the next run sends them."),
    BACKTEST_WITHOUT_DRAFTS("VGL-RT-137", ErrorCode.NOT_FOUND, "A backtest found no draft risk of the flow to try."),
    REALTIME_CONNECTOR_NOT_REST("VGL-RT-138", ErrorCode.INVALID_METADATA, "A real-time flow's input connector does not take REST records."),
    REALTIME_FIELD_MISSING("VGL-RT-139", ErrorCode.INVALID_METADATA, "A real-time flow's input connector lacks a field of the flow's input dataset."),
    REALTIME_NOTHING_TO_SERVE("VGL-RT-140", ErrorCode.NOT_FOUND, "vigil serve found no flow with realtime in the solution."),
    REALTIME_CLIENT_SECRET_MISSING("VGL-RT-141", ErrorCode.INVALID_ARGUMENT, "No client secret is set for the real-time endpoints."),
    REALTIME_SERVER_UNSTARTABLE("VGL-RT-142", ErrorCode.STORE_FAILURE, "The real-time server could not bind its port or open its pool."),
    STEP_SQL_NOT_EVALUABLE_PER_RECORD("VGL-RT-143", ErrorCode.INVALID_METADATA,
        "A classifier step's label selector or exclusion filter does not resolve over the flow's record, or needs more than one record (aggregate, window, subquery, random)."),
    ALERT_TO_CLOSE_UNKNOWN("VGL-RT-144", ErrorCode.NOT_FOUND, "No flow, or not the flow named, has an alert with the id to close."),
    ALERT_CLOSED_OTHERWISE("VGL-RT-145", ErrorCode.CONFLICT, "The alert is already closed with a different resolution."),
    ALERT_RESOLUTION_BLANK("VGL-RT-146", ErrorCode.INVALID_ARGUMENT, "An alert is closed with a blank resolution."),
    ALERT_TO_CLOSE_AMBIGUOUS("VGL-RT-147", ErrorCode.INVALID_ARGUMENT, "More than one flow has an alert with the id to close."),
    CALLBACK_ATTEMPT_UNRECORDED("VGL-RT-148", ErrorCode.STORE_FAILURE, "An attempt to call back a closure could not be recorded in Postgres."),
    CLOSURES_TABLE_MISSING("VGL-RT-149", ErrorCode.NOT_FOUND, "A flow's alert closures table does not exist yet: sync has not run since closures were added."),
    REPORT_UNKNOWN("VGL-RT-150", ErrorCode.NOT_FOUND, "No monitoring report is stored under the key asked for."),
    REPORT_TARGET_NOT_NOTIFICATION("VGL-RT-151", ErrorCode.INVALID_METADATA,
        "The notification target of the monitoring reports is not an external notification target."),
    PURGE_WITHOUT_POLICY("VGL-RT-152", ErrorCode.INVALID_ARGUMENT, "A purge names a dataset without a retention_policy."),
    PURGE_NOT_APPEND("VGL-RT-153", ErrorCode.INVALID_METADATA, "A purge names a dataset that is not APPEND."),
    PURGE_AUDIT_MISSING("VGL-RT-154", ErrorCode.INVALID_METADATA, "The vigil_meta schema has no purge audit yet: sync has not run since it was added."),
    // Drift
    DRIFT_REFERENCE_MISSING("VGL-RT-155", ErrorCode.NOT_FOUND,
        "The model version a drift check compares with has no reference set: it was registered without training's review artifacts."),
    DRIFT_WITHOUT_ROWS("VGL-RT-156", ErrorCode.NOT_FOUND, "A drift check found no records to compare: the execution date's input or the reference set is empty."),
    DRIFT_STEP_NOT_ALGO("VGL-RT-157", ErrorCode.INVALID_ARGUMENT, "A drift check was asked for a step without an anomaly score (a classifier step)."),
    DRIFT_DETECTED("VGL-RT-158", ErrorCode.DRIFT_DETECTED, "A drift check in block mode found drift, so the task fails and the DAG stops before evaluation."),
    DRIFT_FLOW_WITHOUT_ALGO_STEP("VGL-RT-159", ErrorCode.INVALID_ARGUMENT, "A drift check was asked for a flow that has no algo step, so there is nothing to compare."),
    REPORT_NOT_WRITTEN("VGL-RT-160", ErrorCode.INTERNAL,
        "A monitoring report could not be rendered or stored; logged as a warning, since the upload or distribution it describes is done."),
    // Field encryption
    ENCRYPTION_KEY_ID_INVALID("VGL-RT-161", ErrorCode.INVALID_ARGUMENT,
        "VIGIL_ENCRYPTION_KEY is set without VIGIL_ENCRYPTION_KEY_ID, or the key id is not 1 to 32 letters, digits, _ or -."),
    ENCRYPTION_KEYS_MALFORMED("VGL-RT-162", ErrorCode.INVALID_ARGUMENT,
        "An entry of VIGIL_ENCRYPTION_KEYS is not id:base64 of 32 bytes, or names a key id twice with different keys."),
    DECRYPT_WITHOUT_REASON("VGL-RT-163", ErrorCode.INVALID_ARGUMENT, "A read asked to decrypt a dataset without giving a reason for the audit."),
    FIELD_NOT_DECRYPTABLE("VGL-RT-164", ErrorCode.INVALID_METADATA,
        "Values of an encrypted field are plain text, under a key id that is not configured, or damaged."),
    READ_AUDIT_MISSING("VGL-RT-165", ErrorCode.INVALID_METADATA, "The vigil_meta schema has no read audit yet: sync has not run since it was added.");

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

  // Solutions and their catalog

  public static VigilException manifestUnreadable(Path solutionRoot) {
    return new VigilException(Id.MANIFEST_UNREADABLE, "Cannot use solution " + solutionRoot + ": solution.yaml could not be read");
  }

  public static VigilException jobNotInSolution(String job, String solution, List<String> jobs) {
    return new VigilException(Id.JOB_NOT_IN_SOLUTION, "Cannot find job " + job + " in solution " + solution
        + ": it has no such job; jobs are " + jobs);
  }

  /** {@code kind} as users write it, like "dataset" or "evaluation flow". */
  public static VigilException entityNotInSolution(String kind, String identifier, String solution, Collection<String> known) {
    return new VigilException(Id.ENTITY_NOT_IN_SOLUTION, "Cannot find " + kind + " " + identifier + " in solution " + solution
        + ": it has no such " + kind + "; known: " + known);
  }

  /** {@code problems} are rendered problems, one per line. */
  public static VigilException solutionInvalid(Path directory, List<String> problems) {
    return new VigilException(Id.SOLUTION_INVALID, "Cannot open solution " + directory + ":\n" + String.join("\n", problems));
  }

  public static VigilException executionDateInvalid(String text) {
    return new VigilException(Id.EXECUTION_DATE_INVALID, "Cannot read execution date '" + text
        + "': use ISO-8601, e.g. 2024-01-31 or 2024-01-31T00:00:00");
  }

  public static VigilException jobNotCreatable(String job, String className, Exception cause) {
    return new VigilException(Id.JOB_NOT_CREATABLE, "Cannot create job " + job + " (" + className + "): " + cause, cause);
  }

  // Jobs and notebooks

  public static VigilException jobWithoutCells(String jobClass) {
    return new VigilException(Id.JOB_WITHOUT_CELLS, "Cannot open job " + jobClass
        + ": it has no cells; annotate its public methods with @Cell(n)");
  }

  public static VigilException jobWithoutConstructor(String jobClass, Exception cause) {
    return new VigilException(Id.JOB_NOT_CREATABLE, "Cannot create job " + jobClass
        + ": it needs a public no-argument constructor", cause);
  }

  /** {@code cell} is the order number or the method name the caller asked for. */
  public static VigilException cellNotFound(Object cell, String job, List<String> cells) {
    return new VigilException(Id.CELL_NOT_FOUND, "Cannot run cell " + cell + " of job " + job + ": cells are " + cells);
  }

  public static VigilException jobFieldNotFound(String field, String job) {
    return new VigilException(Id.JOB_FIELD_NOT_FOUND, "Cannot read field " + field + " of job " + job + ": it has no such field");
  }

  /**
   * A job stopped at a failing cell. A Vigil error keeps its id and category, with the job and cell in
   * front; anything else is {@link Id#CELL_FAILED}.
   */
  public static VigilException cellFailed(String job, String cell, String error, Throwable cause) {
    String message = "Cannot finish job " + job + ": cell " + cell + " failed: " + error;
    return cause instanceof VigilException v ? new VigilException(message, v) : new VigilException(Id.CELL_FAILED, message, cause);
  }

  public static VigilException metaSchemaMissing() {
    return new VigilException(Id.META_SCHEMA_MISSING,
        "Cannot record the job run: the vigil_meta schema does not exist; run vigil sync first");
  }

  public static VigilException mlflowReportFailed(String runId, String trackingUri, Exception cause) {
    return new VigilException(Id.MLFLOW_REPORT_FAILED, "Cannot report job run " + runId + " to MLflow at " + trackingUri + ": "
        + cause.getMessage(), cause);
  }

  // Bundles

  public static VigilException bundleWithoutMetadata(Path jar, String entry) {
    return new VigilException(Id.BUNDLE_WITHOUT_METADATA, "Cannot open bundle " + jar + ": it has no " + entry);
  }

  public static VigilException bundleFormatUnknown(Path jar, int format, int newest) {
    return new VigilException(Id.BUNDLE_FORMAT_UNKNOWN, "Cannot open bundle " + jar + ": unknown format " + format
        + "; this Vigil reads formats up to " + newest);
  }

  public static VigilException bundleEntityKindUnknown(Path jar, String kind) {
    return new VigilException(Id.BUNDLE_ENTITY_KIND_UNKNOWN, "Cannot open bundle " + jar + ": unknown entity kind " + kind);
  }

  public static VigilException bundleJobNotFound(String job, String solution, String commit, List<String> jobs) {
    return new VigilException(Id.BUNDLE_JOB_NOT_FOUND, "Cannot find job " + job + " in the bundle of " + solution + " at " + commit
        + ": it has no such job; jobs are " + jobs);
  }

  public static VigilException bundleJobClassMissing(String job, String solution, String commit, String className,
      Exception cause) {
    return new VigilException(Id.BUNDLE_JOB_CLASS_MISSING, "Cannot load job " + job + " from the bundle of " + solution + " at "
        + commit + ": class " + className + " is missing", cause);
  }

  public static VigilException bundleManifestUnreadable(Path solutionRoot) {
    return new VigilException(Id.BUNDLE_MANIFEST_UNREADABLE, "Cannot build the bundle of " + solutionRoot
        + ": solution.yaml could not be read");
  }

  // Secrets: the messages name the reference's owner and variable, never a value

  public static VigilException secretVariableMissing(String owner, String variable) {
    return new VigilException(Id.SECRET_VARIABLE_MISSING, "Cannot resolve the secret of " + owner + ": environment variable "
        + variable + " is not set");
  }

  public static VigilException secretReferenceInvalid(String owner) {
    return new VigilException(Id.SECRET_REFERENCE_INVALID, "Cannot use the secret of " + owner
        + ": it must be env:NAME or encrypted:…, never the secret itself");
  }

  public static VigilException secretNotDecryptable(String owner, String keyVariable) {
    return new VigilException(Id.SECRET_NOT_DECRYPTABLE, "Cannot decrypt the secret of " + owner
        + ": the value is not valid for the key in " + keyVariable);
  }

  /** {@code action} is what needed the key, like "decrypt the secret of connector core_db". */
  public static VigilException encryptionKeyMissing(String action, String keyVariable) {
    return new VigilException(Id.ENCRYPTION_KEY_MISSING, "Cannot " + action + ": " + keyVariable
        + " is not set; set it to 32 random bytes in base64, e.g. the output of openssl rand -base64 32");
  }

  public static VigilException encryptionKeyMalformed(String action, String keyVariable) {
    return new VigilException(Id.ENCRYPTION_KEY_MALFORMED, "Cannot " + action + ": " + keyVariable
        + " must be 32 bytes, base64 encoded");
  }

  // Connectors and upload

  public static VigilException jdbcWithoutSchema(String connector) {
    return new VigilException(Id.JDBC_WITHOUT_SCHEMA, "Cannot read connector " + connector
        + ": it names neither dataset_schema_ref nor default_target_dataset_name");
  }

  /** {@code maskedUrl} must already hide any password; {@code reason} is the driver's root message. */
  public static VigilException jdbcReadFailed(String connector, String maskedUrl, String reason, Exception cause) {
    return new VigilException(Id.JDBC_READ_FAILED, "Cannot read connector " + connector + " from " + maskedUrl + ": " + reason,
        cause);
  }

  public static VigilException landingBucketMissing(String connector, String bucket) {
    return new VigilException(Id.LANDING_BUCKET_MISSING, "Cannot upload connector " + connector + ": bucket " + bucket
        + " does not exist; run vigil sync");
  }

  public static VigilException noFilesLanded(String connector, String landingUrl) {
    return new VigilException(Id.NO_FILES_LANDED, "Cannot upload connector " + connector + ": no files in " + landingUrl);
  }

  // Datasets and publishing

  public static VigilException datasetTableMissing(String dataset, String environment, String tablePath) {
    return new VigilException(Id.DATASET_TABLE_MISSING, "Cannot write dataset " + dataset + " in " + environment
        + ": its table does not exist at " + tablePath + "; run vigil sync (it provisions PUBLIC and the private"
        + " environments of VIGIL_PRIVATE_USERS)");
  }

  public static VigilException datasetTableMissingForRead(String dataset, String tablePath) {
    return new VigilException(Id.DATASET_TABLE_MISSING, "Cannot read dataset " + dataset + ": its table does not exist at "
        + tablePath + "; run vigil sync first");
  }

  public static VigilException datasetExpressionInvalid(String dataset, String reason, Exception cause) {
    return new VigilException(Id.DATASET_EXPRESSION_INVALID, "Cannot write dataset " + dataset + ": " + reason, cause);
  }

  public static VigilException datasetLaterDateWritten(IngestionMode mode, String dataset, LocalDateTime date, Object later) {
    return new VigilException(Id.DATASET_LATER_DATE_WRITTEN, "Cannot write " + mode + " dataset " + dataset + " for " + date
        + ": it already holds the later execution date " + later + "; rerun the dates in order from " + date
        + ", or allow rewriting history");
  }

  public static VigilException datasetFieldsMissing(String dataset, List<String> missing) {
    return new VigilException(Id.DATASET_FIELDS_MISSING, "Cannot write dataset " + dataset + ": the rows lack fields " + missing
        + "; add them, or upload with schema padding");
  }

  public static VigilException datasetColumnsUndeclared(String dataset, List<String> extra) {
    return new VigilException(Id.DATASET_COLUMNS_UNDECLARED, "Cannot write dataset " + dataset
        + ": the rows have columns the dataset does not declare: " + extra + "; select the dataset's fields first");
  }

  public static VigilException datasetNotPublished(String dataset) {
    return new VigilException(Id.DATASET_NOT_PUBLISHED, "Cannot publish dataset " + dataset
        + ": it is declared with publish: false, so sync created no CDD table for it; set publish: true and sync");
  }

  public static VigilException cddTableMissing(String schema, String table) {
    return new VigilException(Id.CDD_TABLE_MISSING, "Cannot publish to " + schema + "." + table
        + ": the table does not exist; run vigil sync (it creates the CDD tables of published datasets)");
  }

  public static VigilException deltaColumnTypeChanged(String tablePath, String column, String type, String wanted) {
    return new VigilException(Id.DELTA_COLUMN_TYPE_CHANGED, "Cannot evolve Delta table " + tablePath + ": column " + column
        + " is " + type + " and cannot become " + wanted + "; such a change needs --allow-breaking (the table is replaced)");
  }

  public static VigilException publicWriteForbidden(String what, String user) {
    return new VigilException(Id.PUBLIC_WRITE_FORBIDDEN, "Cannot write " + what + " to PUBLIC: user " + user
        + " lacks the manager role (S1 §3.1.13); write to your PRIVATE environment or ask for the role");
  }

  public static VigilException otherUsersEnvironment(String what, String environment) {
    return new VigilException(Id.OTHER_USERS_ENVIRONMENT, "Cannot write " + what + " to " + environment
        + ": it is another user's environment");
  }

  // Models

  public static VigilException modelExportNameInvalid(Path folder, String pattern) {
    return new VigilException(Id.MODEL_EXPORT_NAME_INVALID, "Cannot read model export " + folder
        + ": the folder name must be a model name matching " + pattern);
  }

  public static VigilException modelExportUnreadable(Path folder, Exception cause) {
    return new VigilException(Id.MODEL_EXPORT_UNREADABLE, "Cannot read model export " + folder + ": " + cause.getMessage(), cause);
  }

  public static VigilException modelImportFailed(String model, Exception cause) {
    return new VigilException(Id.MODEL_IMPORT_FAILED, "Cannot import model " + model + ": " + cause.getMessage(), cause);
  }

  public static VigilException modelArtifactsMissing(String model, Path artifacts) {
    return new VigilException(Id.MODEL_ARTIFACTS_MISSING, "Cannot register model " + model + ": " + artifacts
        + " is not a directory");
  }

  public static VigilException modelVersionNotFound(String model, int version) {
    return new VigilException(Id.MODEL_VERSION_NOT_FOUND, "Cannot tag model " + model + " version " + version + ": no such version");
  }

  public static VigilException modelRegistryUpdateFailed(Path root, Exception cause) {
    return new VigilException(Id.MODEL_REGISTRY_UPDATE_FAILED, "Cannot update the model registry in " + root + ": "
        + cause.getMessage(), cause);
  }

  public static VigilException modelRegistryIndexUnreadable(Path file, Exception cause) {
    return new VigilException(Id.MODEL_REGISTRY_INDEX_UNREADABLE, "Cannot read the model registry index " + file + ": "
        + cause.getMessage(), cause);
  }

  /** {@code action} is what needed the name, like "register model". */
  public static VigilException modelNameInvalid(String action, String name, String pattern) {
    return new VigilException(Id.MODEL_NAME_INVALID, "Cannot " + action + " '" + name + "': a model name must match " + pattern);
  }

  public static VigilException interrupted(String action, InterruptedException cause) {
    return new VigilException(Id.INTERRUPTED, "Cannot " + action + ": interrupted", cause);
  }

  // REST ingestion

  public static VigilException restBufferUnopenable(String connector, Path dir, Exception cause) {
    return new VigilException(Id.REST_BUFFER_UNOPENABLE, "Cannot open the REST buffer of connector " + connector + " in " + dir
        + ": " + cause.getMessage(), cause);
  }

  public static VigilException restFlushFailed(String connector, Exception cause) {
    return new VigilException(Id.REST_FLUSH_FAILED, "Cannot flush the REST buffer of connector " + connector + ": "
        + cause.getMessage() + "; its records stay buffered and the flush is retried", cause);
  }

  public static VigilException restBufferLocked(Path bufferDir) {
    return new VigilException(Id.REST_BUFFER_LOCKED, "Cannot start REST ingestion: another server uses the buffer " + bufferDir);
  }

  public static VigilException restServerUnstartable(String solution, Exception cause) {
    return new VigilException(Id.REST_SERVER_UNSTARTABLE, "Cannot start REST ingestion for solution " + solution + ": "
        + cause.getMessage(), cause);
  }

  public static VigilException restConnectorsInvalid(String solution, List<String> problems) {
    return new VigilException(Id.REST_CONNECTORS_INVALID, "Cannot start REST ingestion for solution " + solution + ": "
        + String.join("; ", problems));
  }

  public static VigilException restConnectorNotServed(String connector, String solution, Collection<String> served) {
    return new VigilException(Id.REST_CONNECTOR_NOT_SERVED, "Cannot flush connector " + connector + ": REST ingestion of solution "
        + solution + " serves only " + served);
  }

  // Stores

  public static VigilException embeddedStackRunning(Path home) {
    return new VigilException(Id.EMBEDDED_STACK_RUNNING, "Cannot start the embedded stack in " + home
        + ": another process runs it; use that one (vigil dev up prints its settings) or stop it with vigil dev down");
  }

  public static VigilException embeddedStackUnstartable(Path home, Exception cause) {
    return new VigilException(Id.EMBEDDED_STACK_UNSTARTABLE, "Cannot start the embedded stack in " + home + ": "
        + cause.getMessage(), cause);
  }

  /** The endpoint answered with the S3 error {@code s3Code}, like NoSuchBucket. */
  public static VigilException objectStoreRefused(String action, String s3Code, Exception cause) {
    return new VigilException(Id.OBJECT_STORE_REFUSED, "Cannot " + action + ": " + s3Code, cause);
  }

  public static VigilException objectStoreUnreachable(String action, String endpoint, Exception cause) {
    return new VigilException(Id.OBJECT_STORE_UNREACHABLE, "Cannot " + action + " at " + endpoint + ": " + cause.getMessage(),
        cause);
  }

  public static VigilException objectStoreClientUnclosable(Exception cause) {
    return new VigilException(Id.OBJECT_STORE_UNREACHABLE, "Cannot close the object store client: " + cause.getMessage(), cause);
  }

  /** {@code variable} is the setting without its _FILE suffix, like VIGIL_PG_PASSWORD. */
  public static VigilException settingsFileUnreadable(String variable, Exception cause) {
    return new VigilException(Id.SETTINGS_FILE_UNREADABLE, "Cannot read " + variable + "_FILE: " + cause.getMessage(), cause);
  }

  /** {@code url} is a JDBC URL, which never holds the password. */
  public static VigilException postgresUnreachable(String url, Exception cause) {
    return new VigilException(Id.POSTGRES_UNREACHABLE, "Cannot connect to Postgres at " + url + ": " + cause.getMessage(), cause);
  }

  public static VigilException postgresTransactionFailed(Exception cause) {
    return new VigilException(Id.POSTGRES_FAILED, "Cannot complete the Postgres transaction: " + cause.getMessage(), cause);
  }

  public static VigilException postgresStatementFailed(Exception cause) {
    return new VigilException(Id.POSTGRES_FAILED, "Cannot run the Postgres statement: " + cause.getMessage(), cause);
  }

  // Bundles, job runs and landing files

  public static VigilException bundleWithoutSolution(String bundle) {
    return new VigilException(Id.BUNDLE_WITHOUT_SOLUTION, "Cannot find bundle " + bundle + ": pass --solution <name>");
  }

  public static VigilException bundleNotFound(String commit, String solution, String url) {
    return new VigilException(Id.BUNDLE_NOT_FOUND, "Cannot find bundle " + commit + " of solution " + solution + ": " + url
        + " does not exist; has the commit been synced?");
  }

  public static VigilException registryMissing(String solution) {
    return new VigilException(Id.NOTHING_PROMOTED, "Cannot find the promoted bundle of " + solution
        + ": vigil_meta does not exist; run vigil sync first");
  }

  public static VigilException nothingPromoted(String solution) {
    return new VigilException(Id.NOTHING_PROMOTED, "Cannot find the promoted bundle of " + solution
        + ": no commit was promoted yet; run vigil sync");
  }

  public static VigilException jobNotCreatable(String job, Exception cause) {
    return new VigilException(Id.JOB_NOT_CREATABLE, "Cannot create job " + job + ": " + cause.getMessage(), cause);
  }

  public static VigilException notALandingConnector(String connector) {
    return new VigilException(Id.NOT_A_LANDING_CONNECTOR, "Cannot put files for connector " + connector
        + ": it reads a database, not a landing folder");
  }

  public static VigilException fileNotFound(Path file) {
    return new VigilException(Id.FILE_NOT_FOUND, "Cannot put " + file + ": no such file");
  }

  public static VigilException landingFolderBucketMissing(String connector, String bucket) {
    return new VigilException(Id.LANDING_BUCKET_MISSING, "Cannot put files for connector " + connector + ": bucket " + bucket
        + " does not exist; run vigil sync");
  }

  // MLflow: every detail from the server reaches these factories already cleared of credentials

  /**
   * MLflow answered {@code status}, with its {@code errorCode} when it sent one and a {@code detail}
   * that the caller has cleared of credentials. The id follows MLflow's error code, else the status:
   * RESOURCE_DOES_NOT_EXIST or 404 is {@link Id#MLFLOW_NOT_FOUND}, RESOURCE_ALREADY_EXISTS or 409
   * {@link Id#MLFLOW_CONFLICT}, INVALID_PARAMETER_VALUE, 400 or 422 {@link Id#MLFLOW_REQUEST_INVALID},
   * PERMISSION_DENIED or 403 {@link Id#MLFLOW_FORBIDDEN}, and anything else, 401 included,
   * {@link Id#MLFLOW_REFUSED}.
   */
  public static VigilException mlflowAnswered(String action, URI base, int status, String errorCode, String detail) {
    Id id = null;
    if (errorCode != null) {
      id = switch (errorCode) {
        case "RESOURCE_DOES_NOT_EXIST", "NOT_FOUND", "ENDPOINT_NOT_FOUND" -> Id.MLFLOW_NOT_FOUND;
        case "RESOURCE_ALREADY_EXISTS", "ALREADY_EXISTS" -> Id.MLFLOW_CONFLICT;
        case "INVALID_PARAMETER_VALUE", "BAD_REQUEST", "INVALID_STATE", "MALFORMED_REQUEST" -> Id.MLFLOW_REQUEST_INVALID;
        case "PERMISSION_DENIED", "UNAUTHENTICATED" -> status == 401 ? Id.MLFLOW_REFUSED : Id.MLFLOW_FORBIDDEN;
        default -> null;
      };
    }
    if (id == null) {
      id = switch (status) {
        case 404 -> Id.MLFLOW_NOT_FOUND;
        case 409 -> Id.MLFLOW_CONFLICT;
        case 400, 422 -> Id.MLFLOW_REQUEST_INVALID;
        case 403 -> Id.MLFLOW_FORBIDDEN;
        default -> Id.MLFLOW_REFUSED;
      };
    }
    String reason = switch (status) {
      case 401 -> "MLflow at " + base + " refused the credentials (401); check MLFLOW_TRACKING_USERNAME and"
          + " MLFLOW_TRACKING_PASSWORD, or MLFLOW_TRACKING_TOKEN";
      case 403 -> "MLflow at " + base + " refused the request (403): the user may not do this";
      default -> "MLflow at " + base + " answered " + status;
    };
    String shown = shortened(detail, MLFLOW_DETAIL);
    return new VigilException(id, "Cannot " + action + ": " + reason
        + (errorCode == null || errorCode.isEmpty() ? "" : " " + errorCode)
        + (shown.isEmpty() ? "" : ": " + shown));
  }

  /** {@code detail} is the failure's message (or its class), cleared of credentials by the caller. */
  public static VigilException mlflowUnreachable(String action, URI base, String detail, Exception cause) {
    return new VigilException(Id.MLFLOW_UNREACHABLE, "Cannot " + action + ": MLflow at " + base + " is not reachable ("
        + shortened(detail, MLFLOW_DETAIL) + ")", cause);
  }

  /** {@code detail} is the parser's message, cleared of credentials by the caller. */
  public static VigilException mlflowUnreadable(String action, URI base, String detail, Exception cause) {
    return new VigilException(Id.MLFLOW_UNREADABLE, "Cannot " + action + ": the answer of MLflow at " + base
        + " is not what MLflow's REST API returns (" + shortened(detail, MLFLOW_DETAIL) + ")", cause);
  }

  /** {@code url} is shown without any user info it holds. */
  public static VigilException mlflowUrlInvalid(String url) {
    return new VigilException(Id.MLFLOW_URL_INVALID, "Cannot connect to MLflow: MLFLOW_TRACKING_URI must be an"
        + " http(s) URL without credentials, like http://mlflow:5000: '" + withoutUserInfo(url) + "'");
  }

  public static VigilException mlflowPasswordMissing() {
    return new VigilException(Id.MLFLOW_PASSWORD_MISSING, "Cannot connect to MLflow: MLFLOW_TRACKING_USERNAME is set"
        + " but MLFLOW_TRACKING_PASSWORD is not");
  }

  public static VigilException mlflowExperimentDeleted(String experiment) {
    return new VigilException(Id.MLFLOW_EXPERIMENT_DELETED, "Cannot use experiment " + experiment
        + ": it is deleted in MLflow; restore it there or use another name");
  }

  public static VigilException mlflowNameInvalid(String action, String name) {
    return new VigilException(Id.MLFLOW_NAME_INVALID, "Cannot " + action + ": the name '" + name
        + "' must be non-empty and hold no single quote");
  }

  /** {@code artifactUri} is shown without any user info it holds. */
  public static VigilException mlflowArtifactsNotProxied(String action, String artifactUri) {
    return new VigilException(Id.MLFLOW_ARTIFACTS_NOT_PROXIED, "Cannot " + action + ": the artifact location '"
        + withoutUserInfo(artifactUri) + "' is not served by the tracking server's artifact proxy; start the server"
        + " with --serve-artifacts (the default) and an artifact root of mlflow-artifacts:/ (no --default-artifact-root)");
  }

  // Runs and artifacts of a model registry; an action is like "store artifacts of run 0a1b…"

  public static VigilException runWithoutExperiment() {
    return new VigilException(Id.RUN_WITHOUT_EXPERIMENT, "Cannot start a run: the experiment name is empty");
  }

  public static VigilException runNotFound(String action, String runId, Path registry) {
    return new VigilException(Id.RUN_NOT_FOUND, "Cannot " + action + ": there is no run " + runId + " in " + registry);
  }

  public static VigilException runUnreadable(String action, Path file, Exception cause) {
    return new VigilException(Id.RUN_UNREADABLE, "Cannot " + action + ": " + file + " is unreadable: " + cause.getMessage(),
        cause);
  }

  public static VigilException runParamChanged(String param, String runId, String old) {
    return new VigilException(Id.RUN_PARAM_CHANGED, "Cannot log param " + param + " of run " + runId + ": it is already '" + old
        + "', and a param keeps its first value");
  }

  public static VigilException artifactPathInvalid(String action, String path) {
    return new VigilException(Id.ARTIFACT_PATH_INVALID, "Cannot " + action + ": the artifact path '" + path
        + "' must be relative, with no empty, '.' or '..' segment and no '#'");
  }

  public static VigilException artifactPathMissing(String action) {
    return new VigilException(Id.ARTIFACT_PATH_MISSING, "Cannot " + action + ": a file needs an artifact path");
  }

  public static VigilException artifactSourceMissing(String action, Path local) {
    return new VigilException(Id.ARTIFACT_SOURCE_MISSING, "Cannot " + action + ": " + local + " does not exist");
  }

  public static VigilException artifactsNotFound(String action, String artifactPath) {
    return new VigilException(Id.ARTIFACTS_NOT_FOUND, "Cannot " + action + ": there are no artifacts at '" + artifactPath + "'");
  }

  public static VigilException artifactFilesFailed(String action, Exception cause) {
    return new VigilException(Id.ARTIFACT_FILES_FAILED, "Cannot " + action + ": " + cause.getMessage(), cause);
  }

  public static VigilException artifactSourceNotAFileOrFolder(String action, Path source) {
    return new VigilException(Id.ARTIFACT_FILES_FAILED, "Cannot " + action + ": " + source
        + " is neither a file nor a directory");
  }

  // Registered and trained models

  public static VigilException modelArtifactsEmpty(String model, Path folder) {
    return new VigilException(Id.MODEL_ARTIFACTS_MISSING, "Cannot register model " + model + ": " + folder + " holds no file");
  }

  /** {@code path} is where the artifact goes in the run, {@code local} where it was to come from. */
  public static VigilException modelExtraArtifactMissing(String model, String path, Path local) {
    return new VigilException(Id.MODEL_ARTIFACTS_MISSING, "Cannot register model " + model + ": the artifact " + path
        + " (" + local + ") does not exist");
  }

  /** {@code folder} is the run's folder of the model files, like "models/aml_detector". */
  public static VigilException modelAlreadyInRun(String model, String runId, String folder) {
    return new VigilException(Id.MODEL_ALREADY_IN_RUN, "Cannot register model " + model + " in run " + runId
        + ": the run already holds " + folder + "/; register each model name once per run");
  }

  public static VigilException modelArtifactReserved(String model, String path, String modelsFolder) {
    return new VigilException(Id.MODEL_ARTIFACT_RESERVED, "Cannot register model " + model + ": the extra artifact '" + path
        + "' is under " + modelsFolder + "/, which holds the model files only");
  }

  public static VigilException modelVersionWithoutSource(String model, int version) {
    return new VigilException(Id.MODEL_VERSION_WITHOUT_SOURCE, "Cannot download model " + model + " version " + version
        + ": the version names no source");
  }

  public static VigilException modelCommitMissing(String model) {
    return new VigilException(Id.MODEL_SAVE_INVALID, "Cannot save model " + model + ": the commit id is empty");
  }

  public static VigilException modelTagReserved(String model, String tag) {
    return new VigilException(Id.MODEL_SAVE_INVALID, "Cannot save model " + model + ": the tag " + tag
        + " is set by Vigil, not by the caller");
  }

  public static VigilException modelChartNameInvalid(String model, String chart) {
    return new VigilException(Id.MODEL_SAVE_INVALID, "Cannot save model " + model + ": the chart name '" + chart
        + "' must be a plain file name ending in .png");
  }

  public static VigilException trainedModelNotRegistered(String model, Map<String, String> tags) {
    return new VigilException(Id.TRAINED_MODEL_NOT_FOUND, "Cannot find model " + model + " with tags " + new TreeMap<>(tags)
        + ": no model of that name is registered");
  }

  /** The model has {@code versions} versions; the newest is {@code newest}, tagged {@code newestTags}. */
  public static VigilException trainedModelNotTagged(String model, Map<String, String> tags, int versions, int newest,
      Map<String, String> newestTags) {
    return new VigilException(Id.TRAINED_MODEL_NOT_FOUND, "Cannot find model " + model + " with tags " + new TreeMap<>(tags)
        + ": none of its " + versions + " version(s) carries them (the newest, version " + newest + ", has "
        + new TreeMap<>(newestTags) + ")");
  }

  public static VigilException trainingDataColumnMissing(String column, List<String> columns) {
    return new VigilException(Id.TRAINING_DATA_COLUMN_MISSING, "Cannot record the training data: it has no column " + column
        + " (columns: " + String.join(", ", columns) + ")");
  }

  // Saved analytics models; a kind is like "detector"

  public static VigilException modelFolderIsAFile(String kind, Path dir) {
    return new VigilException(Id.MODEL_FOLDER_IS_A_FILE, "Cannot save " + kind + " model: " + dir + " is a file");
  }

  public static VigilException modelFolderNotEmpty(String kind, Path dir) {
    return new VigilException(Id.MODEL_FOLDER_NOT_EMPTY, "Cannot save " + kind + " model: the folder " + dir
        + " is not empty; save into a new folder");
  }

  public static VigilException modelUnwritable(String kind, Path dir, Exception cause) {
    return new VigilException(Id.MODEL_FILES_UNWRITABLE, "Cannot save " + kind + " model into " + dir + ": " + cause.getMessage(),
        cause);
  }

  public static VigilException modelFileMissing(String kind, Path dir, String file) {
    return new VigilException(Id.MODEL_FILE_MISSING, "Cannot load " + kind + " model from " + dir + ": " + file + " is missing");
  }

  public static VigilException modelFileNotJson(String kind, Path dir, String file, Exception cause) {
    return new VigilException(Id.MODEL_FILES_INVALID, "Cannot load " + kind + " model from " + dir + ": " + file
        + " is not valid JSON: " + cause.getMessage(), cause);
  }

  public static VigilException modelFileUnreadable(String kind, Path dir, String file, Exception cause) {
    return new VigilException(Id.MODEL_FILES_INVALID, "Cannot load " + kind + " model from " + dir + ": " + file
        + " cannot be read: " + cause.getMessage(), cause);
  }

  public static VigilException modelFieldMissing(String kind, Path dir, String field) {
    return new VigilException(Id.MODEL_FILES_INVALID, "Cannot load " + kind + " model from " + dir + ": '" + field
        + "' is missing");
  }

  public static VigilException modelAlgorithmUnknown(String kind, Path dir, String algorithm) {
    return new VigilException(Id.MODEL_FILES_INVALID, "Cannot load " + kind + " model from " + dir + ": unknown algorithm '"
        + algorithm + "'");
  }

  public static VigilException modelKindMissing(Path dir, String manifest) {
    return new VigilException(Id.MODEL_FILES_INVALID, "Cannot load model from " + dir + ": " + manifest + " names no kind");
  }

  public static VigilException modelFormatUnsupported(Path dir, int format, int supported) {
    return new VigilException(Id.MODEL_FILES_INVALID, "Cannot load model from " + dir + ": format " + format
        + " is not supported (this SDK reads format " + supported + ")");
  }

  public static VigilException modelKindUnknown(Path dir, String kind, List<String> known) {
    return new VigilException(Id.MODEL_FILES_INVALID, "Cannot load model from " + dir + ": unknown kind '" + kind
        + "' (expected " + orList(known) + ")");
  }

  public static VigilException modelKindMismatch(String kind, Path dir, String found) {
    return new VigilException(Id.MODEL_KIND_MISMATCH, "Cannot load " + kind + " model from " + dir + ": the folder holds a "
        + found + " model");
  }

  // Fitting and applying analytics models; an action is like "fit detector" or "score records"

  public static VigilException algorithmUnknown(String algorithm, List<String> known) {
    return new VigilException(Id.ANALYTICS_SETTING_INVALID, "Cannot use algorithm '" + algorithm + "': expected "
        + orList(known));
  }

  public static VigilException perfMetricUnknown(String metric, List<String> known) {
    return new VigilException(Id.ANALYTICS_SETTING_INVALID, "Cannot use perf_metric '" + metric + "': expected "
        + orList(known));
  }

  public static VigilException normalizationUnknown(int code) {
    return new VigilException(Id.ANALYTICS_SETTING_INVALID, "Cannot use normalization_type " + code
        + ": expected 0 (none), 1 (min-max), 3 (sigmoid) or 4 (z-score)");
  }

  public static VigilException stepClassUnlabelled(String step, int cls, Map<Integer, String> labels) {
    return new VigilException(Id.ANALYTICS_SETTING_INVALID, "Cannot add the columns of classifier step " + step + ": class "
        + cls + " has no label (labels: " + labels + ")");
  }

  public static VigilException stepPatternLengthInvalid(String step, int patternLength) {
    return new VigilException(Id.ANALYTICS_SETTING_INVALID, "Cannot add the columns of step " + step + ": pattern_length "
        + patternLength + " must be at least 1");
  }

  public static VigilException fitWithoutFeatures(String action) {
    return new VigilException(Id.FIT_INPUT_INVALID, "Cannot " + action + ": no feature column is named");
  }

  /** {@code semiSupervised}: the records labelled 1 were set aside, so none of the others is left. */
  public static VigilException fitWithoutRecords(String action, boolean semiSupervised) {
    return new VigilException(Id.FIT_INPUT_INVALID, "Cannot " + action + ": the training data has no records"
        + (semiSupervised ? " that are not labelled 1" : ""));
  }

  public static VigilException fitFeatureValuesMissing(String action, List<String> columns) {
    return new VigilException(Id.FIT_INPUT_INVALID, "Cannot " + action + ": feature columns hold null, NaN or infinite values: "
        + String.join(", ", columns) + "; impute them with a FeaturesExtractor first");
  }

  public static VigilException fitLabelledFeatureMissing(String action) {
    return new VigilException(Id.FIT_INPUT_INVALID, "Cannot " + action + " semi-supervised: a labelled record has a null,"
        + " NaN or infinite feature; impute them with a FeaturesExtractor first");
  }

  /** {@code statistic} is what the fill value is computed as, like "mean". */
  public static VigilException fitFillUnavailable(String action, String feature, String statistic) {
    return new VigilException(Id.FIT_INPUT_INVALID, "Cannot " + action + ": numeric feature '" + feature
        + "' has no value in the training data to compute its " + statistic + " from; give the transformer a fill value");
  }

  public static VigilException fitCategoriesTooMany(String action, String feature, long distinct, int learnt) {
    return new VigilException(Id.FIT_INPUT_INVALID, "Cannot " + action + ": categorical feature '" + feature + "' has "
        + distinct + " distinct values (at most " + learnt + " are learnt); give it a mapping or leave it out");
  }

  public static VigilException detectorLabelValuesInvalid(String action, String label, long invalid) {
    return new VigilException(Id.LABELS_INVALID, "Cannot " + action + ": label column '" + label + "' has " + invalid
        + " values other than 1 (anomaly), 0 (unknown) and -1 (normal)");
  }

  public static VigilException detectorLabelsWithoutAnomaly(String action, String label) {
    return new VigilException(Id.LABELS_INVALID, "Cannot " + action + " semi-supervised: no record of label column '" + label
        + "' is 1 (anomaly)");
  }

  public static VigilException detectorLabelsAllAnomalies(String action, String label) {
    return new VigilException(Id.LABELS_INVALID, "Cannot " + action + " semi-supervised: every record of label column '" + label
        + "' is 1; label normal records -1 or unknown ones 0");
  }

  public static VigilException classifierLabelsNegative(String action, String label, long invalid) {
    return new VigilException(Id.LABELS_INVALID, "Cannot " + action + ": label column '" + label + "' has " + invalid
        + " null or negative values; every record needs its class 1..N, or 0 for unknown");
  }

  public static VigilException classifierTrainingUnlabelled(String action) {
    return new VigilException(Id.LABELS_INVALID, "Cannot " + action + ": the training data has no labelled records");
  }

  public static VigilException classifierClassesIncomplete(String action, String label, long distinct, long highest) {
    return new VigilException(Id.LABELS_INVALID, "Cannot " + action + ": label column '" + label + "' must hold every class 1..N"
        + " with N at least 2; it holds " + distinct + " distinct classes up to " + highest);
  }

  public static VigilException classifierEvaluationUnlabelled() {
    return new VigilException(Id.LABELS_INVALID, "Cannot evaluate classifier: the data has no labelled records");
  }

  public static VigilException classifierLabelUnknown(String label, int cls, int classes) {
    return new VigilException(Id.LABELS_INVALID, "Cannot evaluate classifier: label column '" + label + "' holds class " + cls
        + ", the model knows 1.." + classes);
  }

  public static VigilException columnNotFound(String action, String column, List<String> columns) {
    return new VigilException(Id.COLUMN_NOT_FOUND, "Cannot " + action + ": the data has no column '" + column + "' (columns: "
        + String.join(", ", columns) + ")");
  }

  public static VigilException trainingColumnNotFound(String action, String column, List<String> columns) {
    return new VigilException(Id.COLUMN_NOT_FOUND, "Cannot " + action + ": the training data has no column '" + column
        + "' (columns: " + String.join(", ", columns) + ")");
  }

  public static VigilException featureColumnNotFound(String action, String column, List<String> columns) {
    return new VigilException(Id.COLUMN_NOT_FOUND, "Cannot " + action + ": the data has no feature column '" + column
        + "' (columns: " + String.join(", ", columns) + ")");
  }

  /** {@code type} is the column's Spark type, like "string". */
  public static VigilException fitFeatureNotNumeric(String action, String column, String type) {
    return new VigilException(Id.COLUMN_TYPE_INVALID, "Cannot " + action + ": feature column '" + column + "' is " + type
        + ", expected a number (extract features first)");
  }

  public static VigilException featureColumnNotNumeric(String action, String column, String type) {
    return new VigilException(Id.COLUMN_TYPE_INVALID, "Cannot " + action + ": feature column '" + column + "' is " + type
        + ", expected a number");
  }

  public static VigilException detectorLabelColumnNotNumeric(String action, String label, String type) {
    return new VigilException(Id.COLUMN_TYPE_INVALID, "Cannot " + action + ": label column '" + label + "' is " + type
        + ", expected 1, 0 or -1");
  }

  public static VigilException classifierLabelColumnNotIntegral(String action, String label, String type) {
    return new VigilException(Id.COLUMN_TYPE_INVALID, "Cannot " + action + ": label column '" + label + "' is " + type
        + ", expected integer classes 1..N (0 for unknown)");
  }

  public static VigilException numericFeatureColumnInvalid(String action, String column, String type) {
    return new VigilException(Id.COLUMN_TYPE_INVALID, "Cannot " + action + ": column '" + column + "' is " + type
        + ", a numeric feature needs a numeric column (use a CategoricFeaturesTransformer for categories)");
  }

  public static VigilException categoricFeatureColumnInvalid(String action, String column, String type) {
    return new VigilException(Id.COLUMN_TYPE_INVALID, "Cannot " + action + ": column '" + column + "' is " + type
        + ", a categorical feature needs a string, integer or boolean column");
  }

  /** {@code model} names what expects the features, like "detector"; {@code features} are their names. */
  public static VigilException recordFeatureCountWrong(String action, int given, String model, List<String> features) {
    return new VigilException(Id.RECORD_INVALID, "Cannot " + action + ": it has " + given + " features, the " + model
        + " expects " + features.size() + " " + features);
  }

  public static VigilException recordFeatureNotFinite(String action, String feature, double value) {
    return new VigilException(Id.RECORD_INVALID, "Cannot " + action + ": feature '" + feature + "' is " + value
        + "; impute missing values with a features extractor first");
  }

  public static VigilException recordClassOutOfRange(int cls, int classes) {
    return new VigilException(Id.RECORD_INVALID, "Cannot rate record: class " + cls + " is not within 1.." + classes);
  }

  public static VigilException recordValueNotANumber(String feature, Class<?> type) {
    return new VigilException(Id.RECORD_INVALID, "Cannot extract feature '" + feature + "': the record holds a "
        + type.getSimpleName() + ", expected a number");
  }

  public static VigilException recordValueOfWrongType(String column, Class<?> type, String sqlType) {
    return new VigilException(Id.RECORD_INVALID, "Cannot evaluate record: column '" + column + "' holds a " + type.getSimpleName()
        + ", its Spark type is " + sqlType);
  }

  public static VigilException recordValueNotACategory(String feature, Class<?> type) {
    return new VigilException(Id.RECORD_INVALID, "Cannot extract feature '" + feature + "': the record holds a "
        + type.getSimpleName() + ", expected a text, integer or boolean category");
  }

  public static VigilException featureNotFound(String feature, List<String> features) {
    return new VigilException(Id.FEATURE_NOT_FOUND, "Cannot find feature '" + feature + "': the model has " + features);
  }

  // Histograms, charts and pages

  public static VigilException histogramWithoutFeatures() {
    return new VigilException(Id.HISTOGRAM_INPUT_INVALID, "Cannot compute histograms: no feature given");
  }

  public static VigilException histogramColumnMissing(String feature, List<String> columns) {
    return new VigilException(Id.HISTOGRAM_INPUT_INVALID, "Cannot compute the histogram of " + feature
        + ": the dataset has no such column (columns: " + String.join(", ", columns) + ")");
  }

  /** {@code type} is the column's Spark type, like "array<int>". */
  public static VigilException histogramTypeUnsupported(String feature, String type) {
    return new VigilException(Id.HISTOGRAM_INPUT_INVALID, "Cannot compute the histogram of " + feature + ": its type " + type
        + " is neither numeric nor string, boolean or date");
  }

  public static VigilException histogramFeatureNameInvalid(String feature, String pattern) {
    return new VigilException(Id.HISTOGRAM_INPUT_INVALID, "Cannot save the histogram of '" + feature
        + "': a feature name for a file must match " + pattern);
  }

  public static VigilException histogramsUnsaved(Exception cause) {
    return new VigilException(Id.HISTOGRAM_FILES_FAILED, "Cannot save histograms: " + cause.getMessage(), cause);
  }

  public static VigilException histogramsUnwritable(Path dir, Exception cause) {
    return new VigilException(Id.HISTOGRAM_FILES_FAILED, "Cannot write histograms to " + dir + ": " + cause.getMessage(), cause);
  }

  public static VigilException histogramsUnreadable(Path dir, Exception cause) {
    return new VigilException(Id.HISTOGRAM_FILES_FAILED, "Cannot read histograms in " + dir + ": " + cause.getMessage(), cause);
  }

  public static VigilException histogramFormatUnknown(Path file, int format) {
    return new VigilException(Id.HISTOGRAM_FILES_FAILED, "Cannot read histogram " + file + ": not a histogram of format "
        + format);
  }

  public static VigilException histogramKindUnknown(Path file, String kind) {
    return new VigilException(Id.HISTOGRAM_FILES_FAILED, "Cannot read histogram " + file + ": unknown kind '" + kind + "'");
  }

  /** {@code missing} says what the chart lacks, like "no finite value". */
  public static VigilException chartWithoutData(String title, String missing) {
    return new VigilException(Id.CHART_WITHOUT_DATA, "Cannot draw chart '" + title + "': " + missing);
  }

  public static VigilException chartUnwritable(String title, Path png, Exception cause) {
    return new VigilException(Id.REPORT_UNWRITABLE, "Cannot write chart '" + title + "' to " + png + ": " + cause.getMessage(),
        cause);
  }

  public static VigilException pageUnwritable(String title, Path html, Exception cause) {
    return new VigilException(Id.REPORT_UNWRITABLE, "Cannot write page '" + title + "' to " + html + ": " + cause.getMessage(),
        cause);
  }

  // Payment connectors

  public static VigilException paymentMappingMissing(String connector) {
    return new VigilException(Id.CONNECTOR_NOT_UPLOADABLE, "Cannot upload connector " + connector
        + ": its source has no mapping; add one Iso20022XmlMapping with mapping_default: true");
  }

  public static VigilException paymentMappingNotDefault(String connector, String operation) {
    return new VigilException(Id.CONNECTOR_NOT_UPLOADABLE, "Cannot upload connector " + connector + ": mapping " + operation
        + " needs ThetaRay's Trace Transformer JAR, which Vigil does not run; set mapping_default: true to map to Vigil's"
        + " standard payment columns");
  }

  // Alert delivery; every target reaches these factories already without user info or credentials

  public static VigilException deliveryItemWithoutId(String idField, int index) {
    return new VigilException(Id.DELIVERY_BATCH_INVALID, "Cannot deliver the batch: item " + index + " has no '" + idField + "'");
  }

  public static VigilException deliveryIdDuplicated(String idField, String id) {
    return new VigilException(Id.DELIVERY_BATCH_INVALID, "Cannot deliver the batch: two items have " + idField + " '" + id + "'");
  }

  public static VigilException deliveryItemsNotJson(Exception cause) {
    return new VigilException(Id.DELIVERY_BATCH_INVALID, "Cannot deliver the batch: its items cannot be written as JSON ("
        + shortened(cause.getMessage(), DELIVERY_DETAIL) + ")", cause);
  }

  public static VigilException deliveryUrlInvalid(String shownUrl) {
    return new VigilException(Id.DELIVERY_URL_INVALID, "Cannot deliver to " + shownUrl
        + ": the URL must be absolute http or https");
  }

  /** {@code firstError} is the first failed batch's error, or null. */
  public static VigilException deliveryIncomplete(String target, int sent, int failed, int left, String firstError) {
    return new VigilException(Id.DELIVERY_INCOMPLETE, "Cannot deliver all alerts to " + target + ": " + sent + " sent, " + failed
        + " failed, " + left + " left" + (firstError == null ? "" : "; " + firstError));
  }

  public static VigilException tlsUnconfigurable(Exception cause) {
    return new VigilException(Id.TLS_UNCONFIGURABLE, "Cannot set up TLS without verification: " + cause.getMessage(), cause);
  }

  public static VigilException receiverUnstartable(Exception cause) {
    return new VigilException(Id.RECEIVER_UNSTARTABLE, "Cannot start the local receiver: " + cause.getMessage(), cause);
  }

  // Templates; "what" names the template's owner, like "alert template aml_email"

  /** {@code problem} is the parser's first error, with its line. */
  public static VigilException templateSyntaxInvalid(String what, String problem) {
    return new VigilException(Id.TEMPLATE_INVALID, "Cannot compile the template of " + what + ": " + problem);
  }

  public static VigilException templateNameUndefined(String what, String name) {
    return new VigilException(Id.TEMPLATE_INVALID, "Cannot render the template of " + what + ": '" + name + "' is undefined");
  }

  /** {@code problem} is the renderer's first error, with its line. */
  public static VigilException templateRenderFailed(String what, String problem) {
    return new VigilException(Id.TEMPLATE_INVALID, "Cannot render the template of " + what + ": " + problem);
  }

  /** {@code path} is where the value sits in the bindings, like "alert.rows[2]". */
  public static VigilException templateValueUnbindable(String what, String path, Class<?> type) {
    return new VigilException(Id.TEMPLATE_VALUE_UNBINDABLE, "Cannot render the template of " + what + ": " + path + " holds a "
        + type.getName() + "; only maps, lists, strings, numbers, booleans and dates can be bound");
  }

  /** "a", "a or b", "a, b or c". */
  private static String orList(List<String> items) {
    if (items.size() < 2) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " or " + items.get(items.size() - 1);
  }

  /** {@code text} on one line, cut to {@code max} characters; "" for null. */
  private static String shortened(String text, int max) {
    if (text == null) {
      return "";
    }
    String flat = text.replaceAll("\\s+", " ").strip();
    return flat.length() <= max ? flat : flat.substring(0, max) + "…";
  }

  private static String withoutUserInfo(String url) {
    return url == null ? "null" : url.replaceAll("//[^/@]*@", "//");
  }

  // Evaluation, training and trace queries

  public static VigilException modelOfWrongKind(String name, int version, String kind, String expected) {
    return new VigilException(Id.MODEL_OF_WRONG_KIND, "Cannot use model " + name + " version " + version + ": it is a " + kind
        + " model, and the step needs a " + expected);
  }

  public static VigilException flowModelMissing(String flow, String step, String model, java.util.Map<String, String> tags,
      VigilException cause) {
    return new VigilException(Id.FLOW_MODEL_MISSING, "Cannot evaluate flow " + flow + " step " + step + ": model " + model
        + " with tags " + new java.util.TreeMap<>(tags) + " is not registered (" + cause.getMessage()
        + "); train it (vigil train " + flow + ") or fix the step's model reference", cause);
  }

  public static VigilException modelFieldNotAFeature(String flow, String step, String model, String field, String dataset,
      List<String> fields) {
    return new VigilException(Id.MODEL_FIELD_NOT_A_FEATURE, "Cannot evaluate flow " + flow + " step " + step + ": model " + model
        + " uses field " + field + ", which is not a feature field of dataset " + dataset + "; its feature fields are " + fields);
  }

  public static VigilException evaluationInputIncomplete(String flow, String field, List<String> columns) {
    return new VigilException(Id.EVALUATION_INPUT_INCOMPLETE, "Cannot evaluate flow " + flow + ": the rows have no column " + field
        + ", which its models use; the rows have " + columns);
  }

  public static VigilException trainingWithoutRows(String flow, String dataset, String range) {
    return new VigilException(Id.TRAINING_WITHOUT_ROWS, "Cannot train flow " + flow + ": dataset " + dataset + " has no rows "
        + range);
  }

  public static VigilException trainingWithoutFeatures(String flow, String dataset) {
    return new VigilException(Id.TRAINING_WITHOUT_FEATURES, "Cannot train flow " + flow + ": no field of dataset " + dataset
        + " can be a feature (numbers, strings and booleans that are not keys or the occurred-on field)");
  }

  public static VigilException trainingLabelsMissing(String flow, String step, String column) {
    return new VigilException(Id.TRAINING_LABELS_MISSING, "Cannot train classifier step " + step + " of flow " + flow + ": "
        + (column == null ? "no labels column was given; pass --labels <column>" : "the input has no column " + column));
  }

  public static VigilException stepNotFound(String flow, String step, List<String> steps) {
    return new VigilException(Id.STEP_NOT_FOUND, "Cannot find step " + step + " of flow " + flow + ": it has no such step; steps are "
        + steps);
  }

  public static VigilException traceQueryNotFound(String flow, String query, List<String> queries) {
    return new VigilException(Id.TRACE_QUERY_NOT_FOUND, "Cannot trace flow " + flow + " with query " + query
        + ": it has no such trace query; trace queries are " + queries);
  }

  public static VigilException traceActivityNotFound(String flow, String activity, String table) {
    return new VigilException(Id.TRACE_ACTIVITY_NOT_FOUND, "Cannot trace activity " + activity + " of flow " + flow + ": " + table
        + " has no row with that tr_id; publish the evaluated activities first");
  }

  public static VigilException traceQueryInvalid(String flow, String query, String reason) {
    return new VigilException(Id.TRACE_QUERY_INVALID, "Cannot run trace query " + query + " of flow " + flow + ": " + reason);
  }

  public static VigilException traceQueryFailed(String flow, String query, Exception cause) {
    return new VigilException(Id.TRACE_QUERY_FAILED, "Cannot run trace query " + query + " of flow " + flow + ": "
        + cause.getMessage(), cause);
  }

  // Decisioning and distribution

  public static VigilException riskVariableCycle(String risk, String variable, List<String> chain) {
    return new VigilException(Id.RISK_VARIABLE_CYCLE, "Cannot compile variable " + variable + " of risk " + risk
        + ": it refers to itself through " + chain);
  }

  public static VigilException riskSqlUnsupported(String risk, String what, String tag) {
    return new VigilException(Id.RISK_SQL_UNSUPPORTED, "Cannot compile " + what + " of risk " + risk + ": the Jinja tag " + tag
        + " is not supported in SQL; only {{ classify_by_priority('group') }} is");
  }

  public static VigilException riskReferenceUnknown(String risk, String what, String reference) {
    return new VigilException(Id.RISK_REFERENCE_UNKNOWN, "Cannot compile " + what + " of risk " + risk + ": {" + reference
        + "} is not defined by the risk or its ancestors");
  }

  public static VigilException riskValueInvalid(String risk, String what, String value, String type) {
    return new VigilException(Id.RISK_VALUE_INVALID, "Cannot bind " + what + " of risk " + risk + ": '" + value + "' is not a "
        + type);
  }

  public static VigilException riskSqlFailed(String flow, String risks, String file, Exception cause) {
    return new VigilException(Id.RISK_SQL_FAILED, "Cannot identify the risks of flow " + flow + ": the SQL of " + risks
        + (file == null ? "" : " (" + file + ")") + " failed on the data: " + cause.getMessage(), cause);
  }

  public static VigilException templateFailed(String risk, String attribute, String record, Exception cause) {
    return new VigilException(Id.TEMPLATE_FAILED, "Cannot render " + attribute + " of risk " + risk + " for record " + record + ": "
        + cause.getMessage(), cause);
  }

  public static VigilException targetNotAnAlertTarget(String target, String type) {
    return new VigilException(Id.TARGET_NOT_AN_ALERT_TARGET, "Cannot distribute alerts to target " + target + ": it is a " + type
        + ", not an alert distribution target");
  }

  public static VigilException distributionIncomplete(String flow, String target, long sent, long failed, long left, String reason) {
    return new VigilException(Id.DISTRIBUTION_INCOMPLETE, "Cannot distribute every alert of flow " + flow + " to " + target + ": "
        + sent + " sent, " + failed + " failed, " + left + " left (" + reason + "); the next run sends the rest");
  }

  public static VigilException backtestWithoutDrafts(String flow) {
    return new VigilException(Id.BACKTEST_WITHOUT_DRAFTS, "Cannot backtest flow " + flow
        + ": none of its risks is a draft (active: false); name one with --risk");
  }

  public static VigilException realtimeConnectorNotRest(String flow, String connector) {
    return new VigilException(Id.REALTIME_CONNECTOR_NOT_REST, "Cannot serve flow " + flow + " in real time: its input connector "
        + connector + " is not a flat-file connector with rest_config.enable");
  }

  public static VigilException realtimeFieldMissing(String flow, String connector, String field) {
    return new VigilException(Id.REALTIME_FIELD_MISSING, "Cannot serve flow " + flow + " in real time: the records of connector "
        + connector + " have no field " + field + ", which the flow's input dataset needs");
  }

  public static VigilException realtimeNothingToServe(String solution) {
    return new VigilException(Id.REALTIME_NOTHING_TO_SERVE, "Cannot serve solution " + solution
        + ": none of its evaluation flows has realtime; add RealtimeEvaluation to a flow");
  }

  public static VigilException realtimeClientSecretMissing(String solution) {
    return new VigilException(Id.REALTIME_CLIENT_SECRET_MISSING, "Cannot serve solution " + solution
        + ": no client secret for POST /auth; set VIGIL_REALTIME_CLIENT_SECRET or realtime_client_secret in solution.yaml");
  }

  public static VigilException realtimeServerUnstartable(String solution, String where, Exception cause) {
    return new VigilException(Id.REALTIME_SERVER_UNSTARTABLE, "Cannot serve solution " + solution + " on " + where + ": "
        + cause.getMessage(), cause);
  }

  public static VigilException stepSqlNotEvaluablePerRecord(String flow, String step, String what, String expression, String reason) {
    return new VigilException(Id.STEP_SQL_NOT_EVALUABLE_PER_RECORD, "Cannot evaluate flow " + flow + " in real time: step " + step
        + "'s " + what + " '" + expression + "' cannot be evaluated one record at a time, " + reason);
  }

  public static VigilException alertToCloseUnknown(String alertId, String where) {
    return new VigilException(Id.ALERT_TO_CLOSE_UNKNOWN, "Cannot close alert " + alertId + ": " + where
        + " has no alert with that id; list alerts with vigil alerts <flow> --execution-date D");
  }

  public static VigilException alertClosedOtherwise(String alertId, String resolution, String wanted) {
    return new VigilException(Id.ALERT_CLOSED_OTHERWISE, "Cannot close alert " + alertId + " as " + wanted
        + ": it is already closed as " + resolution);
  }

  public static VigilException alertResolutionBlank(String alertId) {
    return new VigilException(Id.ALERT_RESOLUTION_BLANK, "Cannot close alert " + alertId + ": the resolution is blank;"
        + " give one with --resolution, e.g. false_positive");
  }

  public static VigilException alertToCloseAmbiguous(String alertId, List<String> flows) {
    return new VigilException(Id.ALERT_TO_CLOSE_AMBIGUOUS, "Cannot close alert " + alertId + ": flows " + flows
        + " each have an alert with that id; name one with --flow");
  }

  public static VigilException callbackAttemptUnrecorded(String alertId, int attempt, Exception cause) {
    return new VigilException(Id.CALLBACK_ATTEMPT_UNRECORDED, "Cannot record callback attempt " + attempt + " of alert "
        + alertId + ": " + cause.getMessage(), cause);
  }

  public static VigilException closuresTableMissing(String alertId, String table) {
    return new VigilException(Id.CLOSURES_TABLE_MISSING, "Cannot close alert " + alertId + ": table " + table
        + " does not exist; run vigil sync (it creates each flow's closures table next to its alerts table)");
  }

  public static VigilException reportUnknown(String key, String where) {
    return new VigilException(Id.REPORT_UNKNOWN, "Cannot open report " + key + ": there is no such report in " + where
        + "; list them with vigil reports list");
  }

  public static VigilException reportTargetNotNotification(String target, String type) {
    return new VigilException(Id.REPORT_TARGET_NOT_NOTIFICATION, "Cannot notify target " + target
        + " of monitoring reports: it is a " + type + ", not an external notification target");
  }

  public static VigilException purgeWithoutPolicy(String dataset) {
    return new VigilException(Id.PURGE_WITHOUT_POLICY, "Cannot purge dataset " + dataset
        + ": it has no retention_policy; give it one, e.g. retention_policy: {months_to_keep: 24}");
  }

  public static VigilException purgeNotAppend(String dataset, Object mode) {
    return new VigilException(Id.PURGE_NOT_APPEND, "Cannot purge dataset " + dataset + ": it is " + mode
        + ", and only APPEND datasets are purged by retention_policy");
  }

  public static VigilException purgeAuditMissing(String dataset, int version) {
    return new VigilException(Id.PURGE_AUDIT_MISSING, "Cannot purge dataset " + dataset + ": vigil_meta is at version "
        + version + " and has no purge audit; run vigil sync first");
  }

  public static VigilException driftReferenceMissing(String flow, String step, String model, int version, String runId, String artifact) {
    return new VigilException(Id.DRIFT_REFERENCE_MISSING, "Cannot check drift of flow " + flow + " step " + step + ": model "
        + model + " version " + version + " has no reference set (" + artifact + " in run " + runId
        + "); train it with vigil train or FlowTraining, which saves one, or evaluate and save one with the model");
  }

  public static VigilException driftWithoutRows(String flow, String step, String what) {
    return new VigilException(Id.DRIFT_WITHOUT_ROWS, "Cannot check drift of flow " + flow + " step " + step + ": " + what);
  }

  public static VigilException driftStepNotAlgo(String flow, String step) {
    return new VigilException(Id.DRIFT_STEP_NOT_ALGO, "Cannot check drift of flow " + flow + " step " + step
        + ": it is not an algo step, so it has no " + step + "_score to compare");
  }

  public static VigilException driftDetected(String flow, String step, String executionDate, List<String> failed) {
    return new VigilException(Id.DRIFT_DETECTED, "Cannot accept the data of flow " + flow + " step " + step + " for " + executionDate
        + ": drift detected by " + String.join(", ", failed) + " (block mode stops the DAG before evaluation)");
  }

  public static VigilException driftFlowWithoutAlgoStep(String flow) {
    return new VigilException(Id.DRIFT_FLOW_WITHOUT_ALGO_STEP, "Cannot check drift of flow " + flow
        + ": it has no algo step, and drift compares an algo step's records and scores with its model's reference set");
  }

  public static VigilException reportNotWritten(String kind, String subject, Exception cause) {
    return new VigilException(Id.REPORT_NOT_WRITTEN, "Cannot write the " + kind + " report of " + subject + ": " + cause.getMessage()
        + "; what it describes is done and stays done", cause);
  }

  // Field encryption

  public static VigilException encryptionKeyIdInvalid(String action, String idVariable) {
    return new VigilException(Id.ENCRYPTION_KEY_ID_INVALID, "Cannot " + action + ": " + idVariable
        + " must name the key in VIGIL_ENCRYPTION_KEY with 1 to 32 letters, digits, _ or -, e.g. 2026-01");
  }

  /** {@code entry} is the 1-based position in the list, never the entry itself, which holds a key. */
  public static VigilException encryptionKeysMalformed(String action, String variable, int entry, String why) {
    return new VigilException(Id.ENCRYPTION_KEYS_MALFORMED, "Cannot " + action + ": entry " + entry + " of " + variable
        + " " + why + "; write id1:base64,id2:base64 with 32-byte keys");
  }

  public static VigilException decryptWithoutReason(String dataset) {
    return new VigilException(Id.DECRYPT_WITHOUT_REASON, "Cannot decrypt dataset " + dataset
        + ": a decrypt needs a reason, which is written to the audit; e.g. ReadOptions.DEFAULT.decrypt(\"case 4711\")"
        + " or vigil read --decrypt --reason \"case 4711\"");
  }

  /** {@code problems} says, per field, how many values failed and why; it holds counts and key ids, never values. */
  public static VigilException fieldNotDecryptable(String action, String problems) {
    return new VigilException(Id.FIELD_NOT_DECRYPTABLE, "Cannot " + action + ": " + problems);
  }

  public static VigilException readAuditMissing(String dataset, int version) {
    return new VigilException(Id.READ_AUDIT_MISSING, "Cannot read dataset " + dataset + ": vigil_meta is at version "
        + version + " and has no read audit for its encrypted or audited fields; run vigil sync first");
  }
}
