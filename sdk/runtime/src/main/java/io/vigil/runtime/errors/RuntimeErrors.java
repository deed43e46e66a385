package io.vigil.runtime.errors;

import io.vigil.api.ErrorCode;
import io.vigil.api.ErrorId;
import io.vigil.api.VigilException;
import io.vigil.api.dataset.IngestionMode;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;

/**
 * The user-facing errors of the runtime, each with its stable id: "Cannot &lt;verb&gt; &lt;object&gt;:
 * &lt;reason&gt;", naming the dataset, connector, file or job, never a secret. The package imports no
 * other runtime package, so every one of them can use it without a cycle.
 */
public final class RuntimeErrors {
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
    CONNECTOR_NOT_UPLOADABLE("VGL-RT-026", ErrorCode.INVALID_METADATA, "A connector of this type cannot be uploaded by the runtime."),
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
    MODEL_ARTIFACTS_MISSING("VGL-RT-042", ErrorCode.NOT_FOUND, "The artifacts of a model to register are not a directory."),
    MODEL_VERSION_NOT_FOUND("VGL-RT-043", ErrorCode.NOT_FOUND, "A model has no such version."),
    MODEL_REGISTRY_UPDATE_FAILED("VGL-RT-044", ErrorCode.STORE_FAILURE, "The local model registry could not be updated."),
    MODEL_REGISTRY_INDEX_UNREADABLE("VGL-RT-045", ErrorCode.STORE_FAILURE, "The local model registry's index could not be read."),
    MODEL_NAME_INVALID("VGL-RT-046", ErrorCode.INVALID_ARGUMENT, "A model name does not match the name pattern."),
    MLFLOW_NOT_FOUND("VGL-RT-047", ErrorCode.NOT_FOUND, "MLflow answered 404: the model or version does not exist."),
    MLFLOW_REFUSED("VGL-RT-048", ErrorCode.STORE_FAILURE, "MLflow answered with an error status."),
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
    // Evaluation, training and trace queries
    MODEL_OF_WRONG_KIND("VGL-RT-501", ErrorCode.INVALID_METADATA, "A model reference names a model of another kind than its step needs."),
    FLOW_MODEL_MISSING("VGL-RT-502", ErrorCode.NOT_FOUND, "A model reference of an evaluation step resolves to no registered model."),
    MODEL_FIELD_NOT_A_FEATURE("VGL-RT-503", ErrorCode.INVALID_METADATA, "A model uses a field that is not a feature field of the flow's input dataset."),
    EVALUATION_INPUT_INCOMPLETE("VGL-RT-504", ErrorCode.INVALID_ARGUMENT, "The rows given to evaluate lack a field the models use."),
    TRAINING_WITHOUT_ROWS("VGL-RT-505", ErrorCode.NOT_FOUND, "The input dataset has no rows to train on for the dates given."),
    TRAINING_WITHOUT_FEATURES("VGL-RT-506", ErrorCode.INVALID_METADATA, "No field of the input dataset can be a feature."),
    TRAINING_LABELS_MISSING("VGL-RT-507", ErrorCode.INVALID_ARGUMENT, "A classifier step is trained without a labels column, or the column is missing."),
    STEP_NOT_FOUND("VGL-RT-508", ErrorCode.NOT_FOUND, "An evaluation flow has no step with this identifier."),
    TRACE_QUERY_NOT_FOUND("VGL-RT-509", ErrorCode.NOT_FOUND, "An evaluation flow has no trace query with this identifier."),
    TRACE_ACTIVITY_NOT_FOUND("VGL-RT-510", ErrorCode.NOT_FOUND, "No published evaluated activity has this id."),
    TRACE_QUERY_INVALID("VGL-RT-511", ErrorCode.INVALID_METADATA, "A trace query names a placeholder that cannot be bound."),
    TRACE_QUERY_FAILED("VGL-RT-512", ErrorCode.STORE_FAILURE, "A trace query failed in Postgres."),
    // Decisioning and distribution
    RISK_VARIABLE_CYCLE("VGL-RT-513", ErrorCode.INVALID_METADATA, "Risk variables refer to each other in a cycle."),
    RISK_SQL_UNSUPPORTED("VGL-RT-514", ErrorCode.INVALID_METADATA, "Risk SQL embeds a Jinja tag other than classify_by_priority."),
    RISK_REFERENCE_UNKNOWN("VGL-RT-515", ErrorCode.INVALID_METADATA, "Risk SQL names a parameter, variable, enrichment or resource its scope does not define."),
    RISK_VALUE_INVALID("VGL-RT-516", ErrorCode.INVALID_METADATA, "A parameter or condition value cannot be read as its datatype."),
    RISK_SQL_FAILED("VGL-RT-517", ErrorCode.INVALID_METADATA, "A risk's SQL failed on the data."),
    RISKS_IN_PRIVATE("VGL-RT-518", ErrorCode.FORBIDDEN, "identify_risks and distribution run in PUBLIC only, unless forced."),
    TEMPLATE_FAILED("VGL-RT-519", ErrorCode.INVALID_METADATA, "A risk's dynamic template failed on a record."),
    TARGET_NOT_AN_ALERT_TARGET("VGL-RT-520", ErrorCode.INVALID_METADATA, "A distribution target is not an alert distribution target."),
    DISTRIBUTION_INCOMPLETE("VGL-RT-521", ErrorCode.STORE_FAILURE, "Some alerts could not be delivered; the next run sends them."),
    BACKTEST_WITHOUT_DRAFTS("VGL-RT-522", ErrorCode.NOT_FOUND, "A backtest found no draft risk of the flow to try.");

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

  public static VigilException connectorNotUploadable(String connector, String type) {
    return new VigilException(Id.CONNECTOR_NOT_UPLOADABLE, "Cannot upload connector " + connector + ": it is a " + type
        + "; SWIFT and ISO 20022 messages are mapped to CSV by ThetaRay's Trace Transformer jars, which this runtime"
        + " does not ship. Land the mapped CSV for a flat-file connector");
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

  public static VigilException modelNameInvalid(String name, String pattern) {
    return new VigilException(Id.MODEL_NAME_INVALID, "Cannot register model '" + name + "': a model name must match " + pattern);
  }

  /** MLflow answered {@code status}; {@code reason} is its error message. 404 is {@link Id#MLFLOW_NOT_FOUND}. */
  public static VigilException mlflowAnswered(String action, String trackingUri, int status, String reason) {
    return new VigilException(status == 404 ? Id.MLFLOW_NOT_FOUND : Id.MLFLOW_REFUSED,
        "Cannot " + action + " at " + trackingUri + ": " + reason);
  }

  public static VigilException mlflowUnreadable(String action, String trackingUri, Exception cause) {
    return new VigilException(Id.MLFLOW_UNREADABLE, "Cannot " + action + " at " + trackingUri + ": unreadable answer", cause);
  }

  public static VigilException mlflowUnreachable(String action, String trackingUri, Exception cause) {
    return new VigilException(Id.MLFLOW_UNREACHABLE, "Cannot " + action + " at " + trackingUri + ": " + cause.getMessage(), cause);
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

  public static VigilException risksInPrivate(String action, String flow, String environment) {
    return new VigilException(Id.RISKS_IN_PRIVATE, "Cannot " + action + " flow " + flow + " in " + environment
        + ": it runs in PUBLIC only; pass force to run it in a private environment");
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
}
