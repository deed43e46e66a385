package io.vigil.api.dataset;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A field of a dataset (S1 §3.1.3, §12.4.4, §13.6, §20.3).
 *
 * @param identifier unique and immutable within the dataset; the column name in Delta and Postgres
 * @param displayName title in the Investigation Center
 * @param dataType the field's type
 * @param dateFormat how the source writes dates, strftime style ({@code %Y%m%d}); used to parse
 * @param arrayIndicator the field holds an array of {@code dataType}
 * @param indexed create a Postgres index when the dataset is published
 * @param validators field-level validators
 * @param description free text
 * @param category a grouping label usable in dynamic risk templates
 * @param encrypted encrypted at rest; STRING fields only
 * @param audited every read of the field is audited, decrypted or not; meaningful only when encrypted
 * @param encryption how an encrypted field is encrypted; null means {@link FieldEncryption#RANDOM}
 * @param annotations CRA annotations such as {@code kyc}, {@code kyc.order}, {@code customer_id}
 * @param includeInReport add the column to the CRA automatic report
 * @param includeInHash part of the activity hash that decides whether a reclassification still holds
 * @param validValues documented allowed values: not enforced; a write keeps other values and counts them per field as warnings
 * @param businessType business meaning of a numeric value
 * @param units units for the business type, e.g. USD
 * @param isExplainabilityColumn published to the flow's {@code _expl} table
 * @param dynamicDescription Jinja template describing the value on an alert
 */
public record Field(
    String identifier,
    String displayName,
    DataType dataType,
    String dateFormat,
    boolean arrayIndicator,
    boolean indexed,
    List<Validator> validators,
    String description,
    String category,
    boolean encrypted,
    boolean audited,
    FieldEncryption encryption,
    Map<String, Object> annotations,
    boolean includeInReport,
    boolean includeInHash,
    List<String> validValues,
    BusinessType businessType,
    String units,
    boolean isExplainabilityColumn,
    String dynamicDescription) {

  public Field {
    Checks.identifier(identifier, "field", "identifier", Identifiers.ENTITY);
    Checks.required(dataType, "field " + identifier, "data_type");
    validators = Checks.list(validators);
    annotations = Checks.freeForm(annotations);
    validValues = Checks.list(validValues);
  }

  /** A field with only an identifier and a type. */
  public static Field of(String identifier, DataType dataType) {
    return builder(identifier, dataType).build();
  }

  public static Builder builder(String identifier, DataType dataType) {
    return new Builder(identifier, dataType);
  }

  public Builder toBuilder() {
    Builder b = new Builder(identifier, dataType);
    b.displayName = displayName;
    b.dateFormat = dateFormat;
    b.arrayIndicator = arrayIndicator;
    b.indexed = indexed;
    b.validators.addAll(validators);
    b.description = description;
    b.category = category;
    b.encrypted = encrypted;
    b.audited = audited;
    b.encryption = encryption;
    b.annotations.putAll(annotations);
    b.includeInReport = includeInReport;
    b.includeInHash = includeInHash;
    b.validValues.addAll(validValues);
    b.businessType = businessType;
    b.units = units;
    b.isExplainabilityColumn = isExplainabilityColumn;
    b.dynamicDescription = dynamicDescription;
    return b;
  }

  public static final class Builder {
    private final String identifier;
    private final DataType dataType;
    private String displayName;
    private String dateFormat;
    private boolean arrayIndicator;
    private boolean indexed;
    private final List<Validator> validators = new ArrayList<>();
    private String description;
    private String category;
    private boolean encrypted;
    private boolean audited;
    private FieldEncryption encryption;
    private final Map<String, Object> annotations = new LinkedHashMap<>();
    private boolean includeInReport;
    private boolean includeInHash;
    private final List<String> validValues = new ArrayList<>();
    private BusinessType businessType;
    private String units;
    private boolean isExplainabilityColumn;
    private String dynamicDescription;

    private Builder(String identifier, DataType dataType) {
      this.identifier = identifier;
      this.dataType = dataType;
    }

    public Builder displayName(String displayName) {
      this.displayName = displayName;
      return this;
    }

    public Builder dateFormat(String dateFormat) {
      this.dateFormat = dateFormat;
      return this;
    }

    public Builder arrayIndicator(boolean arrayIndicator) {
      this.arrayIndicator = arrayIndicator;
      return this;
    }

    public Builder indexed(boolean indexed) {
      this.indexed = indexed;
      return this;
    }

    public Builder addValidator(Validator validator) {
      this.validators.add(validator);
      return this;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder category(String category) {
      this.category = category;
      return this;
    }

    public Builder encrypted(boolean encrypted) {
      this.encrypted = encrypted;
      return this;
    }

    public Builder audited(boolean audited) {
      this.audited = audited;
      return this;
    }

    public Builder encryption(FieldEncryption encryption) {
      this.encryption = encryption;
      return this;
    }

    public Builder annotation(String key, Object value) {
      this.annotations.put(key, value);
      return this;
    }

    public Builder includeInReport(boolean includeInReport) {
      this.includeInReport = includeInReport;
      return this;
    }

    public Builder includeInHash(boolean includeInHash) {
      this.includeInHash = includeInHash;
      return this;
    }

    public Builder validValues(String... validValues) {
      this.validValues.addAll(Arrays.asList(validValues));
      return this;
    }

    public Builder businessType(BusinessType businessType, String units) {
      this.businessType = businessType;
      this.units = units;
      return this;
    }

    public Builder isExplainabilityColumn(boolean isExplainabilityColumn) {
      this.isExplainabilityColumn = isExplainabilityColumn;
      return this;
    }

    public Builder dynamicDescription(String dynamicDescription) {
      this.dynamicDescription = dynamicDescription;
      return this;
    }

    public Field build() {
      return BuildSites.mark(new Field(identifier, displayName, dataType, dateFormat, arrayIndicator, indexed,
          validators, description, category, encrypted, audited, encryption, annotations, includeInReport, includeInHash,
          validValues, businessType, units, isExplainabilityColumn, dynamicDescription));
    }
  }
}
