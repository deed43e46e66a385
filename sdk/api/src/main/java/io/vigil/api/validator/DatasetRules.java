package io.vigil.api.validator;

import static io.vigil.api.validator.Problems.item;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.DateFormats;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.ParquetIndex;
import io.vigil.api.dataset.TableIndex;
import io.vigil.api.dataset.TechnicalColumns;
import io.vigil.api.dataset.Validator;
import io.vigil.api.entity.EntityKind;
import io.vigil.api.solution.LoadedEntity;
import io.vigil.api.solution.Solution;
import io.vigil.api.validation.ProblemCode;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** The dataset rules of S1 §3.1–3.4 (V-02 … V-12). */
final class DatasetRules implements RuleSet {
  @Override
  public void check(Solution solution, Problems problems) {
    for (LoadedEntity loaded : solution.loaded(EntityKind.DATASET)) {
      DataSet ds = (DataSet) loaded.entity();
      fields(ds, loaded, problems);
      keysAndTime(ds, loaded, problems);
      storage(ds, loaded, problems);
      validators(ds.validators(), "validators", loaded, problems);
      if (ds.recordIdentifier() != null && ds.findField(ds.recordIdentifier()) == null) {
        unknownField(loaded, "record_identifier", ds.recordIdentifier(), problems);
      }
    }
    encryptionConsistency(solution, problems);
  }

  private static void fields(DataSet ds, LoadedEntity loaded, Problems problems) {
    Set<String> seen = new HashSet<>();
    for (Field f : ds.fieldList()) {
      String path = item("field_list", f.identifier());
      if (!seen.add(f.identifier())) {
        problems.add(ProblemCode.IDENTIFIER_DUPLICATE, loaded, path,
            "Cannot declare field " + f.identifier() + " of dataset " + ds.identifier() + ": it is declared twice");
      }
      if (TechnicalColumns.isReserved(f.identifier())) {
        problems.add(ProblemCode.PUBLISHED_NAME_COLLISION, loaded, path,
            "Cannot declare field " + f.identifier() + " of dataset " + ds.identifier()
                + ": the name is a technical column Vigil adds; rename the field");
      }
      if (f.encrypted() && f.dataType() != DataType.STRING) {
        problems.add(ProblemCode.ENCRYPTION_REQUIRES_STRING, loaded, path + ".encrypted",
            "Cannot encrypt field " + f.identifier() + " of dataset " + ds.identifier()
                + ": only STRING fields can be encrypted, this one is " + f.dataType());
      }
      if (f.audited() && !f.encrypted()) {
        problems.add(ProblemCode.AUDIT_REQUIRES_ENCRYPTION, loaded, path + ".audited",
            "Cannot audit field " + f.identifier() + " of dataset " + ds.identifier()
                + ": audited applies only to encrypted fields; set encrypted or drop audited");
      }
      if (f.encryption() != null && !f.encrypted()) {
        problems.add(ProblemCode.ENCRYPTION_MODE_REQUIRES_ENCRYPTION, loaded, path + ".encryption",
            "Cannot use encryption " + f.encryption().name().toLowerCase(Locale.ROOT) + " on field " + f.identifier()
                + " of dataset " + ds.identifier() + ": the field is not encrypted; set encrypted: true or drop encryption");
      }
      if (f.indexed() && !ds.publish()) {
        problems.add(ProblemCode.INDEX_REQUIRES_PUBLISH, loaded, path + ".indexed",
            "Cannot index field " + f.identifier() + " of dataset " + ds.identifier()
                + ": indexes exist only on published datasets; set publish: true or drop indexed");
      }
      if (f.dateFormat() != null) {
        try {
          DateFormats.toSparkPattern(f.dateFormat());
        } catch (IllegalArgumentException e) {
          problems.add(ProblemCode.DATE_FORMAT_INVALID, loaded, path + ".date_format", e.getMessage());
        }
      }
      validators(f.validators(), path + ".validators", loaded, problems);
    }
  }

  private static void keysAndTime(DataSet ds, LoadedEntity loaded, Problems problems) {
    IngestionMode mode = ds.ingestionMode();
    if (ds.occurredOnField() == null) {
      if (mode == IngestionMode.APPEND) {
        problems.add(ProblemCode.APPEND_REQUIRES_OCCURRED_ON, loaded, "occurred_on_field",
            "Cannot declare APPEND dataset " + ds.identifier()
                + ": occurred_on_field is required; name the field that holds each record's business time");
      }
    } else {
      Field f = ds.findField(ds.occurredOnField());
      if (f == null) {
        unknownField(loaded, "occurred_on_field", ds.occurredOnField(), problems);
      } else if (!isTemporal(f)) {
        problems.add(ProblemCode.OCCURRED_ON_FIELD_TYPE, loaded, "occurred_on_field",
            "Cannot use field " + f.identifier() + " as occurred_on_field of dataset " + ds.identifier()
                + ": it must be a TIMESTAMP, or a STRING, INT or LONG with a date_format; it is " + f.dataType());
      }
    }
    if (mode.isKeyed() && ds.primaryKey().isEmpty()) {
      problems.add(ProblemCode.PRIMARY_KEY_REQUIRED, loaded, "primary_key",
          "Cannot declare " + mode + " dataset " + ds.identifier()
              + ": a primary key is required to keep history by key; set primary_key");
    }
    List<String> key = ds.primaryKey();
    for (int i = 0; i < key.size(); i++) {
      Field f = ds.findField(key.get(i));
      String path = "primary_key[" + i + "]";
      if (f == null) {
        unknownField(loaded, path, key.get(i), problems);
      } else if (f.arrayIndicator()) {
        problems.add(ProblemCode.INVALID_VALUE, loaded, path,
            "Cannot use array field " + f.identifier() + " in the primary key of dataset " + ds.identifier());
      }
    }
    if (ds.numOfBuckets() != null && !mode.isKeyed()) {
      problems.add(ProblemCode.BUCKETS_REQUIRE_KEYED_MODE, loaded, "num_of_buckets",
          "Cannot bucket APPEND dataset " + ds.identifier() + ": num_of_buckets applies only to OVERWRITE and UPDATE");
    }
  }

  private static void storage(DataSet ds, LoadedEntity loaded, Problems problems) {
    if (!ds.tableIndexes().isEmpty() && !ds.publish()) {
      problems.add(ProblemCode.INDEX_REQUIRES_PUBLISH, loaded, "table_indexes",
          "Cannot declare table indexes on dataset " + ds.identifier()
              + ": indexes exist only on published datasets; set publish: true");
    }
    for (TableIndex index : ds.tableIndexes()) {
      String path = item("table_indexes", index.identifier());
      columns(ds, index.columns(), path + ".columns", loaded, problems);
      columns(ds, index.include(), path + ".include", loaded, problems);
    }
    if (!ds.parquetIndexes().isEmpty()) {
      for (Field f : ds.fieldList()) {
        if (f.arrayIndicator()) {
          problems.add(ProblemCode.PARQUET_INDEX_WITH_ARRAY, loaded, item("field_list", f.identifier()) + ".array_indicator",
              "Cannot declare parquet indexes on dataset " + ds.identifier() + ": field " + f.identifier()
                  + " is an array, and array fields cannot be parquet-indexed");
        }
      }
    }
    for (ParquetIndex index : ds.parquetIndexes()) {
      if (ds.findField(index.identifierField()) == null) {
        unknownField(loaded, item("parquet_indexes", index.identifier()) + ".identifier_field", index.identifierField(), problems);
      }
    }
    if (ds.ilmSetting() != null && ds.ilmSetting().localStorageRetentionDays() != null
        && ds.ingestionMode() != IngestionMode.APPEND) {
      problems.add(ProblemCode.LOCAL_RETENTION_REQUIRES_APPEND, loaded, "ilm_setting.local_storage_retention_days",
          "Cannot keep " + ds.ingestionMode() + " dataset " + ds.identifier()
              + " in local storage for a number of days: such datasets are tiered at once; drop local_storage_retention_days");
    }
    if (ds.retentionPolicy() != null && ds.ingestionMode() != IngestionMode.APPEND) {
      problems.add(ProblemCode.RETENTION_REQUIRES_APPEND, loaded, "retention_policy",
          "Cannot set a retention policy on " + ds.ingestionMode() + " dataset " + ds.identifier()
              + ": retention applies only to APPEND datasets");
    }
  }

  static void validators(List<Validator> validators, String path, LoadedEntity loaded, Problems problems) {
    Set<String> names = new HashSet<>();
    for (Validator v : validators) {
      String at = item(path, v.name());
      if (!names.add(v.name())) {
        problems.add(ProblemCode.IDENTIFIER_DUPLICATE, loaded, at,
            "Cannot declare validator " + v.name() + " of " + Problems.describe(loaded) + ": the name is used twice");
      }
      String error = SqlSyntax.sparkError(v.validateLogic());
      if (error != null) {
        problems.add(ProblemCode.SPARK_SQL_INVALID, loaded, at + ".validate_logic",
            "Cannot parse validator " + v.name() + " of " + Problems.describe(loaded) + ": " + error);
      }
    }
  }

  private static void columns(DataSet ds, List<String> columns, String path, LoadedEntity loaded, Problems problems) {
    for (int i = 0; i < columns.size(); i++) {
      String column = columns.get(i);
      if (ds.findField(column) == null && !TechnicalColumns.isReserved(column)) {
        unknownField(loaded, path + "[" + i + "]", column, problems);
      }
    }
  }

  private static void unknownField(LoadedEntity loaded, String path, String field, Problems problems) {
    problems.add(ProblemCode.UNKNOWN_FIELD, loaded, path,
        "Cannot resolve " + Problems.describe(loaded) + " " + path + ": the dataset has no field '" + field + "'");
  }

  static boolean isTemporal(Field f) {
    return f.dataType() == DataType.TIMESTAMP
        || (f.dateFormat() != null && (f.dataType() == DataType.STRING || f.dataType() == DataType.INT
            || f.dataType() == DataType.LONG));
  }

  /** V-12: a field shared by several datasets should be encrypted everywhere or nowhere. */
  private static void encryptionConsistency(Solution solution, Problems problems) {
    Map<String, Map<LoadedEntity, Boolean>> byField = new LinkedHashMap<>();
    for (LoadedEntity loaded : solution.loaded(EntityKind.DATASET)) {
      for (Field f : ((DataSet) loaded.entity()).fieldList()) {
        byField.computeIfAbsent(f.identifier(), k -> new LinkedHashMap<>()).put(loaded, f.encrypted());
      }
    }
    byField.forEach((field, uses) -> {
      if (uses.containsValue(true) && uses.containsValue(false)) {
        uses.forEach((loaded, encrypted) -> {
          if (!encrypted) {
            problems.add(ProblemCode.IDENTIFIER_ENCRYPTION_INCONSISTENT, loaded, item("field_list", field) + ".encrypted",
                "Cannot keep field " + field + " of dataset " + loaded.identifier()
                    + " in clear text: other datasets encrypt it; a shared identifier should be encrypted everywhere");
          }
        });
      }
    });
  }
}
