package io.vigil.cli.startup;

import io.vigil.cli.VigilCommand;
import io.vigil.runtime.spark.SparkSessions;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;

/**
 * The work the {@code vigil} launcher runs once per build under {@code -XX:ArchiveClassesAtExit}, so that
 * the class-data-sharing archive holds the classes most commands load: picocli and the command tree, the
 * solution loader and validator (YAML, javac, the Spark SQL parser), and a local Spark session with
 * Delta writing and reading a table. Later starts map those classes from the archive instead of
 * loading, verifying and linking them again. Nothing it does leaves a trace outside a temporary folder.
 */
public final class ClassDataTraining {
  private ClassDataTraining() {}

  /** {@code args[0]}: a solution to validate (the launcher passes the checkout's template). */
  public static void main(String[] args) throws IOException {
    if (args.length != 1) {
      System.err.println("usage: ClassDataTraining <solution-dir>");
      System.exit(2);
    }
    Path work = Files.createTempDirectory("vigil-cds-");
    try {
      int validated = validate(Path.of(args[0]));
      long rows = sparkRoundTrip(work);
      if (validated != 0 || rows != 10) {
        System.err.println("vigil: the class-data-sharing training run failed (validate exit " + validated + ", rows " + rows
            + "); the archive is not kept");
        System.exit(1);
      }
    } finally {
      deleteTree(work);
    }
  }

  private static int validate(Path solution) {
    StringWriter sink = new StringWriter();
    picocli.CommandLine cli = VigilCommand.commandLine();
    cli.setOut(new PrintWriter(sink));
    cli.setErr(new PrintWriter(sink));
    return cli.execute("validate", "--solution", solution.toString());
  }

  private static long sparkRoundTrip(Path work) {
    // The warehouse folder is a static setting, so it goes to the builder rather than through getOrCreate.
    SparkSession.Builder builder = SparkSession.builder().config("spark.sql.warehouse.dir", work.resolve("warehouse").toUri().toString());
    SparkSessions.defaults("local[1]").forEach(builder::config);
    SparkSession spark = builder.getOrCreate();
    try {
      String table = work.resolve("t").toUri().toString();
      spark.range(10).selectExpr("id", "cast(id as string) as name", "current_timestamp() as ts")
          .write().format("delta").save(table);
      spark.sql("MERGE INTO delta.`" + table + "` t USING (SELECT 1L AS id) s ON t.id = s.id WHEN MATCHED THEN DELETE");
      spark.range(1).selectExpr("1L as id", "'1' as name", "current_timestamp() as ts").write().format("delta").mode("append")
          .save(table);
      return spark.read().format("delta").load(table).groupBy("name").count().count();
    } finally {
      spark.stop();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.deleteIfExists(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
  }
}
