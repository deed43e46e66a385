package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.vigil.orchestration.airflow.AirflowClient;
import io.vigil.orchestration.airflow.AirflowDagRun;
import io.vigil.orchestration.airflow.AirflowServer;
import io.vigil.orchestration.airflow.AirflowTaskInstance;
import io.vigil.orchestration.airflow.DagRunState;
import io.vigil.runtime.delivery.LocalReceiver;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template solution run by a real Airflow 3 from the build's venv: sync renders its DAG into
 * Airflow's DAGs folder and unpauses it, the scheduler's run executes the Java jobs through
 * {@code vigil run} on the promoted bundle, {@code airflow dags test} runs the rendered file with
 * landed data into Delta and Postgres, and a run triggered through {@code vigil dag trigger} for the
 * same execution date leaves identical tables. The tests share one Airflow and one stack, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AirflowRunsTheSolutionTest {
  private static final String DAG = "aml_monthly";
  /** With catchup off, unpausing schedules the last full month, executed as of its end: the 1st of this month. */
  private static final String SCHEDULED = LocalDate.now(ZoneOffset.UTC).withDayOfMonth(1) + " 00:00:00";
  /** A run with its logical date in January 2026 covers January, so PERIOD_END executes it as of 1 February. */
  private static final String FEBRUARY = "2026-02-01 00:00:00";

  @TempDir static Path home;
  @TempDir static Path work;
  static TestStack stack;
  static AirflowServer airflow;
  static AirflowClient client;
  static Map<String, String> env;
  static Path solution;
  static Path remote;
  static LocalReceiver caseManager;

  @BeforeAll
  static void startAirflowAndTheStack() throws Exception {
    Path venv = AirflowServer.venv();
    assertThat(venv).as("the build-local .venv with Airflow (made by the dags module's build) is missing").isNotNull();
    stack = new TestStack(home);
    env = new HashMap<>(stack.env());
    env.put("VIGIL_ROLES", "manager");
    solution = work.resolve("tpl");
    assertThat(Cli.run(env, "init", solution.toString()).code()).isZero();
    remote = work.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    try (Git git = Git.init().setDirectory(solution.toFile()).setInitialBranch("staging").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("template").setAuthor("dev", "dev@example.test").setCommitter("dev", "dev@example.test").call();
      git.remoteAdd().setName("origin").setUri(new URIish(remote.toUri().toString())).call();
      git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/staging:refs/heads/staging")).call();
    }
    // Task processes start as the launcher starts them, with a class-data-sharing archive; its training
    // run goes on while Airflow starts.
    ChildJvmArchive.Pending archive = ChildJvmArchive.start(work.resolve("cds"), solution);
    // The template's distribute task sends to the case manager its target reads from the environment.
    caseManager = LocalReceiver.builder().expectBasic("cm", "cm-secret-5521").start();
    Map<String, String> workers = new HashMap<>(env);
    workers.put("CASE_MANAGER_URL", caseManager.url().toString());
    workers.put("CASE_MANAGER_USER", "cm");
    workers.put("CASE_MANAGER_PASSWORD", "cm-secret-5521");
    workers.put("VIGIL_BIN", work.resolve("vigil").toString());
    workers.put("SPARK_LOCAL_IP", "127.0.0.1");
    // New DAG files are found within seconds instead of Airflow's default five minutes.
    workers.put("AIRFLOW__DAG_PROCESSOR__REFRESH_INTERVAL", "3");
    airflow = AirflowServer.prepare(venv);
    airflow.start(workers);
    archive.await().launcher(work.resolve("vigil"));
    client = AirflowClient.withPassword(airflow.url(), AirflowServer.USER, airflow.password());
    env.put("VIGIL_AIRFLOW_DAGS_DIR", airflow.dagsFolder().toString());
    env.put("VIGIL_AIRFLOW_URL", airflow.url().toString());
    env.put("VIGIL_AIRFLOW_USERNAME", AirflowServer.USER);
    env.put("VIGIL_AIRFLOW_PASSWORD", airflow.password());
  }

  @AfterAll
  static void stop() {
    if (airflow != null) {
      airflow.close();
    }
    if (stack != null) {
      stack.close();
    }
    if (caseManager != null) {
      caseManager.close();
    }
  }

  private static void land(String connector, String name, String text) throws Exception {
    Path file = work.resolve(name);
    Files.writeString(file, text);
    Cli.Result put = Cli.run(env, "landing", "put", connector, file.toString(), "--solution", solution.toString());
    assertThat(put.code()).as(put.all()).isZero();
  }

  private static List<String> transactions() throws Exception {
    return stack.query("select trans_id || ':' || amount || ':' || tr_job_ts from tpl_public.transaction order by 1");
  }

  private static List<String> accounts() throws Exception {
    return stack.query("select account_id || ':' || district_id from tpl_public.account order by 1");
  }

  @Test
  @Order(1)
  void syncRendersAndUnpausesTheDagAndTheSchedulerRunsItOnThePromotedBundle() throws Exception {
    Cli.Result sync = Cli.run(env, "sync", "--repo", remote.toUri().toString(), "--once");
    assertThat(sync.code()).as(sync.all()).isZero();
    assertThat(sync.out()).contains("Promoted ", "Unpaused DAG " + DAG + " in Airflow.");
    Path file = airflow.dagsFolder().resolve("vigil_tpl__" + DAG + ".py");
    assertThat(file).exists();
    assertThat(Files.readString(file)).doesNotContain(airflow.password(), stack.s3Secret());
    assertThat(client.dag(DAG).paused()).isFalse();
    assertThat(client.dag(DAG).hasImportErrors()).isFalse();

    // Unpaused with catchup off, the DAG gets one scheduled run: the last full month, executed as of its end.
    airflow.await("the scheduled run", Duration.ofMinutes(2), () -> !client.dagRuns(DAG, 5).isEmpty());
    AirflowDagRun scheduled = client.dagRuns(DAG, 5).get(0);
    assertThat(scheduled.runType()).isEqualTo("scheduled");
    AirflowDagRun done = client.awaitRun(DAG, scheduled.runId(), Duration.ofMinutes(10), Duration.ofSeconds(2));
    assertThat(done.state()).as(airflow.logs()).isEqualTo(DagRunState.SUCCESS);
    assertThat(client.taskInstances(DAG, done.runId())).extracting(AirflowTaskInstance::taskId, AirflowTaskInstance::state)
        .containsExactly(tuple("dataprep", "success"), tuple("decide", "success"), tuple("distribute", "success"),
            tuple("drift", "success"), tuple("evaluate", "success"), tuple("ingest", "success"), tuple("train", "success"));
    String promoted = stack.query("select commit from vigil_meta.sync_history where action = 'promote' order by rank desc limit 1").get(0);
    assertThat(stack.query("select job || '@' || execution_date || '@' || bundle_commit || '@' || status from vigil_meta.job_runs"
        + " where dag = '" + DAG + "' order by job"))
        .containsExactly(Stream.of("CheckDrift", "Dataprep", "Decide", "Distribute", "Evaluate", "Ingest", "Train")
            .map(job -> "aml." + job + "@" + SCHEDULED + "@" + promoted + "@success").toArray(String[]::new));
  }

  @Test
  @Order(2)
  void airflowDagsTestRunsTheRenderedFileIntoDeltaAndPostgres() throws Exception {
    land("accounts", "accounts.csv", "account_id;district_id;frequency;opened\na1;1;M;261001\na2;2;M;261002\n");
    land("transactions", "tx.csv", "trans_id;account_id;date;type;operation;amount;balance\n"
        + "t1;a1;261005;PRIJEM;VKLAD;100;100\nt2;a2;261006;VYDAJ;VYBER;30;70\n");

    AirflowServer.CliRun test = airflow.cli("dags-test", Duration.ofMinutes(10), "dags", "test", DAG, "2026-01-01");
    assertThat(test.exitCode()).as(test.output()).isZero();
    assertThat(test.output()).contains("vigil run").doesNotContain(airflow.password(), stack.s3Secret());

    Cli.Result read = Cli.run(env, "read", "transaction", "--solution", solution.toString(), "--env", "public",
        "--execution-date", "2026-02-01T00:00:00", "--output", "csv");
    assertThat(read.code()).as(read.all()).isZero();
    assertThat(read.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).sorted().toList()).containsExactly("t1", "t2");
    assertThat(transactions()).containsExactly("t1:100:" + FEBRUARY, "t2:30:" + FEBRUARY);
    assertThat(accounts()).containsExactly("a1:1", "a2:2");
    // The decide task decided every evaluated activity of the month.
    assertThat(stack.query("select count(*) from tpl_public.activity_monthly_account where tr_job_ts = '" + FEBRUARY + "'"))
        .isEqualTo(stack.query("select count(*) from tpl_public.monthly_account where tr_job_ts = '" + FEBRUARY + "'"))
        .doesNotContain("0");
  }

  @Test
  @Order(3)
  void aRunTriggeredForTheSameExecutionDateLeavesIdenticalTables() throws Exception {
    List<String> transactions = transactions();
    List<String> accounts = accounts();
    String runsOfFebruary = "select count(*) from vigil_meta.job_runs where status = 'success' and execution_date = '"
        + FEBRUARY + "'";
    assertThat(stack.query(runsOfFebruary)).containsExactly("7");

    // A manual run in mid-January covers the rest of January: it reruns execution date 1 February.
    Cli.Result trigger = Cli.run(env, "dag", "trigger", DAG, "--logical-date", "2026-01-15T00:00:00", "--wait",
        "--timeout", "PT10M", "--solution", "tpl");
    assertThat(trigger.code()).as(trigger.all() + airflow.logs()).isZero();
    assertThat(trigger.out()).contains("DAG aml_monthly, logical date 2026-01-15T00:00: its tasks run with execution date"
        + " 2026-02-01T00:00 (PERIOD_END: the end of the schedule interval");
    assertThat(trigger.out()).contains(": success", "ingest", "dataprep");

    Cli.Result status = Cli.run(env, "dag", "status", DAG, "--output", "json");
    assertThat(status.code()).as(status.all()).isZero();
    assertThat(status.out()).contains("\"run_type\" : \"manual\"", "\"run_type\" : \"scheduled\"", "\"state\" : \"success\"");

    assertThat(transactions()).isEqualTo(transactions);
    assertThat(accounts()).isEqualTo(accounts);
    assertThat(stack.query(runsOfFebruary)).containsExactly("14");
  }
}
