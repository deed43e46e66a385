package io.vigil.api.connector;

import io.vigil.api.dataset.IlmSetting;
import io.vigil.api.dataset.RetentionPolicy;
import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.nio.charset.Charset;

/**
 * Where and how a flat-file connector reads its files (S1 §4.1.2).
 *
 * <pre>{@code
 * Source.builder("transactions", "transaction")
 *     .delimiter(";")
 *     .timestampConf(TimestampConf.column("date", "%y%m%d"))
 *     .build()
 * }</pre>
 *
 * @param folder landing folder relative to {@code datasources/}, e.g. {@code transactions}
 * @param fileFormat CSV, JSON or PARQUET (default CSV)
 * @param hasHeader the first line of a CSV file names the columns (default true)
 * @param delimiter CSV field separator (default {@code ,})
 * @param quote CSV quote character (default {@code "})
 * @param escape CSV escape character; empty disables escaping
 * @param inferSchema let Spark infer column types instead of reading every column as text
 * @param timestampConf how each record is timestamped; null uses the execution date
 * @param datasetSchemaRef the dataset whose schema every target dataset shares
 * @param ilmSetting tiering of the raw files, which are tiered at once
 * @param retentionPolicy purge of the raw files by execution date
 * @param encoding character set of the files (default UTF-8)
 */
public record Source(
    String folder,
    FileFormat fileFormat,
    Boolean hasHeader,
    String delimiter,
    String quote,
    String escape,
    boolean inferSchema,
    TimestampConf timestampConf,
    String datasetSchemaRef,
    IlmSetting ilmSetting,
    RetentionPolicy retentionPolicy,
    String encoding) {

  public Source {
    String what = "source " + folder;
    LandingFolders.check(folder, "source");
    fileFormat = Checks.orDefault(fileFormat, FileFormat.CSV);
    hasHeader = Checks.orDefault(hasHeader, true);
    delimiter = Checks.orDefault(delimiter, ",");
    Checks.valid(!delimiter.isEmpty(), what, "delimiter", "must not be empty");
    quote = Checks.orDefault(quote, "\"");
    Checks.required(datasetSchemaRef, what, "dataset_schema_ref");
    encoding = Checks.orDefault(encoding, "UTF-8");
    Checks.valid(isCharset(encoding), what, "encoding", "is not a known character set: '" + encoding + "'");
  }

  private static boolean isCharset(String name) {
    try {
      return Charset.isSupported(name);
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  public static Builder builder(String folder, String datasetSchemaRef) {
    return new Builder(folder, datasetSchemaRef);
  }

  public Builder toBuilder() {
    return new Builder(folder, datasetSchemaRef)
        .fileFormat(fileFormat)
        .hasHeader(hasHeader)
        .delimiter(delimiter)
        .quote(quote)
        .escape(escape)
        .inferSchema(inferSchema)
        .timestampConf(timestampConf)
        .ilmSetting(ilmSetting)
        .retentionPolicy(retentionPolicy)
        .encoding(encoding);
  }

  public static final class Builder {
    private final String folder;
    private final String datasetSchemaRef;
    private FileFormat fileFormat;
    private Boolean hasHeader;
    private String delimiter;
    private String quote;
    private String escape;
    private boolean inferSchema;
    private TimestampConf timestampConf;
    private IlmSetting ilmSetting;
    private RetentionPolicy retentionPolicy;
    private String encoding;

    private Builder(String folder, String datasetSchemaRef) {
      this.folder = folder;
      this.datasetSchemaRef = datasetSchemaRef;
    }

    public Builder fileFormat(FileFormat fileFormat) {
      this.fileFormat = fileFormat;
      return this;
    }

    public Builder hasHeader(Boolean hasHeader) {
      this.hasHeader = hasHeader;
      return this;
    }

    public Builder delimiter(String delimiter) {
      this.delimiter = delimiter;
      return this;
    }

    public Builder quote(String quote) {
      this.quote = quote;
      return this;
    }

    public Builder escape(String escape) {
      this.escape = escape;
      return this;
    }

    public Builder inferSchema(boolean inferSchema) {
      this.inferSchema = inferSchema;
      return this;
    }

    public Builder timestampConf(TimestampConf timestampConf) {
      this.timestampConf = timestampConf;
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

    public Builder encoding(String encoding) {
      this.encoding = encoding;
      return this;
    }

    public Source build() {
      return BuildSites.mark(new Source(folder, fileFormat, hasHeader, delimiter, quote, escape, inferSchema,
          timestampConf, datasetSchemaRef, ilmSetting, retentionPolicy, encoding));
    }
  }
}
