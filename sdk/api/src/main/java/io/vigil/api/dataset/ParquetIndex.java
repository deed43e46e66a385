package io.vigil.api.dataset;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Identifiers;

/**
 * A secondary Parquet copy of a dataset or evaluation flow, clustered by one identifier field and
 * the occurred-on time, for low-latency lookups on very large tables (S1 §3.1.8, §6.4).
 *
 * @param identifier index name, e.g. {@code query_by_account_id}
 * @param identifierField the field the index is clustered by
 * @param blockSize Parquet block size in bytes
 * @param numIdentifierBins number of identifier bins
 * @param identifiersSampleSize sample size used to compute the bins
 * @param ilmSetting tiering of the index files
 */
public record ParquetIndex(
    String identifier,
    String identifierField,
    Long blockSize,
    Integer numIdentifierBins,
    Integer identifiersSampleSize,
    IlmSetting ilmSetting) {

  public ParquetIndex {
    Checks.identifier(identifier, "parquet index", "identifier", Identifiers.ENTITY);
    String what = "parquet index " + identifier;
    Checks.required(identifierField, what, "identifier_field");
    if (blockSize != null) {
      Checks.valid(blockSize > 0, what, "block_size", "must be positive: " + blockSize);
    }
    Checks.positive(numIdentifierBins, what, "num_identifier_bins");
    Checks.positive(identifiersSampleSize, what, "identifiers_sample_size");
  }

  public static Builder builder(String identifier, String identifierField) {
    return new Builder(identifier, identifierField);
  }

  public Builder toBuilder() {
    return new Builder(identifier, identifierField)
        .blockSize(blockSize)
        .numIdentifierBins(numIdentifierBins)
        .identifiersSampleSize(identifiersSampleSize)
        .ilmSetting(ilmSetting);
  }

  public static final class Builder {
    private final String identifier;
    private final String identifierField;
    private Long blockSize;
    private Integer numIdentifierBins;
    private Integer identifiersSampleSize;
    private IlmSetting ilmSetting;

    private Builder(String identifier, String identifierField) {
      this.identifier = identifier;
      this.identifierField = identifierField;
    }

    public Builder blockSize(Long blockSize) {
      this.blockSize = blockSize;
      return this;
    }

    public Builder numIdentifierBins(Integer numIdentifierBins) {
      this.numIdentifierBins = numIdentifierBins;
      return this;
    }

    public Builder identifiersSampleSize(Integer identifiersSampleSize) {
      this.identifiersSampleSize = identifiersSampleSize;
      return this;
    }

    public Builder ilmSetting(IlmSetting ilmSetting) {
      this.ilmSetting = ilmSetting;
      return this;
    }

    public ParquetIndex build() {
      return BuildSites.mark(new ParquetIndex(
          identifier, identifierField, blockSize, numIdentifierBins, identifiersSampleSize, ilmSetting));
    }
  }
}
