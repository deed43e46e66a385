package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * How a group of SWIFT MT message types becomes dataset records (S1 §4.3.1). With
 * {@code mapping_default: true}, Vigil's own mapper fills the standard payment columns
 * ({@link PaymentColumn}, see docs/payments.md) that the schema dataset declares, plus the fields
 * of {@code field_mapping}; the Trace Transformer keys are then optional. With {@code mapping_default: false} the mapping names an
 * operation of ThetaRay's Trace Transformer JAR, which Vigil does not run: such a connector validates
 * but does not upload.
 *
 * <pre>{@code
 * SwiftMapping.builder()
 *     .addMessageId(SwiftMessageId.of("103", "CORE")).addMessageId(SwiftMessageId.of("103", "STP"))
 *     .mappingDefault(true)
 *     .addFieldMapping(MessageFieldMapping.of("23B", "bank_operation_code"))
 *     .build()
 * }</pre>
 *
 * @param messageIds the message types and variants this mapping handles
 * @param projectKey Trace Transformer project, e.g. {@code com.tr.swiftmapping}; required unless mapping_default
 * @param serviceName Trace Transformer service, e.g. {@code SwiftMapping}; required unless mapping_default
 * @param operationName Trace Transformer operation, e.g. {@code MapMT103}; required unless mapping_default
 * @param mappingFilename path of the mapping JAR; required unless mapping_default
 * @param mappingSheetname sheet of the mapping definition, e.g. {@code Mapping}
 * @param mappingDefault map with Vigil's own mapper to the standard payment columns instead of a Trace Transformer JAR
 * @param csvHasHeader the produced CSV has a header line (Trace Transformer)
 * @param csvQuote quote character of the produced CSV (Trace Transformer)
 * @param csvDelimiter field separator of the produced CSV, e.g. {@code |} (Trace Transformer)
 * @param fieldMapping more fields filled by MT tag, next to the standard columns; needs mapping_default
 */
public record SwiftMapping(
    List<SwiftMessageId> messageIds,
    String projectKey,
    String serviceName,
    String operationName,
    String mappingFilename,
    String mappingSheetname,
    boolean mappingDefault,
    boolean csvHasHeader,
    String csvQuote,
    String csvDelimiter,
    List<MessageFieldMapping> fieldMapping) {

  public SwiftMapping {
    messageIds = Checks.list(messageIds);
    String what = "SWIFT mapping " + (operationName != null ? operationName : messageIds);
    Checks.valid(!messageIds.isEmpty(), what, "message_ids", "must not be empty");
    if (!mappingDefault) {
      Checks.required(projectKey, what, "project_key");
      Checks.required(serviceName, what, "service_name");
      Checks.required(operationName, what, "operation_name");
      Checks.required(mappingFilename, what, "mapping_filename");
    }
    fieldMapping = Checks.list(fieldMapping);
    Checks.valid(mappingDefault || fieldMapping.isEmpty(), what, "field_mapping",
        "needs mapping_default: true; a Trace Transformer mapping defines its own fields");
    for (MessageFieldMapping m : fieldMapping) {
      Checks.valid(MessageFieldMapping.MT_PATH.matcher(m.path()).matches(), what, "field_mapping",
          "must name MT tags such as 72, 23B, 56a (any option) or 3:108 (block 3): '" + m.path() + "'");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder()
        .projectKey(projectKey)
        .serviceName(serviceName)
        .operationName(operationName)
        .mappingFilename(mappingFilename)
        .mappingSheetname(mappingSheetname)
        .mappingDefault(mappingDefault)
        .csvHasHeader(csvHasHeader)
        .csvQuote(csvQuote)
        .csvDelimiter(csvDelimiter);
    b.messageIds.addAll(messageIds);
    b.fieldMapping.addAll(fieldMapping);
    return b;
  }

  public static final class Builder {
    private final List<SwiftMessageId> messageIds = new ArrayList<>();
    private String projectKey;
    private String serviceName;
    private String operationName;
    private String mappingFilename;
    private String mappingSheetname;
    private boolean mappingDefault;
    private boolean csvHasHeader;
    private String csvQuote;
    private String csvDelimiter;
    private final List<MessageFieldMapping> fieldMapping = new ArrayList<>();

    private Builder() {}

    public Builder addMessageId(SwiftMessageId messageId) {
      this.messageIds.add(messageId);
      return this;
    }

    public Builder projectKey(String projectKey) {
      this.projectKey = projectKey;
      return this;
    }

    public Builder serviceName(String serviceName) {
      this.serviceName = serviceName;
      return this;
    }

    public Builder operationName(String operationName) {
      this.operationName = operationName;
      return this;
    }

    public Builder mappingFilename(String mappingFilename) {
      this.mappingFilename = mappingFilename;
      return this;
    }

    public Builder mappingSheetname(String mappingSheetname) {
      this.mappingSheetname = mappingSheetname;
      return this;
    }

    public Builder mappingDefault(boolean mappingDefault) {
      this.mappingDefault = mappingDefault;
      return this;
    }

    public Builder csvHasHeader(boolean csvHasHeader) {
      this.csvHasHeader = csvHasHeader;
      return this;
    }

    public Builder csvQuote(String csvQuote) {
      this.csvQuote = csvQuote;
      return this;
    }

    public Builder csvDelimiter(String csvDelimiter) {
      this.csvDelimiter = csvDelimiter;
      return this;
    }

    public Builder addFieldMapping(MessageFieldMapping mapping) {
      this.fieldMapping.add(mapping);
      return this;
    }

    public SwiftMapping build() {
      return BuildSites.mark(new SwiftMapping(messageIds, projectKey, serviceName, operationName, mappingFilename,
          mappingSheetname, mappingDefault, csvHasHeader, csvQuote, csvDelimiter, fieldMapping));
    }
  }
}
