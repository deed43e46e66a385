package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.runtime.JobContext;
import io.vigil.runtime.Vigil;
import io.vigil.runtime.Workspace;
import io.vigil.runtime.dataset.Datasets;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.spark.SparkSessions;
import io.vigil.runtime.store.StoreSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The commands a newcomer explores with, on one applied solution: {@code vigil shell} without a
 * terminal (a script on standard input reads a dataset through {@code ctx}, a script file's values are
 * echoed, a snippet that does not compile or that throws stops the script with its exit code), and an
 * upload of a bad file whose summary counts each reason and names {@code vigil rejected}, which
 * shows every rejected row with its file, line, validator and record.
 */
class ExploreCommandsTest {
  static final LocalDateTime DAY = LocalDateTime.of(2026, 11, 30, 0, 0);

  @TempDir static Path home;
  @TempDir static Path work;
  static TestStack stack;
  static Path solution;
  static String commit;

  @BeforeAll
  static void applyAndWrite() throws Exception {
    stack = new TestStack(home);
    solution = work.resolve("shell_demo");
    Cli.copy(SyncApplyTest.FIXTURE, solution);
    Path yaml = solution.resolve("solution.yaml");
    Files.writeString(yaml, Files.readString(yaml).replace("name: aml_demo", "name: shell_demo"));
    Path transaction = solution.resolve("domains/aml/datasets/transaction.yaml");
    Files.writeString(transaction, Files.readString(transaction).replace("  - identifier: amount\n    data_type: DOUBLE\n",
        "  - identifier: amount\n    data_type: DOUBLE\n    validators:\n      - name: positive_amount\n        action: REJECT\n"
            + "        validate_logic: amount > 0\n").replace("publish: true\n", "publish: true\nretention_policy:\n  months_to_keep: 24\n"));
    // account_id documents its values: an upload keeps others and counts them as warnings.
    Files.writeString(transaction, Files.readString(transaction).replace("  - identifier: account_id\n    data_type: STRING\n",
        "  - identifier: account_id\n    data_type: STRING\n    valid_values: [a1, a2]\n"));
    assertThat(Files.readString(transaction)).contains("positive_amount", "valid_values: [a1, a2]");
    Files.writeString(solution.resolve("domains/aml/jobs/AmountReport.java"), """
        package domains.aml.jobs;

        import io.vigil.api.job.Cell;
        import io.vigil.api.job.Job;
        import io.vigil.runtime.JobContext;

        /** Names a column the transaction dataset does not have. */
        public class AmountReport implements Job {
          @Cell(1)
          public void report(JobContext context) {
            context.read("transaction").select("trans_id", "no_such_column").count();
          }
        }
        """);
    Cli.Result applied = Cli.run(stack.env(), "apply", "--solution", solution.toString(), "--output", "json");
    assertThat(applied.code()).as(applied.all()).isZero();
    commit = new com.fasterxml.jackson.databind.ObjectMapper().readTree(applied.out()).path("commit").asText();
    assertThat(commit).startsWith("content-");
    Map<String, String> manager = new HashMap<>(stack.env());
    manager.put("VIGIL_ROLES", "manager");
    SparkSession spark = SparkSessions.getOrCreate(SparkSessions.merge(SparkSessions.defaults("local[2]"),
        Map.of("spark.sql.shuffle.partitions", "2")));
    StoreSettings settings = StoreSettings.fromEnvironment(manager);
    try (Workspace ws = Vigil.open(solution, settings);
        JobContext ctx = JobContext.builder(ws.catalog()).settings(settings).executionDate(DAY).environment(Environment.PUBLIC)
            .writer("aml.Load").spark(spark).open()) {
      List<Row> rows = new ArrayList<>();
      for (int i = 0; i < 37; i++) {
        rows.add(RowFactory.create("t" + i, "acc" + (i % 5), 10.0 * (i + 1), Timestamp.valueOf(DAY.plusHours(i % 24))));
      }
      StructType type = new StructType().add("trans_id", DataTypes.StringType).add("account_id", DataTypes.StringType)
          .add("amount", DataTypes.DoubleType).add("occurred", DataTypes.TimestampType);
      Datasets.write(ctx, spark.createDataFrame(rows, type), "transaction");
    }
    spark.stop();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void anUploadCountsItsRejectsByReasonAndVigilRejectedShowsEachWithItsFileAndLine() throws Exception {
    Path bad = work.resolve("bad.csv");
    Files.writeString(bad, "trans_id,account_id,amount,occurred\n"
        + "t1,a1,10.5,2026-11-30T01:00:00\n"
        + "t2,a1,abc,2026-11-30T02:00:00\n"
        + "t3,a2,-5,2026-11-30T03:00:00\n"
        + "t4,a2,0,2026-11-30T04:00:00\n"
        + "t5,a9,7,2026-11-30T05:00:00\n");
    Path empty = work.resolve("empty.csv");
    Files.writeString(empty, "");
    for (Path file : List.of(bad, empty)) {
      Cli.Result put = Cli.run(stack.env(), "landing", "put", "transactions", file.toString(), "--solution", solution.toString());
      assertThat(put.code()).as(put.all()).isZero();
    }

    Cli.Result upload = Cli.run(stack.env(), "upload", "transactions", "--solution", solution.toString(), "--execution-date", "2026-11-30");
    assertThat(upload.code()).as(upload.all()).isZero();
    assertThat(upload.out()).contains("bad.csv: 5 records, 2 stored, 3 rejected", "empty.csv: empty",
        "values outside valid_values (warnings, the rows are kept): account_id 1",
        "rejected by reason: positive_amount 2, parse error 1; see them with: vigil rejected transaction"
            + " --execution-date 2026-11-30T00:00 --env private");
    assertThat(upload.err()).contains("Warning: landing file").contains("empty.csv is empty");

    Cli.Result rejected = Cli.run(stack.env(), "rejected", "transaction", "--solution", solution.toString(), "--execution-date",
        "2026-11-30");
    assertThat(rejected.code()).as(rejected.all()).isZero();
    List<String> lines = rejected.out().lines().toList();
    assertThat(lines.get(0)).isEqualTo("tr_writer,tr_source_file,tr_source_line,validator,reason,record");
    assertThat(lines).hasSize(4);
    assertThat(lines.get(1)).contains("bad.csv,3,parse error,").contains("t2,a1,abc");
    assertThat(lines.get(2)).contains("bad.csv,4,positive_amount,").contains("t3,a2,-5");
    assertThat(lines.get(3)).contains("bad.csv,5,positive_amount,").contains("t4,a2,0");
    assertThat(rejected.err()).contains("3 rows of dataset transaction rejected for 2026-11-30T00:00 in PRIVATE(ana),"
        + " by reason: positive_amount 2, parse error 1.");

    Cli.Result json = Cli.run(stack.env(), "rejected", "transaction", "--solution", solution.toString(), "--execution-date",
        "2026-11-30", "--output", "json", "--limit", "1");
    assertThat(json.out().lines().toList()).singleElement().satisfies(l -> assertThat(l).contains("\"validator\":\"parse error\""));
    assertThat(json.err()).contains("the first 1 are shown (--limit)");

    // Far enough ahead, the retention policy (24 months) would purge the two rows the upload stored; a dry run deletes nothing.
    String[] purge = {"purge", "transaction", "--solution", solution.toString(), "--execution-date", "2029-12-31", "--dry-run"};
    Cli.Result preview = Cli.run(stack.env(), purge);
    assertThat(preview.code()).as(preview.all()).isZero();
    assertThat(preview.out()).contains("Would purge dataset transaction in PRIVATE(ana) before month 2028_01: 2 Delta rows, 0 CDD rows"
        + " (dry run: nothing deleted).");
    assertThat(Cli.run(stack.env(), purge).out()).as("still there").contains("2 Delta rows");
  }

  @Test
  void readInItsOwnJvmPrintsNoWarningOfSparkHadoopOrDeltaWithoutVerbose() throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String flag : java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (flag.startsWith("--add-opens") || flag.startsWith("--add-exports") || flag.startsWith("-XX:+IgnoreUnrecognized")) {
        command.add(flag);
      }
    }
    // The CLI's own logging configuration, not the tests' one that comes first on the test class path.
    command.addAll(List.of("-Xmx1g", "-Dlog4j2.configurationFile=" + Path.of("target/classes/log4j2.properties").toAbsolutePath(),
        "-cp", System.getProperty("java.class.path"), "io.vigil.cli.Main", "read", "transaction", "--solution", solution.toString(),
        "--execution-date", "2026-11-30", "--env", "public"));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().putAll(stack.env());
    Process p = pb.start();
    String output = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    assertThat(output).contains("trans_id,account_id,amount,occurred");
    assertThat(output.lines().filter(l -> l.matches("\\d\\d:\\d\\d:\\d\\d WARN .*"))).as(output).isEmpty();
  }

  @Test
  void aPlanThatDropsAFieldNamesTheJobsThatStillUseIt() throws Exception {
    Path transaction = solution.resolve("domains/aml/datasets/transaction.yaml");
    String declared = Files.readString(transaction);
    String withoutId = declared.replace("  - identifier: trans_id\n    data_type: STRING\n", "");
    assertThat(withoutId).doesNotContain("identifier: trans_id");
    Files.writeString(transaction, withoutId);
    try {
      // The risks' SQL is compiled by the plan's risk check; a job's Java is only scanned.
      Cli.Result plan = Cli.run(stack.env(), "plan", "--solution", solution.toString());
      assertThat(plan.out()).as(plan.all()).contains("column trans_id is still named in domains/aml/jobs/AmountReport.java:11")
          .doesNotContain("MonthlyJob.java");
    } finally {
      Files.writeString(transaction, declared);
    }
  }

  @Test
  void aJobWhoseQuerySparkCannotAnalyseExitsAsBadInputWithoutThePlan() {
    Cli.Result run = Cli.run(stack.env(), "run", "--solution", "shell_demo", "--bundle", commit, "--job", "aml.AmountReport",
        "--execution-date", "2026-11-30", "--env", "public");
    assertThat(run.code()).as(run.all()).isEqualTo(3);
    assertThat(run.err()).contains("Job aml.AmountReport failed in cell 1 (report): Spark cannot analyse its query:")
        .contains("no_such_column").contains("The query's plan is shown with --verbose.").doesNotContain("+- ");
  }

  @Test
  void aScriptOnStandardInputReadsADatasetThroughCtx() {
    Cli.Result r = Cli.runWithInput(stack.env(), "long n = ctx.read(\"transaction\").count();\nSystem.out.println(\"rows: \" + n);\n",
        "shell", "--solution", solution.toString(), "--execution-date", "2026-11-30", "--env", "public");
    assertThat(r.code()).as(r.all()).isZero();
    assertThat(r.out()).contains("ctx: the JobContext of solution shell_demo for execution date 2026-11-30T00:00 in PUBLIC")
        .contains("ws:  its Workspace").contains("n ==> 37").contains("rows: 37");
  }

  @Test
  void aScriptFileStopsAtItsFirstFailureWithItsLineAndExitCode() throws Exception {
    Path ok = work.resolve("ok.jsh");
    Files.writeString(ok, "ws.catalog().solution()\ndouble total(String dataset) {\n"
        + "  return ctx.read(dataset).agg(sum(\"amount\")).first().getDouble(0);\n}\nvar amounts = total(\"transaction\")\n"
        + "/exit 0\nthis is never read\n");
    Cli.Result fine = Cli.run(stack.env(), "shell", "--solution", solution.toString(), "--execution-date", "2026-11-30",
        "--env", "public", ok.toString());
    assertThat(fine.code()).as(fine.all()).isZero();
    assertThat(fine.out()).contains("\"shell_demo\"").contains("amounts ==> 7030.0");

    Path broken = work.resolve("broken.jsh");
    Files.writeString(broken, "int a = 1;\n\nint b = undefinedThing + 1;\nSystem.out.println(\"not reached\");\n");
    Cli.Result rejected = Cli.run(stack.env(), "shell", "--solution", solution.toString(), broken.toString());
    assertThat(rejected.code()).isEqualTo(3);
    assertThat(rejected.err()).contains("Cannot run " + broken + " line 3:").contains("undefinedThing");
    assertThat(rejected.out()).doesNotContain("not reached");

    Cli.Result thrown = Cli.runWithInput(stack.env(), "ctx.read(\"no_such_dataset\");\n", "shell", "--solution", solution.toString());
    assertThat(thrown.code()).isEqualTo(1);
    assertThat(thrown.err()).contains("Cannot run standard input line 1:").contains("no_such_dataset");
  }
}
