package io.vigil.api.validator;

import static io.vigil.api.validator.Problems.item;

import io.vigil.api.connector.Connector;
import io.vigil.api.connector.FieldMapping;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.Iso20022XmlConnector;
import io.vigil.api.connector.Iso20022XmlMapping;
import io.vigil.api.connector.JdbcConnector;
import io.vigil.api.connector.MessageFieldMapping;
import io.vigil.api.connector.PaymentColumn;
import io.vigil.api.connector.PaymentMessages;
import io.vigil.api.connector.RestConfig;
import io.vigil.api.connector.SwiftConnector;
import io.vigil.api.connector.SwiftMapping;
import io.vigil.api.connector.SwiftMessageId;
import io.vigil.api.connector.Target;
import io.vigil.api.connector.TimestampConf;
import io.vigil.api.connector.TimestampConfType;
import io.vigil.api.dag.CronExpression;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.Field;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.entity.Secrets;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.validation.ProblemCode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The connector rules of S1 §4 (V-13, V-14), of Vigil's default payment mapping (S1 §4.3–4.4), and of
 * the JDBC connector from KeplerAI (S0).
 */
final class ConnectorRules implements RuleSet {
  /** {@code user:password@} in a URL authority, or a {@code password=} property. */
  private static final Pattern URL_PASSWORD = Pattern.compile("(?i)//[^/@:]+:[^/]*@|password=");

  @Override
  public void check(Solution solution, Problems problems) {
    Map<String, LoadedEntity> folders = new HashMap<>();
    for (LoadedEntity loaded : solution.loaded(EntityKind.CONNECTOR)) {
      Connector c = (Connector) loaded.entity();
      DataSet schema = schema(c, loaded, solution, problems);
      targets(c, schema, loaded, solution, problems);
      landingFolder(c, loaded, folders, problems);
      if (c instanceof FlatFileConnector ff) {
        timestampColumn(ff.source().timestampConf(), schema, loaded, problems);
        rest(ff.restConfig(), schema, loaded, problems);
      } else if (c instanceof SwiftConnector swift) {
        timestampColumn(swift.source().timestampConf(), schema, loaded, problems);
        swiftMappings(swift, schema, loaded, problems);
      } else if (c instanceof Iso20022XmlConnector xml) {
        timestampColumn(xml.source().timestampConf(), schema, loaded, problems);
        singleMapping(xml, loaded, problems);
        isoMappings(xml, schema, loaded, problems);
      } else if (c instanceof JdbcConnector jdbc) {
        jdbc(jdbc, schema, loaded, problems);
      }
    }
  }

  /** Resolves the schema dataset; the default target, when it stands in for it, is resolved with the targets. */
  private static DataSet schema(Connector c, LoadedEntity loaded, Solution solution, Problems problems) {
    if (c.datasetSchemaRef() != null) {
      String path = c instanceof JdbcConnector ? "dataset_schema_ref" : "source.dataset_schema_ref";
      return dataset(problems.reference(loaded, path, EntityKind.DATASET, c.datasetSchemaRef()));
    }
    String name = c.schemaDatasetName();
    return name == null ? null : dataset(solution.find(EntityKind.DATASET, name));
  }

  private static void targets(Connector c, DataSet schema, LoadedEntity loaded, Solution solution, Problems problems) {
    if (c.targets().isEmpty() && c.defaultTargetDatasetName() == null) {
      problems.add(ProblemCode.CONNECTOR_WITHOUT_TARGET, loaded, "targets",
          "Cannot upload with " + Problems.describe(loaded)
              + ": it has neither targets nor a default target; add a target or set default_target_dataset_name");
      return;
    }
    Set<String> seen = new HashSet<>();
    for (Target t : c.targets()) {
      String path = item("targets", t.datasetName());
      if (!seen.add(t.datasetName())) {
        problems.add(ProblemCode.IDENTIFIER_DUPLICATE, loaded, path,
            "Cannot declare target " + t.datasetName() + " of " + Problems.describe(loaded)
                + ": the dataset is a target twice; merge the conditions with OR");
        continue;
      }
      DataSet target = dataset(problems.reference(loaded, path + ".dataset_name", EntityKind.DATASET, t.datasetName()));
      sameSchema(schema, target, loaded, path + ".dataset_name", problems);
      if (t.condition() != null) {
        String error = SqlSyntax.sparkError(t.condition());
        if (error != null) {
          problems.add(ProblemCode.SPARK_SQL_INVALID, loaded, path + ".condition",
              "Cannot parse the condition of target " + t.datasetName() + " of " + Problems.describe(loaded)
                  + ": " + error);
        }
      }
    }
    String fallback = c.defaultTargetDatasetName();
    if (fallback != null) {
      DataSet target = dataset(problems.reference(loaded, "default_target_dataset_name", EntityKind.DATASET, fallback));
      if (!seen.contains(fallback)) {
        sameSchema(schema, target, loaded, "default_target_dataset_name", problems);
      }
    }
  }

  /** Every target holds records shaped like the schema dataset, so it needs all its fields with their types. */
  private static void sameSchema(DataSet schema, DataSet target, LoadedEntity loaded, String path, Problems problems) {
    if (schema == null || target == null || schema.identifier().equals(target.identifier())) {
      return;
    }
    List<String> missing = new ArrayList<>();
    List<String> mismatched = new ArrayList<>();
    for (Field f : schema.fieldList()) {
      Field own = target.findField(f.identifier());
      if (own == null) {
        missing.add(f.identifier());
      } else if (own.dataType() != f.dataType()) {
        mismatched.add(f.identifier() + " (" + own.dataType() + ", expected " + f.dataType() + ")");
      }
    }
    if (missing.isEmpty() && mismatched.isEmpty()) {
      return;
    }
    List<String> reasons = new ArrayList<>();
    if (!missing.isEmpty()) {
      reasons.add("missing " + String.join(", ", missing));
    }
    if (!mismatched.isEmpty()) {
      reasons.add("different data_type " + String.join(", ", mismatched));
    }
    problems.add(ProblemCode.TARGET_SCHEMA_MISMATCH, loaded, path,
        "Cannot write " + Problems.describe(loaded) + " into dataset " + target.identifier()
            + ": it must have every field of schema dataset " + schema.identifier() + " with the same data_type; "
            + String.join("; ", reasons));
  }

  /** Uploads move the files they read, so two connectors on one folder would steal each other's files. */
  private static void landingFolder(
      Connector c, LoadedEntity loaded, Map<String, LoadedEntity> folders, Problems problems) {
    if (c.landingFolder() == null) {
      return;
    }
    String folder = normalize(c.landingFolder());
    LoadedEntity first = folders.putIfAbsent(folder, loaded);
    if (first != null && !first.identifier().equals(loaded.identifier())) {
      problems.add(ProblemCode.LANDING_FOLDER_SHARED, loaded, "source.folder",
          "Cannot read landing folder for " + Problems.describe(loaded) + ": " + Problems.describe(first)
              + " reads it too, and an upload moves the files it reads; give each connector its own folder: datasources/"
              + folder);
    }
  }

  private static String normalize(String folder) {
    String f = folder;
    while (f.startsWith("./")) {
      f = f.substring(2);
    }
    while (f.endsWith("/")) {
      f = f.substring(0, f.length() - 1);
    }
    return f;
  }

  private static void timestampColumn(TimestampConf conf, DataSet schema, LoadedEntity loaded, Problems problems) {
    if (conf != null && conf.type() == TimestampConfType.COLUMN) {
      knownField(schema, conf.columnName(), "source.timestamp_conf.column_name", loaded, problems);
    }
  }

  private static void rest(RestConfig rest, DataSet schema, LoadedEntity loaded, Problems problems) {
    if (rest == null) {
      return;
    }
    if (rest.nested() && rest.fieldMapping().isEmpty()) {
      problems.add(ProblemCode.REST_FIELD_MAPPING_REQUIRED, loaded, "rest_config.field_mapping",
          "Cannot read nested REST messages with " + Problems.describe(loaded)
              + ": field_mapping is required when nested is true; map each JSON path to a dataset field");
    }
    List<FieldMapping> mapping = rest.fieldMapping();
    for (int i = 0; i < mapping.size(); i++) {
      knownField(schema, mapping.get(i).field(), "rest_config.field_mapping[" + i + "].field", loaded, problems);
    }
  }

  private static void singleMapping(Iso20022XmlConnector xml, LoadedEntity loaded, Problems problems) {
    int count = xml.source().mapping().size();
    if (count != 1) {
      problems.add(ProblemCode.SINGLE_MAPPING_ONLY, loaded, "source.mapping",
          "Cannot map ISO 20022 messages with " + Problems.describe(loaded)
              + ": exactly one Iso20022XmlMapping is supported; list all message names in that one mapping; found "
              + count);
    }
  }

  private static void swiftMappings(SwiftConnector swift, DataSet schema, LoadedEntity loaded, Problems problems) {
    List<SwiftMapping> mappings = swift.source().mapping();
    List<MessageFieldMapping> mapped = new ArrayList<>();
    boolean allDefault = true;
    for (int i = 0; i < mappings.size(); i++) {
      SwiftMapping m = mappings.get(i);
      String path = "source.mapping[" + i + "]";
      if (!m.mappingDefault()) {
        allDefault = false;
        traceTransformer(path, m.operationName(), loaded, problems);
        continue;
      }
      for (SwiftMessageId id : m.messageIds()) {
        if (!PaymentMessages.readsMt(id.messageType())) {
          problems.add(ProblemCode.PAYMENT_MESSAGE_UNSUPPORTED, loaded, path + ".message_ids",
              "Cannot map MT" + id.messageType() + " with " + Problems.describe(loaded)
                  + ": Vigil's default mapping reads MT" + String.join(", MT", PaymentMessages.MT_TYPES)
                  + "; remove it or map it with a Trace Transformer JAR (mapping_default: false)");
        }
      }
      mapped.addAll(fieldMappings(m.fieldMapping(), schema, path, loaded, problems));
    }
    if (allDefault) {
      unmappedFields(schema, mapped, loaded, problems);
    }
  }

  private static void isoMappings(Iso20022XmlConnector xml, DataSet schema, LoadedEntity loaded, Problems problems) {
    List<Iso20022XmlMapping> mappings = xml.source().mapping();
    List<MessageFieldMapping> mapped = new ArrayList<>();
    boolean allDefault = !mappings.isEmpty();
    for (int i = 0; i < mappings.size(); i++) {
      Iso20022XmlMapping m = mappings.get(i);
      String path = "source.mapping[" + i + "]";
      if (!m.mappingDefault()) {
        allDefault = false;
        traceTransformer(path, m.operationName(), loaded, problems);
        continue;
      }
      for (String name : m.messageNames()) {
        if (!PaymentMessages.readsIso(name)) {
          problems.add(ProblemCode.PAYMENT_MESSAGE_UNSUPPORTED, loaded, path + ".message_names",
              "Cannot map " + name + " with " + Problems.describe(loaded) + ": Vigil's default mapping reads "
                  + String.join(", ", PaymentMessages.ISO_MESSAGES)
                  + " in any version; remove it or map it with a Trace Transformer JAR (mapping_default: false)");
        }
      }
      mapped.addAll(fieldMappings(m.fieldMapping(), schema, path, loaded, problems));
    }
    if (allDefault) {
      unmappedFields(schema, mapped, loaded, problems);
    }
  }

  private static void traceTransformer(String path, String operation, LoadedEntity loaded, Problems problems) {
    problems.add(ProblemCode.TRACE_TRANSFORMER_REQUIRED, loaded, path + ".mapping_default",
        "Cannot upload with " + Problems.describe(loaded) + ": mapping " + operation
            + " needs ThetaRay's Trace Transformer JAR, which Vigil does not run; set mapping_default: true to use"
            + " Vigil's standard payment columns");
  }

  private static List<MessageFieldMapping> fieldMappings(List<MessageFieldMapping> mappings, DataSet schema,
      String path, LoadedEntity loaded, Problems problems) {
    for (int i = 0; i < mappings.size(); i++) {
      knownField(schema, mappings.get(i).field(), path + ".field_mapping[" + i + "].field", loaded, problems);
    }
    return mappings;
  }

  /** A schema field that is neither a standard payment column nor mapped would always be null. */
  private static void unmappedFields(DataSet schema, List<MessageFieldMapping> mapped, LoadedEntity loaded,
      Problems problems) {
    if (schema == null) {
      return;
    }
    Set<String> filled = new HashSet<>();
    mapped.forEach(m -> filled.add(m.field()));
    List<String> unfilled = schema.fieldList().stream().map(Field::identifier)
        .filter(f -> PaymentColumn.of(f).isEmpty() && !filled.contains(f)).toList();
    if (!unfilled.isEmpty()) {
      problems.add(ProblemCode.PAYMENT_FIELD_UNMAPPED, loaded, "source.dataset_schema_ref",
          "Cannot fill fields " + unfilled + " of schema dataset " + schema.identifier() + " with "
              + Problems.describe(loaded) + ": they are no standard payment columns and no field_mapping"
              + " names them, so they stay null; map them by path or remove them");
    }
  }

  private static void jdbc(JdbcConnector jdbc, DataSet schema, LoadedEntity loaded, Problems problems) {
    // Never echo the value: the point of the rule is that it may be a real password.
    if (jdbc.password() != null && !Secrets.isReference(jdbc.password())) {
      problems.add(ProblemCode.SECRET_INLINE, loaded, "password",
          "Cannot use the password of " + Problems.describe(loaded)
              + ": it is written inline; set it to env:NAME or encrypted:… instead");
    }
    if (URL_PASSWORD.matcher(jdbc.url()).find()) {
      problems.add(ProblemCode.SECRET_INLINE, loaded, "url",
          "Cannot use the url of " + Problems.describe(loaded)
              + ": it contains a password; remove it and set password to env:NAME or encrypted:…");
    }
    if (jdbc.incrementalColumn() != null) {
      knownField(schema, jdbc.incrementalColumn(), "incremental_column", loaded, problems);
    }
    if (jdbc.schedule() != null && !CronExpression.isValid(jdbc.schedule())) {
      problems.add(ProblemCode.CRON_INVALID, loaded, "schedule",
          "Cannot schedule " + Problems.describe(loaded)
              + ": schedule must be a five-field cron expression or a preset such as @daily: '" + jdbc.schedule() + "'");
    }
  }

  private static void knownField(DataSet schema, String field, String path, LoadedEntity loaded, Problems problems) {
    if (schema != null && field != null && schema.findField(field) == null) {
      problems.add(ProblemCode.UNKNOWN_FIELD, loaded, path,
          "Cannot resolve " + Problems.describe(loaded) + " " + path + ": schema dataset " + schema.identifier()
              + " has no field '" + field + "'");
    }
  }

  private static DataSet dataset(LoadedEntity loaded) {
    return loaded != null && loaded.entity() instanceof DataSet ds ? ds : null;
  }
}
