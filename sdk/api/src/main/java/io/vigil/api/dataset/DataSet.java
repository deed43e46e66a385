package io.vigil.api.dataset;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A dataset: a typed table stored in Delta and, when published, in the Postgres CDD (S1 §3.1).
 *
 * <pre>{@code
 * DataSet accounts = DataSet.builder("account")
 *     .displayName("Accounts")
 *     .ingestionMode(IngestionMode.OVERWRITE)
 *     .addField(Field.of("account_id", DataType.STRING))
 *     .addField(Field.builder("opened", DataType.TIMESTAMP).dateFormat("%Y%m%d").build())
 *     .primaryKey("account_id")
 *     .occurredOnField("opened")
 *     .publish(true)
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable; names the Delta and Postgres tables
 * @param displayName title in the Investigation Center
 * @param description free text
 * @param fieldList the schema, in column order
 * @param dataPermission the user group allowed to see the data, e.g. {@code dpv:public}
 * @param ingestionMode APPEND, OVERWRITE or UPDATE
 * @param primaryKey key fields; required for OVERWRITE and UPDATE
 * @param numOfPartitions Spark partitions used when writing
 * @param numOfBuckets buckets per partition by primary key (OVERWRITE and UPDATE only)
 * @param occurredOnField the business time of a record; required for APPEND
 * @param validateEnable run validators on write and upload (default true)
 * @param validators record-level validators
 * @param publish create a CDD table at sync and allow {@code publish()}
 * @param parquetIndexes secondary Parquet representations
 * @param tableIndexes Postgres indexes on the published table
 * @param ilmSetting data tiering
 * @param retentionPolicy purge policy (APPEND only)
 * @param realtime the dataset takes part in a real-time flow
 * @param recordIdentifier field that identifies a corrupted record in the upload report
 * @param emitCorruptedRecord include corrupted records in the upload report (off to protect PII)
 * @param tags free labels
 */
public record DataSet(
    String identifier,
    String displayName,
    String description,
    List<Field> fieldList,
    String dataPermission,
    IngestionMode ingestionMode,
    List<String> primaryKey,
    Integer numOfPartitions,
    Integer numOfBuckets,
    String occurredOnField,
    Boolean validateEnable,
    List<Validator> validators,
    boolean publish,
    List<ParquetIndex> parquetIndexes,
    List<TableIndex> tableIndexes,
    IlmSetting ilmSetting,
    RetentionPolicy retentionPolicy,
    boolean realtime,
    String recordIdentifier,
    boolean emitCorruptedRecord,
    List<String> tags)
    implements Entity {

  public DataSet {
    Checks.entityIdentifier(identifier, "dataset");
    String what = "dataset " + identifier;
    fieldList = Checks.list(fieldList);
    Checks.valid(!fieldList.isEmpty(), what, "field_list", "must not be empty");
    Checks.required(ingestionMode, what, "ingestion_mode");
    primaryKey = Checks.list(primaryKey);
    Checks.positive(numOfPartitions, what, "num_of_partitions");
    Checks.positive(numOfBuckets, what, "num_of_buckets");
    validateEnable = Checks.orDefault(validateEnable, true);
    validators = Checks.list(validators);
    parquetIndexes = Checks.list(parquetIndexes);
    tableIndexes = Checks.list(tableIndexes);
    tags = Checks.list(tags);
  }

  @Override
  public EntityKind kind() {
    return EntityKind.DATASET;
  }

  /** The field with this identifier, or null. */
  public Field findField(String fieldIdentifier) {
    for (Field f : fieldList) {
      if (f.identifier().equals(fieldIdentifier)) {
        return f;
      }
    }
    return null;
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier);
    b.displayName = displayName;
    b.description = description;
    b.fieldList.addAll(fieldList);
    b.dataPermission = dataPermission;
    b.ingestionMode = ingestionMode;
    b.primaryKey.addAll(primaryKey);
    b.numOfPartitions = numOfPartitions;
    b.numOfBuckets = numOfBuckets;
    b.occurredOnField = occurredOnField;
    b.validateEnable = validateEnable;
    b.validators.addAll(validators);
    b.publish = publish;
    b.parquetIndexes.addAll(parquetIndexes);
    b.tableIndexes.addAll(tableIndexes);
    b.ilmSetting = ilmSetting;
    b.retentionPolicy = retentionPolicy;
    b.realtime = realtime;
    b.recordIdentifier = recordIdentifier;
    b.emitCorruptedRecord = emitCorruptedRecord;
    b.tags.addAll(tags);
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private String displayName;
    private String description;
    private final List<Field> fieldList = new ArrayList<>();
    private String dataPermission;
    private IngestionMode ingestionMode;
    private final List<String> primaryKey = new ArrayList<>();
    private Integer numOfPartitions;
    private Integer numOfBuckets;
    private String occurredOnField;
    private Boolean validateEnable;
    private final List<Validator> validators = new ArrayList<>();
    private boolean publish;
    private final List<ParquetIndex> parquetIndexes = new ArrayList<>();
    private final List<TableIndex> tableIndexes = new ArrayList<>();
    private IlmSetting ilmSetting;
    private RetentionPolicy retentionPolicy;
    private boolean realtime;
    private String recordIdentifier;
    private boolean emitCorruptedRecord;
    private final List<String> tags = new ArrayList<>();

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder addField(Field field) {
      this.fieldList.add(field);
      return this;
    }

    /** Adds a field with only an identifier and a type. */
    public Builder addField(String fieldIdentifier, DataType dataType) {
      return addField(Field.of(fieldIdentifier, dataType));
    }

    /** Replaces the field list. */
    public Builder fieldList(List<Field> fields) {
      this.fieldList.clear();
      this.fieldList.addAll(fields);
      return this;
    }

    public Builder dataPermission(String dataPermission) {
      this.dataPermission = dataPermission;
      return this;
    }

    public Builder ingestionMode(IngestionMode ingestionMode) {
      this.ingestionMode = ingestionMode;
      return this;
    }

    public Builder primaryKey(String... fields) {
      this.primaryKey.clear();
      this.primaryKey.addAll(Arrays.asList(fields));
      return this;
    }

    public Builder numOfPartitions(Integer numOfPartitions) {
      this.numOfPartitions = numOfPartitions;
      return this;
    }

    public Builder numOfBuckets(Integer numOfBuckets) {
      this.numOfBuckets = numOfBuckets;
      return this;
    }

    public Builder occurredOnField(String occurredOnField) {
      this.occurredOnField = occurredOnField;
      return this;
    }

    public Builder validateEnable(Boolean validateEnable) {
      this.validateEnable = validateEnable;
      return this;
    }

    public Builder addValidator(Validator validator) {
      this.validators.add(validator);
      return this;
    }

    public Builder publish(boolean publish) {
      this.publish = publish;
      return this;
    }

    public Builder addParquetIndex(ParquetIndex index) {
      this.parquetIndexes.add(index);
      return this;
    }

    public Builder addTableIndex(TableIndex index) {
      this.tableIndexes.add(index);
      return this;
    }

    public Builder ilmSetting(IlmSetting ilmSetting) {
      this.ilmSetting = ilmSetting;
      return this;
    }

    public Builder retentionPolicy(RetentionPolicy retentionPolicy) {
      this.retentionPolicy = retentionPolicy;
      return this;
    }

    public Builder realtime(boolean realtime) {
      this.realtime = realtime;
      return this;
    }

    public Builder recordIdentifier(String recordIdentifier) {
      this.recordIdentifier = recordIdentifier;
      return this;
    }

    public Builder emitCorruptedRecord(boolean emitCorruptedRecord) {
      this.emitCorruptedRecord = emitCorruptedRecord;
      return this;
    }

    public Builder tags(String... tags) {
      this.tags.addAll(Arrays.asList(tags));
      return this;
    }

    public DataSet build() {
      return BuildSites.mark(new DataSet(identifier, displayName, description, fieldList, dataPermission,
          ingestionMode, primaryKey, numOfPartitions, numOfBuckets, occurredOnField, validateEnable, validators,
          publish, parquetIndexes, tableIndexes, ilmSetting, retentionPolicy, realtime, recordIdentifier,
          emitCorruptedRecord, tags));
    }
  }
}
