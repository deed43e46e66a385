package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * How ISO 20022 XML messages become dataset records (S1 §4.4.1). With {@code mapping_default: true},
 * Vigil's own streaming mapper fills the standard payment columns
 * ({@link PaymentColumn}, see docs/payments.md) that the schema dataset declares, plus the fields of {@code field_mapping}; the Trace Transformer keys are then
 * optional. With {@code mapping_default: false} the mapping names an operation of ThetaRay's Trace
 * Transformer JAR, which Vigil does not run: such a connector validates but does not upload.
 *
 * <pre>{@code
 * Iso20022XmlMapping.builder()
 *     .messageNames("pacs.008.001.08", "pacs.009.001.08 COV")
 *     .mappingDefault(true)
 *     .addFieldMapping(MessageFieldMapping.of("CdtTrfTxInf/Purp/Cd", "purpose"))
 *     .build()
 * }</pre>
 *
 * @param messageNames the messages handled, e.g. {@code pacs.008.001.08} or {@code pacs.009.001.08 COV};
 *     Vigil's mapper reads a listed message in every version, and a name without a variant takes all variants
 * @param projectKey Trace Transformer project, e.g. {@code MXToCSV}; required unless mapping_default
 * @param serviceName Trace Transformer service, e.g. {@code MXToCSVService}; required unless mapping_default
 * @param operationName Trace Transformer operation, e.g. {@code MXToCSV}; required unless mapping_default
 * @param mappingFilename path of the mapping JAR; required unless mapping_default
 * @param mappingDefault map with Vigil's own mapper to the standard payment columns instead of a Trace Transformer JAR
 * @param csvHasHeader the produced CSV has a header line (Trace Transformer)
 * @param csvQuote quote character of the produced CSV (Trace Transformer)
 * @param csvDelimiter field separator of the produced CSV, e.g. {@code |} (Trace Transformer)
 * @param fieldMapping more fields filled by element path, next to the standard columns; needs mapping_default
 */
public record Iso20022XmlMapping(
    List<String> messageNames,
    String projectKey,
    String serviceName,
    String operationName,
    String mappingFilename,
    boolean mappingDefault,
    boolean csvHasHeader,
    String csvQuote,
    String csvDelimiter,
    List<MessageFieldMapping> fieldMapping) {

  /** {@code area.nnn.nnn.nn} with an optional variant such as {@code Core}, {@code COV} or {@code ADV}. */
  private static final Pattern MESSAGE_NAME = Pattern.compile("(?i)[a-z]{4}\\.\\d{3}\\.\\d{3}\\.\\d{2}( [a-z]+)?");

  public Iso20022XmlMapping {
    messageNames = Checks.list(messageNames);
    String what = "ISO 20022 XML mapping " + (operationName != null ? operationName : messageNames);
    Checks.valid(!messageNames.isEmpty(), what, "message_names", "must not be empty");
    for (String name : messageNames) {
      Checks.valid(MESSAGE_NAME.matcher(name).matches(), what, "message_names",
          "must hold ISO 20022 message names such as pacs.008.001.08: '" + name + "'");
    }
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
      Checks.valid(MessageFieldMapping.XML_PATH.matcher(m.path()).matches(), what, "field_mapping",
          "must be element names joined by /, optionally ending in /@attribute, e.g. CdtTrfTxInf/Purp/Cd: '"
              + m.path() + "'");
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
        .mappingDefault(mappingDefault)
        .csvHasHeader(csvHasHeader)
        .csvQuote(csvQuote)
        .csvDelimiter(csvDelimiter);
    b.messageNames.addAll(messageNames);
    b.fieldMapping.addAll(fieldMapping);
    return b;
  }

  public static final class Builder {
    private final List<String> messageNames = new ArrayList<>();
    private String projectKey;
    private String serviceName;
    private String operationName;
    private String mappingFilename;
    private boolean mappingDefault;
    private boolean csvHasHeader;
    private String csvQuote;
    private String csvDelimiter;
    private final List<MessageFieldMapping> fieldMapping = new ArrayList<>();

    private Builder() {}

    public Builder messageNames(String... messageNames) {
      this.messageNames.addAll(Arrays.asList(messageNames));
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

    public Iso20022XmlMapping build() {
      return BuildSites.mark(new Iso20022XmlMapping(messageNames, projectKey, serviceName, operationName,
          mappingFilename, mappingDefault, csvHasHeader, csvQuote, csvDelimiter, fieldMapping));
    }
  }
}
