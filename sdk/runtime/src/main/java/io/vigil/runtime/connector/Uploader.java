package io.vigil.runtime.connector;

import static io.vigil.api.dataset.TechnicalColumns.TR_JOB_TS;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_FILE;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_LINE;
import static io.vigil.api.dataset.TechnicalColumns.TR_TIMESTAMP;
import static io.vigil.api.dataset.TechnicalColumns.TR_WRITER;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.vigil.api.connector.Connector;
import io.vigil.api.connector.FileFormat;
import io.vigil.api.connector.FlatFileConnector;
import io.vigil.api.connector.Iso20022XmlConnector;
import io.vigil.api.connector.JdbcConnector;
import io.vigil.api.connector.Source;
import io.vigil.api.connector.SwiftConnector;
import io.vigil.api.connector.TimestampConf;
import io.vigil.api.dataset.DataSet;
import io.vigil.api.dataset.DateFormats;
import io.vigil.api.dataset.Field;
import io.vigil.runtime.connector.payment.PaymentFiles;
import io.vigil.runtime.context.RunContext;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.dataset.Internal;
import io.vigil.runtime.dataset.Routing;
import io.vigil.runtime.dataset.SqlLiterals;
import io.vigil.runtime.dataset.WriteOptions;
import io.vigil.runtime.dataset.WriteResult;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.monitoring.Reports;
import io.vigil.runtime.monitoring.StoredReport;
import io.vigil.runtime.monitoring.UploadSummary;
import io.vigil.runtime.schema.DateParsing;
import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.ObjectStore;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.hadoop.io.LongWritable;
import org.apache.hadoop.io.Text;
import org.apache.hadoop.mapred.TextInputFormat;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a file connector (S1 §4.7): reads the files of its landing folder (CSV, JSON lines or
 * Parquet; SWIFT MT or ISO 20022 XML messages mapped to the standard payment columns, see
 * {@link PaymentFiles}), types them with the schema dataset, routes each record to a target, writes
 * every target with its ingestion mode, and archives the files under
 * {@code upload/<connector>/<Y>/<M>/<D>/<YYYY_MM_DD_HH_MM_SS>/}.
 *
 * <p>Nothing is lost: every record of every file is either stored or sent, with its file and line
 * (for messages: its position in the file), to a rejected-rows table. A file is archived only after
 * every target was written, and a rerun for the same execution date reads the files it archived
 * before, so reruns converge. In a PRIVATE environment files are read but never moved, so
 * production uploads still find them.
 */
public final class Uploader {
  private static final Logger LOG = LoggerFactory.getLogger(Uploader.class);
  /** Suffix of the control file that marks a landing file consumed. */
  public static final String CONTROL_SUFFIX = ".consumed";
  private static final int HEADER_BYTES = 1 << 16;

  private Uploader() {}

  /** Runs the connector, then writes its data upload report when the solution asks for one. */
  public static UploadResult upload(RunContext context, String connectorId, UploadOptions options) {
    UploadResult result = run(context, connectorId, options);
    StoredReport report = Reports.afterUpload(context, summary(result));
    return report == null ? result : result.withReport(report.path());
  }

  private static UploadSummary summary(UploadResult result) {
    List<UploadSummary.UploadedFile> files = result.files().stream()
        .map(f -> new UploadSummary.UploadedFile(f.key(), f.rowsIn(), f.rowsAccepted(), f.rowsRejected(), f.archivedTo()))
        .toList();
    Map<String, Long> written = new LinkedHashMap<>();
    result.targets().forEach(w -> written.merge(w.dataset(), w.written(), Long::sum));
    return new UploadSummary(result.connector(), result.environment(), files, written);
  }

  private static UploadResult run(RunContext context, String connectorId, UploadOptions options) {
    Connector connector = context.catalog().connector(connectorId);
    if (connector instanceof JdbcConnector jdbc) {
      return JdbcIngest.upload(context, jdbc, options);
    }
    Environment env = options.environment() != null ? options.environment() : context.environment();
    context.checkWritable(env, "connector " + connectorId);
    Layout layout = context.layout();
    ObjectStore objects = context.stores().objects();
    String bucket = layout.bucket();
    if (!objects.bucketExists(bucket)) {
      throw RuntimeErrors.landingBucketMissing(connectorId, bucket);
    }
    LocalDateTime date = context.executionDate();
    Inputs inputs = Inputs.find(objects, bucket, layout, connector, date, context.executionStamp(), env.isPublic(), options);
    if (inputs.files().isEmpty()) {
      if (options.failOnNoData()) {
        throw RuntimeErrors.noFilesLanded(connectorId, ObjectStore.url(bucket, inputs.landing()));
      }
      LOG.info("Connector {}: no files in {}", connectorId, ObjectStore.url(bucket, inputs.landing()));
      return new UploadResult(connectorId, env, date, List.of(), List.of());
    }
    context.progress().stage("upload " + connectorId + ": " + inputs.files().size() + (inputs.files().size() == 1 ? " file" : " files"));
    SparkSession spark = context.spark();
    SparkSessions.configureS3a(spark, context.stores().settings());
    DataSet schema = context.catalog().dataset(connector.schemaDatasetName());
    Dataset<Row> rows = connector instanceof FlatFileConnector flatFile
        ? read(spark, objects, bucket, inputs, flatFile.source(), schema, options.schemaPadding())
        : PaymentFiles.read(spark, connector, schema, paymentSources(bucket, inputs));
    rows = withTimestamps(rows, timestampConf(connector), inputs).persist(StorageLevel.MEMORY_AND_DISK());
    try {
      Map<String, Long> rowsIn = countByFile(rows);
      List<Routing.Route> routes = connector.targets().stream().map(t -> new Routing.Route(t.datasetName(), t.condition())).toList();
      String rejectTo = rejectTarget(connector);
      Map<String, Dataset<Row>> byTarget = Routing.route(rows, schema, routes, connector.defaultTargetDatasetName(), rejectTo,
          options.schemaPadding());
      WriteOptions write = new WriteOptions(env, connectorId, true, false);
      List<WriteResult> results = new ArrayList<>();
      for (Map.Entry<String, Dataset<Row>> target : byTarget.entrySet()) {
        results.add(Datasets.write(context, target.getValue(), target.getKey(), write));
      }
      Map<String, Long> rejected = rejectedByFile(context, byTarget.keySet(), env, date, connectorId);
      List<FileResult> files = new ArrayList<>();
      for (ObjectInfo file : inputs.files()) {
        long in = rowsIn.getOrDefault(inputs.source(file), 0L);
        long bad = rejected.getOrDefault(inputs.source(file), 0L);
        String archivedTo = inputs.consume() ? inputs.archive(objects, bucket, file, options.useControlFiles()) : null;
        files.add(new FileResult(file.key(), in, in - bad, bad, archivedTo));
      }
      UploadResult result = new UploadResult(connectorId, env, date, files, results);
      context.metrics().add(connectorId + "-uploaded_files", files.size());
      context.metrics().add(connectorId + "-uploaded_rows", result.rowsIn());
      LOG.info("Connector {}: {} files, {} rows in, {} rejected", connectorId, files.size(), result.rowsIn(), result.rowsRejected());
      context.progress().done(result.rowsIn() + " rows in, " + result.rowsRejected() + " rejected");
      return result;
    } finally {
      rows.unpersist();
    }
  }

  /** Where unreadable and unrouted records are rejected: the default target, else the schema dataset if it is a target, else the first target. */
  private static String rejectTarget(Connector c) {
    if (c.defaultTargetDatasetName() != null) {
      return c.defaultTargetDatasetName();
    }
    List<String> targets = c.targetDatasetNames();
    return targets.contains(c.schemaDatasetName()) ? c.schemaDatasetName() : targets.get(0);
  }

  /** SWIFT and ISO 20022 files, by Hadoop path, with the name their rows carry. */
  private static Map<String, String> paymentSources(String bucket, Inputs inputs) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ObjectInfo file : inputs.files()) {
      out.put("s3a://" + bucket + "/" + file.key(), inputs.source(file));
    }
    return out;
  }

  private static TimestampConf timestampConf(Connector c) {
    if (c instanceof SwiftConnector swift) {
      return swift.source().timestampConf();
    }
    if (c instanceof Iso20022XmlConnector xml) {
      return xml.source().timestampConf();
    }
    return ((FlatFileConnector) c).source().timestampConf();
  }

  private static Dataset<Row> read(SparkSession spark, ObjectStore objects, String bucket, Inputs inputs,
      Source source, DataSet schema, boolean padding) {
    List<String> fields = schema.fieldList().stream().map(Field::identifier).toList();
    if (source.fileFormat() == FileFormat.PARQUET) {
      return ParquetFiles.read(spark, bucket, inputs, fields, padding);
    }
    boolean json = source.fileFormat() == FileFormat.JSON;
    Charset charset = Charset.forName(source.encoding());
    CsvLine csv = new CsvLine(source.delimiter(), source.quote(), source.escape());
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    String charsetName = charset.name();
    JavaRDD<Row> all = null;
    for (ObjectInfo file : inputs.files()) {
      Header header = json ? Header.json(fields) : Header.csv(objects, bucket, file, source, csv, charset, fields, padding);
      String path = "s3a://" + bucket + "/" + file.key();
      JavaRDD<String> lines = jsc.hadoopFile(path, TextInputFormat.class, LongWritable.class, Text.class)
          .map(pair -> decode(pair._2(), charsetName));
      JavaRDD<Row> parsed = lines.zipWithIndex().mapPartitions(new LineParser(inputs.source(file), json,
          Boolean.TRUE.equals(source.hasHeader()), csv, header.positions(), header.width(), fields, header.error()));
      all = all == null ? parsed : all.union(parsed);
    }
    StructType structure = new StructType();
    for (String f : fields) {
      structure = structure.add(f, DataTypes.StringType);
    }
    structure = structure.add(TR_SOURCE_FILE, DataTypes.StringType).add(TR_SOURCE_LINE, DataTypes.LongType)
        .add(Internal.RAW, DataTypes.StringType).add(Internal.REJECT_REASON, DataTypes.StringType);
    return spark.createDataFrame(all, structure);
  }

  private static String decode(Text text, String charset) {
    return new String(text.getBytes(), 0, text.getLength(), Charset.forName(charset));
  }

  /** Adds {@code tr_timestamp} from the connector's timestamp configuration (S1 §4.1.3). */
  private static Dataset<Row> withTimestamps(Dataset<Row> rows, TimestampConf conf, Inputs inputs) {
    if (conf == null) {
      return rows;
    }
    return switch (conf.type()) {
      case EXECUTION_DATE -> rows;
      case COLUMN -> {
        Column raw = col(conf.columnName());
        Column parsed = DateParsing.timestamp(raw, conf.columnPattern());
        yield rows.withColumn(TR_TIMESTAMP, parsed).withColumn(Internal.REJECT_REASON,
            when(col(Internal.REJECT_REASON).isNotNull(), col(Internal.REJECT_REASON))
                .when(raw.isNotNull().and(parsed.isNull()), concat(lit("timestamp column " + conf.columnName() + ": '"),
                    raw, lit("' does not match " + conf.columnPattern()))));
      }
      case FILENAME -> {
        Map<String, LocalDateTime> stamps = new LinkedHashMap<>();
        for (ObjectInfo f : inputs.files()) {
          stamps.put(inputs.source(f), fromFileName(f.fileName(), conf.filenamePattern()));
        }
        yield rows.withColumn(TR_TIMESTAMP, lookup(stamps)).withColumn(Internal.REJECT_REASON,
            when(col(Internal.REJECT_REASON).isNotNull(), col(Internal.REJECT_REASON))
                .when(col(TR_TIMESTAMP).isNull(), lit("the file name has no date matching " + conf.filenamePattern())));
      }
      case FILENAME_LAST_MODIFY -> {
        Map<String, LocalDateTime> stamps = new LinkedHashMap<>();
        for (ObjectInfo f : inputs.files()) {
          stamps.put(inputs.source(f), f.lastModified() == null ? null : LocalDateTime.ofInstant(f.lastModified(), ZoneOffset.UTC));
        }
        yield rows.withColumn(TR_TIMESTAMP, lookup(stamps));
      }
    };
  }

  private static Column lookup(Map<String, LocalDateTime> stamps) {
    List<Column> pairs = new ArrayList<>();
    stamps.forEach((file, ts) -> {
      pairs.add(lit(file));
      pairs.add(ts == null ? lit(null).cast(DataTypes.TimestampType) : expr(SqlLiterals.timestamp(ts)));
    });
    return element_at(org.apache.spark.sql.functions.map(pairs.toArray(Column[]::new)), col(TR_SOURCE_FILE));
  }

  /** The date in a file name: the first substring that parses with {@code pattern}, or null. */
  static LocalDateTime fromFileName(String name, String pattern) {
    String spark = DateFormats.toSparkPattern(pattern);
    Pattern shape = Pattern.compile(shapeOf(pattern));
    Matcher m = shape.matcher(name);
    DateTimeFormatter formatter = new java.time.format.DateTimeFormatterBuilder().appendPattern(spark)
        .parseDefaulting(java.time.temporal.ChronoField.HOUR_OF_DAY, 0)
        .parseDefaulting(java.time.temporal.ChronoField.MINUTE_OF_HOUR, 0)
        .parseDefaulting(java.time.temporal.ChronoField.SECOND_OF_MINUTE, 0)
        .toFormatter(Locale.ROOT);
    while (m.find()) {
      try {
        return DateParsing.century(LocalDateTime.parse(m.group(), formatter), pattern);
      } catch (java.time.format.DateTimeParseException e) {
        // Not a date at this position; look further along the name.
      }
    }
    return null;
  }

  /** A regular expression with the shape of a strftime pattern: %Y → 4 digits, %m → 2 digits, … */
  private static String shapeOf(String pattern) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '%' && i + 1 < pattern.length()) {
        char d = pattern.charAt(++i);
        out.append(switch (d) {
          case 'Y' -> "\\d{4}";
          case 'y', 'm', 'd', 'H', 'M', 'S', 'I' -> "\\d{2}";
          case 'f' -> "\\d{6}";
          case 'j' -> "\\d{3}";
          case 'b', 'a' -> "[A-Za-z]{3}";
          case 'p' -> "[AaPp][Mm]";
          default -> ".+?";
        });
      } else {
        out.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return out.toString();
  }

  private static Map<String, Long> countByFile(Dataset<Row> rows) {
    Map<String, Long> out = new HashMap<>();
    for (Row r : rows.groupBy(TR_SOURCE_FILE).count().collectAsList()) {
      out.put(r.getString(0), r.getLong(1));
    }
    return out;
  }

  /** Records this upload rejected, per source file, read back from the targets' rejected-rows tables. */
  private static Map<String, Long> rejectedByFile(RunContext context, Iterable<String> datasets, Environment env,
      LocalDateTime date, String writer) {
    Map<String, Long> out = new HashMap<>();
    for (String dataset : datasets) {
      String path = context.layout().rejectedPath(env, dataset);
      Dataset<Row> rejected = context.spark().read().format("delta").load(path)
          .where(col(TR_JOB_TS).equalTo(expr(SqlLiterals.timestamp(date))).and(col(TR_WRITER).equalTo(writer)));
      for (Row r : rejected.groupBy(TR_SOURCE_FILE).count().collectAsList()) {
        out.merge(r.getString(0), r.getLong(1), Long::sum);
      }
    }
    return out;
  }

  /** The first line of a CSV file and the field positions it gives. */
  record Header(int[] positions, int width, String error) {
    static Header json(List<String> fields) {
      return new Header(new int[0], 0, null);
    }

    static Header csv(ObjectStore objects, String bucket, ObjectInfo file, Source source, CsvLine csv, Charset charset,
        List<String> fields, boolean padding) {
      int[] positions = new int[fields.size()];
      if (!Boolean.TRUE.equals(source.hasHeader())) {
        for (int i = 0; i < positions.length; i++) {
          positions[i] = i;
        }
        return new Header(positions, fields.size(), null);
      }
      String head = new String(objects.readHead(bucket, file.key(), HEADER_BYTES), charset);
      int newline = head.indexOf('\n');
      String line = (newline < 0 ? head : head.substring(0, newline)).replace("\r", "").replace("\uFEFF", "");
      List<String> columns = csv.split(line).fields();
      if (line.isBlank() || columns == null) {
        return new Header(positions, 0, "the file has no readable header line");
      }
      List<String> missing = new ArrayList<>();
      for (int i = 0; i < fields.size(); i++) {
        positions[i] = indexOf(columns, fields.get(i));
        if (positions[i] < 0) {
          missing.add(fields.get(i));
        }
      }
      String error = !missing.isEmpty() && !padding
          ? "the header lacks fields " + missing + " (is the delimiter '" + source.delimiter() + "' right?); upload with schema padding to fill them with nulls"
          : null;
      return new Header(positions, columns.size(), error);
    }

    private static int indexOf(List<String> columns, String field) {
      for (int i = 0; i < columns.size(); i++) {
        String c = columns.get(i) == null ? "" : columns.get(i).trim();
        if (c.equalsIgnoreCase(field)) {
          return i;
        }
      }
      return -1;
    }
  }
}
