package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * A Trace Transformer operation that turns SWIFT MT messages into CSV records (S1 §4.3.1). The
 * mapping logic ships as a JAR provided by ThetaRay and kept in the solution repository.
 *
 * <pre>{@code
 * SwiftMapping.builder()
 *     .addMessageId(SwiftMessageId.of("103", "CORE")).addMessageId(SwiftMessageId.of("103", "STP"))
 *     .projectKey("com.tr.swiftmapping").serviceName("SwiftMapping").operationName("MapMT103")
 *     .mappingFilename("domains/cbpack/swift_default_mapping/swiftmapping.jar").mappingSheetname("Mapping")
 *     .mappingDefault(true).csvHasHeader(true).csvQuote("\"").csvDelimiter("|")
 *     .build()
 * }</pre>
 *
 * @param messageIds the message types and variants this mapping handles
 * @param projectKey Trace Transformer project, e.g. {@code com.tr.swiftmapping}
 * @param serviceName Trace Transformer service, e.g. {@code SwiftMapping}
 * @param operationName Trace Transformer operation, e.g. {@code MapMT103}
 * @param mappingFilename path of the mapping JAR
 * @param mappingSheetname sheet of the mapping definition, e.g. {@code Mapping}
 * @param mappingDefault the mapping is ThetaRay's default one
 * @param csvHasHeader the produced CSV has a header line
 * @param csvQuote quote character of the produced CSV
 * @param csvDelimiter field separator of the produced CSV, e.g. {@code |}
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
    String csvDelimiter) {

  public SwiftMapping {
    String what = "SWIFT mapping " + operationName;
    messageIds = Checks.list(messageIds);
    Checks.valid(!messageIds.isEmpty(), what, "message_ids", "must not be empty");
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
        .mappingSheetname(mappingSheetname)
        .mappingDefault(mappingDefault)
        .csvHasHeader(csvHasHeader)
        .csvQuote(csvQuote)
        .csvDelimiter(csvDelimiter);
    b.messageIds.addAll(messageIds);
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

    public SwiftMapping build() {
      return BuildSites.mark(new SwiftMapping(messageIds, projectKey, serviceName, operationName, mappingFilename,
          mappingSheetname, mappingDefault, csvHasHeader, csvQuote, csvDelimiter));
    }
  }
}
