package io.vigil.runtime.connector.payment;

import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_FILE;
import static io.vigil.api.dataset.TechnicalColumns.TR_SOURCE_LINE;

import io.vigil.api.connector.Connector;
import io.vigil.api.dataset.DataSet;
import io.vigil.runtime.dataset.Internal;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.input.PortableDataStream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import scala.Tuple2;

/**
 * Reads the landing files of a SWIFT MT or ISO 20022 connector into the rows that upload types,
 * routes and writes like those of a flat file: the schema dataset's fields as text, then the source
 * file, the record's position in it, the record as read and a rejection reason. Each file is parsed
 * by one Spark task as a stream, so a file is never held in memory whole.
 */
public final class PaymentFiles {
  private PaymentFiles() {}

  /**
   * @param sources each file to read, as a Hadoop path ({@code s3a://bucket/key}), mapped to the name
   *     its rows carry in {@code tr_source_file}
   */
  public static Dataset<Row> read(SparkSession spark, Connector connector, DataSet schema, Map<String, String> sources) {
    MappingPlan plan = MappingPlan.of(connector, schema);
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<Row> all = null;
    for (Map.Entry<String, String> file : sources.entrySet()) {
      JavaRDD<Row> rows = jsc.binaryFiles(file.getKey(), 1).flatMap(new FileParser(plan, file.getValue()));
      all = all == null ? rows : all.union(rows);
    }
    StructType structure = new StructType();
    for (String f : plan.fields()) {
      structure = structure.add(f, DataTypes.StringType);
    }
    structure = structure.add(TR_SOURCE_FILE, DataTypes.StringType).add(TR_SOURCE_LINE, DataTypes.LongType)
        .add(Internal.RAW, DataTypes.StringType).add(Internal.REJECT_REASON, DataTypes.StringType);
    return all == null ? spark.createDataFrame(List.of(), structure) : spark.createDataFrame(all, structure);
  }

  /** Parses one file in a task, yielding its rows as the parser produces them. */
  private record FileParser(MappingPlan plan, String source)
      implements FlatMapFunction<Tuple2<String, PortableDataStream>, Row>, Serializable {
    @Override
    public Iterator<Row> call(Tuple2<String, PortableDataStream> file) {
      InputStream in = file._2().open();
      Iterator<PaymentRow> rows = plan.swift() ? new MtReader(in, source, plan) : new MxReader(in, source, plan);
      return new Iterator<>() {
        @Override
        public boolean hasNext() {
          boolean more = rows.hasNext();
          if (!more) {
            close(in);
          }
          return more;
        }

        @Override
        public Row next() {
          return row(rows.next());
        }
      };
    }

    private Row row(PaymentRow r) {
      List<String> fields = plan.fields();
      Object[] values = new Object[fields.size() + 4];
      for (int i = 0; i < fields.size(); i++) {
        values[i] = r.values().get(fields.get(i));
      }
      values[fields.size()] = source;
      values[fields.size() + 1] = r.sequence();
      values[fields.size() + 2] = r.raw();
      values[fields.size() + 3] = r.reason();
      return RowFactory.create(values);
    }

    private static void close(InputStream in) {
      try {
        in.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
