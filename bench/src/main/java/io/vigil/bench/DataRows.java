package io.vigil.bench;

import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.Source;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DataType;
import io.vigil.api.dataset.Field;
import io.vigil.api.dataset.IngestionMode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The rows of the data-runtime benchmarks, a pure function of the row number so that both sides of a
 * comparison, and every run, get exactly the same rows: transactions (APPEND, spread over the twelve
 * months of 2024, so monthly partitioning matters) and accounts (an OVERWRITE snapshot keyed by
 * account_id, of which every 100th row changes between the two snapshots).
 */
final class DataRows {
  /** 2024-01-01T00:00:00Z; transactions fall within the 366 days after it. */
  static final long YEAR_START = 1_704_067_200L;
  static final long YEAR_SECONDS = 366L * 86_400;
  /** Every CHANGE_EVERY-th account changes in the second snapshot: 1 %. */
  static final int CHANGE_EVERY = 100;

  static final DataSet TRANSACTION = transactions("transaction", null);
  /** The same shape as text from a landing CSV: dates as yyyyMMdd, parsed by the dataset's date format. */
  static final DataSet TRANSACTION_UPLOAD = transactions("transaction_upload", "%Y%m%d");
  static final DataSet ACCOUNT = DataSet.builder("account").ingestionMode(IngestionMode.OVERWRITE)
      .addField(Field.of("account_id", DataType.STRING))
      .addField(Field.of("name", DataType.STRING))
      .addField(Field.of("country", DataType.STRING))
      .addField(Field.of("risk_score", DataType.INT))
      .addField(Field.of("balance", DataType.DOUBLE))
      .primaryKey("account_id").publish(true).build();
  static final FlatFileConnector UPLOAD_CONNECTOR = FlatFileConnector.builder("transactions_csv")
      .source(Source.builder("tx_upload", "transaction_upload").delimiter(",").build())
      .defaultTargetDatasetName("transaction_upload").build();
  static final String CSV_HEADER = "trans_id,account_id,amount,currency,channel,date";

  private DataRows() {}

  private static DataSet transactions(String id, String dateFormat) {
    Field.Builder date = Field.builder("date", DataType.TIMESTAMP);
    if (dateFormat != null) {
      date.dateFormat(dateFormat);
    }
    return DataSet.builder(id).ingestionMode(IngestionMode.APPEND)
        .addField(Field.of("trans_id", DataType.STRING))
        .addField(Field.of("account_id", DataType.STRING))
        .addField(Field.of("amount", DataType.DOUBLE))
        .addField(Field.of("currency", DataType.STRING))
        .addField(Field.of("channel", DataType.STRING))
        .addField(date.build())
        .occurredOnField("date").publish(true).build();
  }

  /** {@code rows} transactions as a job would hand them to the writer (typed, dates as timestamps). */
  static Dataset<Row> transactions(SparkSession spark, long rows) {
    return spark.range(0, rows, 1, 2).selectExpr(
        "concat('T', lpad(cast(id as string), 9, '0')) as trans_id",
        "concat('A', lpad(cast(id % 100000 as string), 7, '0')) as account_id",
        "((id * 7919) % 1000000) / 100.0 as amount",
        "element_at(array('USD', 'EUR', 'GBP', 'CHF'), cast(id % 4 + 1 as int)) as currency",
        "element_at(array('wire', 'card', 'cash'), cast(id % 3 + 1 as int)) as channel",
        "timestamp_seconds(" + YEAR_START + " + (id * 104729) % " + YEAR_SECONDS + ") as date");
  }

  /** An account snapshot; {@code changed} adds 1 to the balance of every {@link #CHANGE_EVERY}-th account. */
  static Dataset<Row> accounts(SparkSession spark, long rows, boolean changed) {
    String balance = "((id * 7919) % 10000000) / 100.0";
    return spark.range(0, rows, 1, 2).selectExpr(
        "concat('A', lpad(cast(id as string), 9, '0')) as account_id",
        "concat('Customer ', cast(id as string)) as name",
        "element_at(array('CH', 'DE', 'FR', 'GB', 'US'), cast(id % 5 + 1 as int)) as country",
        "cast(id % 100 as int) as risk_score",
        (changed ? "case when id % " + CHANGE_EVERY + " = 0 then " + balance + " + 1 else " + balance + " end" : balance)
            + " as balance");
  }

  /** One landing CSV line of transaction {@code id}: the same values as {@link #transactions}, dates as yyyyMMdd. */
  static String csvLine(long id) {
    LocalDateTime date = LocalDateTime.ofEpochSecond(YEAR_START + (id * 104729) % YEAR_SECONDS, 0, ZoneOffset.UTC);
    return String.format(Locale.ROOT, "T%09d,A%07d,%s,%s,%s,%s", id, id % 100000,
        Double.toString(((id * 7919) % 1000000) / 100.0), new String[] {"USD", "EUR", "GBP", "CHF"}[(int) (id % 4)],
        new String[] {"wire", "card", "cash"}[(int) (id % 3)], DateTimeFormatter.BASIC_ISO_DATE.format(date));
  }

  /** Writes a landing CSV of {@code rows} transactions with a header line. */
  static void writeCsv(Path file, long rows) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(CSV_HEADER);
      out.write('\n');
      for (long id = 0; id < rows; id++) {
        out.write(csvLine(id));
        out.write('\n');
      }
    }
  }
}
