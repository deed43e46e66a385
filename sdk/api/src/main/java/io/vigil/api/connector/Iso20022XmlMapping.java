package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A Trace Transformer operation that turns ISO 20022 XML messages into CSV records (S1 §4.4.1).
 *
 * <pre>{@code
 * Iso20022XmlMapping.builder()
 *     .messageNames("pacs.008.001.08")
 *     .projectKey("MXToCSV").serviceName("MXToCSVService").operationName("MXToCSV")
 *     .mappingFilename("domains/default/swift_mx_mapping/MXToCSV.jar")
 *     .mappingDefault(true).csvHasHeader(true).csvQuote("\"").csvDelimiter("|")
 *     .build()
 * }</pre>
 *
 * @param messageNames the messages handled, e.g. {@code pacs.008.001.08} or {@code pacs.009.001.08 COV}
 * @param projectKey Trace Transformer project, e.g. {@code MXToCSV}
 * @param serviceName Trace Transformer service, e.g. {@code MXToCSVService}
 * @param operationName Trace Transformer operation, e.g. {@code MXToCSV}
 * @param mappingFilename path of the mapping JAR
 * @param mappingDefault the mapping is ThetaRay's default one
 * @param csvHasHeader the produced CSV has a header line
 * @param csvQuote quote character of the produced CSV
 * @param csvDelimiter field separator of the produced CSV, e.g. {@code |}
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
    String csvDelimiter) {

  /** {@code area.nnn.nnn.nn} with an optional variant such as {@code Core}, {@code COV} or {@code ADV}. */
  private static final Pattern MESSAGE_NAME = Pattern.compile("(?i)[a-z]{4}\\.\\d{3}\\.\\d{3}\\.\\d{2}( [a-z]+)?");

  public Iso20022XmlMapping {
    String what = "ISO 20022 XML mapping " + operationName;
    messageNames = Checks.list(messageNames);
    Checks.valid(!messageNames.isEmpty(), what, "message_names", "must not be empty");
    for (String name : messageNames) {
      Checks.valid(MESSAGE_NAME.matcher(name).matches(), what, "message_names",
          "must hold ISO 20022 message names such as pacs.008.001.08: '" + name + "'");
    }
    Checks.required(projectKey, what, "project_key");
    Checks.required(serviceName, what, "service_name");
    Checks.required(operationName, what, "operation_name");
    Checks.required(mappingFilename, what, "mapping_filename");
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

    public Iso20022XmlMapping build() {
      return BuildSites.mark(new Iso20022XmlMapping(messageNames, projectKey, serviceName, operationName,
          mappingFilename, mappingDefault, csvHasHeader, csvQuote, csvDelimiter));
    }
  }
}
