package io.vigil.api.connector;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.ArrayList;
import java.util.List;

/**
 * REST ingestion into a flat-file connector (S1 §4.2, §10.4, §10.6.3). Clients POST JSON records;
 * they are buffered and flushed as a CSV file into the connector's landing folder when
 * {@code max_buffered_records} is reached or {@code flush_interval_minutes} has passed, and then
 * uploaded like any other file. Replaces the guide's legacy {@code rest_connector}.
 *
 * <pre>{@code
 * RestConfig.builder().enable(true).maxBufferedRecords(1000).flushIntervalMinutes(5)
 *     .nested(true).addFieldMapping("instructing_agent1.address.street", "agent1_address_street")
 *     .build()
 * }</pre>
 *
 * @param enable accept records through the REST endpoint
 * @param maxBufferedRecords records per flushed file
 * @param flushIntervalMinutes minutes after which buffered records are flushed even if fewer
 * @param readChunkSize records read from the buffer at a time
 * @param nested messages are nested JSON; then {@code field_mapping} is required
 * @param fieldMapping where each dataset field is found in a nested message
 * @param publish publish each request at once to the target dataset's CDD table (default false)
 */
public record RestConfig(
    boolean enable,
    Integer maxBufferedRecords,
    Integer flushIntervalMinutes,
    Integer readChunkSize,
    boolean nested,
    List<FieldMapping> fieldMapping,
    boolean publish) {

  public RestConfig {
    Checks.positive(maxBufferedRecords, "REST config", "max_buffered_records");
    Checks.positive(flushIntervalMinutes, "REST config", "flush_interval_minutes");
    Checks.positive(readChunkSize, "REST config", "read_chunk_size");
    fieldMapping = Checks.list(fieldMapping);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder()
        .enable(enable)
        .maxBufferedRecords(maxBufferedRecords)
        .flushIntervalMinutes(flushIntervalMinutes)
        .readChunkSize(readChunkSize)
        .nested(nested)
        .publish(publish);
    b.fieldMapping.addAll(fieldMapping);
    return b;
  }

  public static final class Builder {
    private boolean enable;
    private Integer maxBufferedRecords;
    private Integer flushIntervalMinutes;
    private Integer readChunkSize;
    private boolean nested;
    private final List<FieldMapping> fieldMapping = new ArrayList<>();
    private boolean publish;

    private Builder() {}

    public Builder enable(boolean enable) {
      this.enable = enable;
      return this;
    }

    public Builder maxBufferedRecords(Integer maxBufferedRecords) {
      this.maxBufferedRecords = maxBufferedRecords;
      return this;
    }

    public Builder flushIntervalMinutes(Integer flushIntervalMinutes) {
      this.flushIntervalMinutes = flushIntervalMinutes;
      return this;
    }

    public Builder readChunkSize(Integer readChunkSize) {
      this.readChunkSize = readChunkSize;
      return this;
    }

    public Builder nested(boolean nested) {
      this.nested = nested;
      return this;
    }

    public Builder addFieldMapping(FieldMapping mapping) {
      this.fieldMapping.add(mapping);
      return this;
    }

    public Builder addFieldMapping(String jsonPath, String field) {
      return addFieldMapping(FieldMapping.of(jsonPath, field));
    }

    public Builder publish(boolean publish) {
      this.publish = publish;
      return this;
    }

    public RestConfig build() {
      return BuildSites.mark(new RestConfig(
          enable, maxBufferedRecords, flushIntervalMinutes, readChunkSize, nested, fieldMapping, publish));
    }
  }
}
