package io.vigil.api.validation;

/**
 * The stable catalogue of problems the loader and the validator report. The constant name is the
 * code users see; it never changes meaning. {@link #rule()} names the ThetaRay guide rule it
 * enforces, where there is one (V-xx and MS-x in the inventory).
 */
public enum ProblemCode {
  // Reading files
  YAML_SYNTAX(Severity.ERROR, "", "The file is not well-formed YAML."),
  JSON_SYNTAX(Severity.ERROR, "", "The text is not well-formed JSON."),
  DUPLICATE_KEY(Severity.ERROR, "", "A mapping has the same key twice."),
  UNKNOWN_KEY(Severity.ERROR, "", "A key is not part of the schema of this entity."),
  WRONG_TYPE(Severity.ERROR, "", "A value has the wrong type, e.g. a list where a string is expected."),
  MISSING_REQUIRED(Severity.ERROR, "", "A required attribute is absent."),
  INVALID_VALUE(Severity.ERROR, "", "A value is not allowed for this attribute."),
  UNKNOWN_TYPE(Severity.ERROR, "", "The `type` key names no known variant of this kind."),
  FILE_IN_WRONG_FOLDER(Severity.ERROR, "S1 §2.3", "A file or entity sits in a folder that does not hold its kind."),
  SOLUTION_MANIFEST(Severity.ERROR, "S1 §2.3", "solution.yaml is missing or invalid."),
  JAVA_COMPILE_ERROR(Severity.ERROR, "", "A Java source of the solution does not compile."),
  PROVIDER_FAILED(Severity.ERROR, "", "A Java entity provider or job class failed to load or to build its entities."),
  FILE_NAME_MISMATCH(Severity.WARNING, "", "A YAML file's name differs from the identifier of the entity it holds."),

  // Identity and references
  IDENTIFIER_MALFORMED(Severity.ERROR, "V-01", "An identifier is not well-formed for its kind."),
  IDENTIFIER_DUPLICATE(Severity.ERROR, "V-01", "Two entities of one kind, or two members of one list, share an identifier."),
  UNRESOLVED_REFERENCE(Severity.ERROR, "", "A reference names an entity, member or job that does not exist."),
  UNKNOWN_FIELD(Severity.ERROR, "", "An attribute names a field that the dataset does not have."),

  // Datasets
  APPEND_REQUIRES_OCCURRED_ON(Severity.ERROR, "V-02", "An APPEND dataset needs an occurred_on_field."),
  OCCURRED_ON_FIELD_TYPE(Severity.ERROR, "V-02", "The occurred_on_field must be a TIMESTAMP, or a STRING, INT or LONG field with a date_format."),
  PRIMARY_KEY_REQUIRED(Severity.ERROR, "V-03", "An OVERWRITE or UPDATE dataset needs a primary key."),
  BUCKETS_REQUIRE_KEYED_MODE(Severity.WARNING, "V-04", "num_of_buckets applies only to OVERWRITE and UPDATE datasets."),
  ENCRYPTION_REQUIRES_STRING(Severity.ERROR, "V-05", "Only STRING fields and properties can be encrypted."),
  AUDIT_REQUIRES_ENCRYPTION(Severity.WARNING, "V-06", "audited has effect only on an encrypted field or property."),
  ENCRYPTION_MODE_REQUIRES_ENCRYPTION(Severity.WARNING, "V-06", "encryption (random or deterministic) has effect only on an encrypted field."),
  INDEX_REQUIRES_PUBLISH(Severity.ERROR, "V-07", "table_indexes and indexed fields need publish=true."),
  PARQUET_INDEX_WITH_ARRAY(Severity.ERROR, "V-08", "A dataset with parquet indexes cannot have array fields."),
  LOCAL_RETENTION_REQUIRES_APPEND(Severity.WARNING, "V-09", "local_storage_retention_days is used only by APPEND datasets and evaluation flows."),
  RETENTION_REQUIRES_APPEND(Severity.ERROR, "V-11", "A retention policy is allowed only on an APPEND dataset."),
  IDENTIFIER_ENCRYPTION_INCONSISTENT(Severity.WARNING, "V-12", "A field shared by several datasets is encrypted in some and not in others."),
  DATE_FORMAT_INVALID(Severity.ERROR, "S1 §3.1.3", "A date_format or timestamp pattern has an unknown directive."),
  SPARK_SQL_INVALID(Severity.ERROR, "S1 §3.1.4, §4.1.4", "A validator or target condition is not a valid Spark SQL expression."),
  PUBLISHED_NAME_COLLISION(Severity.ERROR, "S1 §3.1.7", "A field name collides with a technical column Vigil adds."),

  // Connectors
  CONNECTOR_WITHOUT_TARGET(Severity.ERROR, "S1 §4.1.4", "A connector has neither targets nor a default target dataset."),
  TARGET_SCHEMA_MISMATCH(Severity.ERROR, "S1 §4.1.4", "A connector target lacks fields of the connector's schema dataset."),
  LANDING_FOLDER_SHARED(Severity.ERROR, "S1 §4.8", "Two connectors read the same landing folder."),
  REST_FIELD_MAPPING_REQUIRED(Severity.ERROR, "V-13", "A nested REST config needs a field_mapping."),
  SINGLE_MAPPING_ONLY(Severity.ERROR, "V-14", "An ISO 20022 XML connector supports exactly one mapping."),
  PAYMENT_MESSAGE_UNSUPPORTED(Severity.ERROR, "S1 §4.3–4.4", "A default payment mapping lists a message type Vigil's mapper does not read."),
  PAYMENT_FIELD_UNMAPPED(Severity.WARNING, "S1 §4.3–4.4", "A field of a payment connector's schema dataset is neither a standard payment column nor mapped, so it stays null."),
  TRACE_TRANSFORMER_REQUIRED(Severity.WARNING, "S1 §4.3–4.4", "A payment mapping needs ThetaRay's Trace Transformer JAR (mapping_default is false), so Vigil cannot upload the connector."),
  SECRET_INLINE(Severity.ERROR, "DESIGN §10", "A secret is written inline; use env:NAME or encrypted:… instead."),

  // Evaluation flows
  REALTIME_CONNECTOR_NOT_REST(Severity.ERROR, "V-29", "A real-time flow's input connector must have rest_config enabled."),
  REALTIME_DATASET_REQUIRED(Severity.ERROR, "V-30", "Every dataset in a real-time flow must be marked realtime."),

  // Risks
  CONDITIONS_SHARE_PARAMETER(Severity.ERROR, "MS-1", "Two conditions of a risk use the same parameter."),
  CHILD_SHARES_PARENT_PARAMETER(Severity.ERROR, "MS-2", "A child risk's condition uses a parameter of its parent's conditions."),
  PARENT_CYCLE(Severity.ERROR, "S1 §7.5", "Risk parents form a cycle."),
  UNDEFINED_TEMPLATE_REFERENCE(Severity.ERROR, "V-20", "A {parameters.x}, {variables.x}, {enrichments.x} or Jinja reference names nothing defined."),
  TEMPLATE_SYNTAX(Severity.ERROR, "S1 §7.3", "A Jinja template is not well-formed."),
  SEVERITY_RANGE(Severity.ERROR, "V-19", "A severity is outside the documented range 0–99."),
  PARAMETER_VALUE_MISMATCH(Severity.ERROR, "V-23", "A parameter's value does not parse as its datatype."),
  VARIABLE_ORDER(Severity.ERROR, "S1 §12.4.1", "A variable uses another variable that is not evaluated before it."),
  CONDITION_DISPLAY_REQUIRES_RULE(Severity.WARNING, "V-46", "condition_display and risk explainabilities apply only to RULE and RT_RULE risks."),
  RISK_SQL_INVALID(Severity.ERROR, "DESIGN §4", "A risk's variable or enrichment SQL does not compile against the flow's CDD tables in Postgres."),
  MODEL_NOT_REGISTERED(Severity.WARNING, "S1 §6.1.2", "An evaluation step's model reference matches no registered model, nor one the solution exports; evaluating the flow fails until it is trained."),

  // Graphs
  GRAPH_IDENTIFIER_NONCANONICAL(Severity.WARNING, "V-34", "A node type, edge type or property identifier of the canonical catalogue has a different shape."),
  PARTY_MANDATORY_PROPERTIES(Severity.ERROR, "V-33", "The party node (PR) lacks a mandatory property, or is not write_allowed."),
  EDGE_ENCRYPTION_INCONSISTENT(Severity.ERROR, "V-35", "Nodes that can be the source or target of one edge type differ in encryption."),

  // DAGs
  CRON_INVALID(Severity.ERROR, "S1 §14.1", "A schedule is neither a preset, nor a valid cron expression, nor none."),
  DAG_CYCLE(Severity.ERROR, "S1 §14.2", "The task dependencies of a DAG form a cycle.");

  private final Severity severity;
  private final String rule;
  private final String summary;

  ProblemCode(Severity severity, String rule, String summary) {
    this.severity = severity;
    this.rule = rule;
    this.summary = summary;
  }

  /** The severity a problem with this code has unless a rule says otherwise. */
  public Severity severity() {
    return severity;
  }

  /** The guide rule this code enforces, e.g. "V-02" or "MS-1"; empty when none. */
  public String rule() {
    return rule;
  }

  /** One sentence saying what the problem is. */
  public String summary() {
    return summary;
  }
}
