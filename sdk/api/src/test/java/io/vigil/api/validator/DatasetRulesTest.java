package io.vigil.api.validator;

import static io.vigil.api.validator.Fixtures.paths;
import static io.vigil.api.validator.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataTier;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.FieldEncryption;
import io.vigil.api.dataset.IlmSetting;
import io.vigil.api.dataset.IngestionMode;
import io.vigil.api.dataset.ParquetIndex;
import io.vigil.api.dataset.RetentionPolicy;
import io.vigil.api.dataset.TableIndex;
import io.vigil.api.dataset.Validator;
import io.vigil.api.validation.ProblemCode;
import io.vigil.api.validation.ValidationReport;
import org.junit.jupiter.api.Test;

class DatasetRulesTest {
  private static DataSet.Builder append() {
    return DataSet.builder("transaction")
        .ingestionMode(IngestionMode.APPEND)
        .addField(Field.of("trans_id", DataType.STRING))
        .addField(Field.of("account_id", DataType.STRING))
        .addField(Field.of("date", DataType.TIMESTAMP))
        .occurredOnField("date");
  }

  private static DataSet.Builder overwrite() {
    return DataSet.builder("account")
        .ingestionMode(IngestionMode.OVERWRITE)
        .addField(Field.of("account_id", DataType.STRING))
        .addField(Field.of("district", DataType.STRING))
        .primaryKey("account_id");
  }

  @Test
  void validDatasetsHaveNoProblems() {
    assertThat(validate(append().build(), overwrite().build()).problems()).isEmpty();
  }

  @Test
  void appendNeedsOccurredOnField() {
    ValidationReport r = validate(append().occurredOnField(null).build());
    assertThat(paths(r, ProblemCode.APPEND_REQUIRES_OCCURRED_ON)).containsExactly("dataset[transaction].occurred_on_field");
  }

  @Test
  void occurredOnFieldMustExistAndBeTemporal() {
    assertThat(paths(validate(append().occurredOnField("nope").build()), ProblemCode.UNKNOWN_FIELD))
        .containsExactly("dataset[transaction].occurred_on_field");
    assertThat(paths(validate(append().occurredOnField("trans_id").build()), ProblemCode.OCCURRED_ON_FIELD_TYPE))
        .containsExactly("dataset[transaction].occurred_on_field");
  }

  @Test
  void keyedModesNeedAPrimaryKeyWhoseFieldsExist() {
    assertThat(paths(validate(overwrite().primaryKey().build()), ProblemCode.PRIMARY_KEY_REQUIRED))
        .containsExactly("dataset[account].primary_key");
    assertThat(paths(validate(overwrite().ingestionMode(IngestionMode.UPDATE).primaryKey("account_id", "x").build()),
        ProblemCode.UNKNOWN_FIELD)).containsExactly("dataset[account].primary_key[1]");
  }

  @Test
  void bucketsOnlyForKeyedModes() {
    ValidationReport r = validate(append().numOfBuckets(7).build());
    assertThat(paths(r, ProblemCode.BUCKETS_REQUIRE_KEYED_MODE)).containsExactly("dataset[transaction].num_of_buckets");
    assertThat(r.hasErrors()).isFalse();
  }

  @Test
  void encryptionOnlyOnStrings() {
    DataSet ds = append().addField(Field.builder("amount", DataType.DOUBLE).encrypted(true).build()).build();
    assertThat(paths(validate(ds), ProblemCode.ENCRYPTION_REQUIRES_STRING))
        .containsExactly("dataset[transaction].field_list[amount].encrypted");
  }

  @Test
  void auditedWithoutEncryptionIsAWarning() {
    DataSet ds = append().addField(Field.builder("name", DataType.STRING).audited(true).build()).build();
    assertThat(paths(validate(ds), ProblemCode.AUDIT_REQUIRES_ENCRYPTION))
        .containsExactly("dataset[transaction].field_list[name].audited");
  }

  @Test
  void anEncryptionModeWithoutEncryptionIsAWarning() {
    DataSet ds = append().addField(Field.builder("iban", DataType.STRING).encryption(FieldEncryption.DETERMINISTIC).build())
        .addField(Field.builder("account", DataType.STRING).encrypted(true).encryption(FieldEncryption.DETERMINISTIC).build())
        .build();
    assertThat(paths(validate(ds), ProblemCode.ENCRYPTION_MODE_REQUIRES_ENCRYPTION))
        .containsExactly("dataset[transaction].field_list[iban].encryption");
  }

  @Test
  void indexesNeedPublish() {
    DataSet ds = overwrite()
        .addField(Field.builder("owner", DataType.STRING).indexed(true).build())
        .addTableIndex(TableIndex.of("by_district", "district"))
        .build();
    assertThat(paths(validate(ds), ProblemCode.INDEX_REQUIRES_PUBLISH))
        .containsExactlyInAnyOrder("dataset[account].field_list[owner].indexed", "dataset[account].table_indexes");
    assertThat(validate(ds.toBuilder().publish(true).build()).problems()).isEmpty();
  }

  @Test
  void tableIndexColumnsMustExist() {
    DataSet ds = overwrite().publish(true).addTableIndex(TableIndex.of("by_x", "district", "x")).build();
    assertThat(paths(validate(ds), ProblemCode.UNKNOWN_FIELD)).containsExactly("dataset[account].table_indexes[by_x].columns[1]");
  }

  @Test
  void noArrayFieldsWithParquetIndexes() {
    DataSet ds = append()
        .addField(Field.builder("tags", DataType.STRING).arrayIndicator(true).build())
        .addParquetIndex(ParquetIndex.builder("by_account", "account_id").build())
        .build();
    assertThat(paths(validate(ds), ProblemCode.PARQUET_INDEX_WITH_ARRAY))
        .containsExactly("dataset[transaction].field_list[tags].array_indicator");
  }

  @Test
  void retentionOnlyOnAppend() {
    assertThat(validate(append().retentionPolicy(RetentionPolicy.months(24)).build()).problems()).isEmpty();
    assertThat(paths(validate(overwrite().retentionPolicy(RetentionPolicy.months(24)).build()),
        ProblemCode.RETENTION_REQUIRES_APPEND)).containsExactly("dataset[account].retention_policy");
  }

  @Test
  void localStorageRetentionOnlyOnAppend() {
    DataSet ds = overwrite().ilmSetting(IlmSetting.of(DataTier.HOT, 30)).build();
    assertThat(paths(validate(ds), ProblemCode.LOCAL_RETENTION_REQUIRES_APPEND))
        .containsExactly("dataset[account].ilm_setting.local_storage_retention_days");
  }

  @Test
  void dateFormatsMustConvert() {
    DataSet ds = append().addField(Field.builder("d2", DataType.TIMESTAMP).dateFormat("%Y-%Q").build()).build();
    ValidationReport r = validate(ds);
    assertThat(paths(r, ProblemCode.DATE_FORMAT_INVALID)).containsExactly("dataset[transaction].field_list[d2].date_format");
    assertThat(r.problems().get(0).message()).contains("%Q");
  }

  @Test
  void fieldsAndValidatorsAreUnique() {
    DataSet ds = append()
        .addField(Field.of("date", DataType.TIMESTAMP))
        .addValidator(Validator.reject("positive", "amount > 0"))
        .addValidator(Validator.warn("positive", "amount < 1e9"))
        .build();
    assertThat(paths(validate(ds), ProblemCode.IDENTIFIER_DUPLICATE)).containsExactlyInAnyOrder(
        "dataset[transaction].field_list[date]", "dataset[transaction].validators[positive]");
  }

  @Test
  void technicalColumnNamesAreReserved() {
    DataSet ds = append().addField(Field.of("tr_job_ts", DataType.TIMESTAMP)).build();
    assertThat(paths(validate(ds), ProblemCode.PUBLISHED_NAME_COLLISION))
        .containsExactly("dataset[transaction].field_list[tr_job_ts]");
  }

  @Test
  void sharedIdentifiersShouldBeEncryptedEverywhere() {
    DataSet a = overwrite().fieldList(java.util.List.of(
        Field.builder("account_id", DataType.STRING).encrypted(true).build(), Field.of("district", DataType.STRING))).build();
    ValidationReport r = validate(a, append().build());
    assertThat(paths(r, ProblemCode.IDENTIFIER_ENCRYPTION_INCONSISTENT))
        .containsExactly("dataset[transaction].field_list[account_id].encrypted");
  }

  @Test
  void recordIdentifierMustExist() {
    assertThat(paths(validate(append().recordIdentifier("nope").build()), ProblemCode.UNKNOWN_FIELD))
        .containsExactly("dataset[transaction].record_identifier");
  }

  @Test
  void duplicateIdentifiersAcrossTheSolution() {
    ValidationReport r = validate(append().build(), append().build());
    assertThat(paths(r, ProblemCode.IDENTIFIER_DUPLICATE)).containsExactly("dataset[transaction].identifier");
  }
}
