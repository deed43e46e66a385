package io.vigil.orchestration.airflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vigil.api.ErrorCode;
import io.vigil.api.VigilException;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The client against a real Airflow 3 (api-server, scheduler, DAG processor) from the build-local
 * venv, running DAGs of {@code RunJobOperator} tasks whose {@code vigil} is a fake script that
 * records its arguments. One Airflow serves the whole class.
 */
class AirflowClientTest {
  private static final Duration RUN_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration POLL = Duration.ofMillis(500);

  private static AirflowServer server;
  private static AirflowClient airflow;
  private static Path okVigil;
  private static Path flakyVigil;

  @BeforeAll
  static void startAirflow() throws Exception {
    Path venv = AirflowServer.venv();
    assumeTrue(venv != null, "no build-local .venv with Airflow: run mvn verify on the dags module first");
    server = AirflowServer.prepare(venv);
    okVigil = fakeVigil(server.root().resolve("ok"));
    flakyVigil = fakeVigil(server.root().resolve("flaky"));
    // vigil_it_ok finds vigil through VIGIL_BIN in the workers' environment; vigil_it_flaky is given its own.
    Files.writeString(server.dagsFolder().resolve("vigil_it_ok.py"), """
        import datetime

        import pendulum
        from airflow.sdk import DAG
        from vigil_airflow import RunJobOperator

        with DAG(
            dag_id="vigil_it_ok",
            schedule=None,
            start_date=pendulum.datetime(1995, 1, 1, tz="UTC"),
            catchup=False,
            tags=["vigil", "it"],
            default_args={"owner": "vigil", "retries": 0},
        ) as dag:
            tasks = {}
            tasks["upload"] = RunJobOperator(task_id="upload", solution="it", job="aml.Upload",
                                             parameters={"connectors": ["accounts"]}, execution_date_mode="PERIOD_END")
            tasks["publish"] = RunJobOperator(task_id="publish", solution="it", job="aml.Publish")
            tasks["upload"] >> tasks["publish"]
        """);
    Files.writeString(server.dagsFolder().resolve("vigil_it_flaky.py"), """
        import datetime

        import pendulum
        from airflow.sdk import DAG
        from vigil_airflow import LocalLauncher, RunJobOperator

        with DAG(
            dag_id="vigil_it_flaky",
            schedule=None,
            start_date=pendulum.datetime(1995, 1, 1, tz="UTC"),
            catchup=False,
            max_active_runs=1,
            default_args={"owner": "vigil", "retries": 1, "retry_delay": datetime.timedelta(seconds=1)},
        ) as dag:
            RunJobOperator(task_id="dataprep", solution="it", job="aml.Dataprep",
                           launcher=LocalLauncher(vigil_bin=%s))
        """.formatted(pythonString(flakyVigil.toString())));
    server.start(Map.of("VIGIL_BIN", okVigil.toString()));
    airflow = AirflowClient.withPassword(server.url(), AirflowServer.USER, server.password());
    server.await("both DAGs parsed", Duration.ofMinutes(1), () -> airflow.listDags().size() == 2);
  }

  @AfterAll
  static void stopAirflow() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void listsTheParsedDagsAndUnpausesOne() {
    List<AirflowDag> dags = airflow.listDags();
    assertThat(dags).extracting(AirflowDag::dagId).containsExactly("vigil_it_flaky", "vigil_it_ok");
    assertThat(dags).allSatisfy(d -> assertThat(d.hasImportErrors()).isFalse());
    assertThat(airflow.dag("vigil_it_ok").tags()).containsExactly("it", "vigil");

    assertThat(airflow.pause("vigil_it_ok").paused()).isTrue();
    assertThat(airflow.unpause("vigil_it_ok").paused()).isFalse();
    assertThat(airflow.dag("vigil_it_ok").paused()).isFalse();
  }

  @Test
  void triggersARunWithConfAndReadsItsTasks() throws IOException {
    airflow.unpause("vigil_it_ok");
    Instant logicalDate = Instant.parse("1995-03-01T00:00:00Z");
    AirflowDagRun triggered = airflow.trigger("vigil_it_ok", logicalDate, Map.of("note", "from the test", "n", 2));
    assertThat(triggered.state()).isIn(DagRunState.QUEUED, DagRunState.RUNNING);
    assertThat(triggered.logicalDate()).isEqualTo(logicalDate);

    AirflowDagRun done = airflow.awaitRun("vigil_it_ok", triggered.runId(), RUN_TIMEOUT, POLL);
    assertThat(done.state()).as(server.logs()).isEqualTo(DagRunState.SUCCESS);
    assertThat(done.conf()).containsEntry("note", "from the test").containsEntry("n", 2);
    assertThat(done.runType()).isEqualTo("manual");
    assertThat(airflow.taskInstances("vigil_it_ok", triggered.runId()))
        .extracting(AirflowTaskInstance::taskId, AirflowTaskInstance::state, AirflowTaskInstance::tryNumber)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("publish", "success", 1),
            org.assertj.core.groups.Tuple.tuple("upload", "success", 1));
    assertThat(airflow.dagRuns("vigil_it_ok", 10)).extracting(AirflowDagRun::runId).contains(triggered.runId());

    // The operator ran vigil with the run's logical date and its run key, through VIGIL_BIN.
    String runKey = "vigil_it_ok/" + triggered.runId();
    assertThat(calls(okVigil)).contains(
        "run --solution it --bundle promoted --run-key " + runKey + " --job aml.Upload"
            + " --execution-date 1995-03-01T00:00:00 --param connectors=[\"accounts\"] --dag vigil_it_ok --task upload",
        "run --solution it --bundle promoted --run-key " + runKey + " --job aml.Publish"
            + " --execution-date 1995-03-01T00:00:00 --dag vigil_it_ok --task publish");
  }

  @Test
  void retriesAFailureButNotBadInputAndClearsAFailedTask() throws IOException {
    airflow.unpause("vigil_it_flaky");

    // Exit 1 once: Airflow retries per default_args and the second attempt succeeds.
    Files.writeString(flakyVigil.resolveSibling("fail-once"), "");
    AirflowDagRun retried = airflow.trigger("vigil_it_flaky", Instant.parse("1995-01-01T00:00:00Z"), null);
    assertThat(airflow.awaitRun("vigil_it_flaky", retried.runId(), RUN_TIMEOUT, POLL).state())
        .as(server.logs()).isEqualTo(DagRunState.SUCCESS);
    assertThat(airflow.taskInstances("vigil_it_flaky", retried.runId()).get(0).tryNumber()).isEqualTo(2);

    // Exit 3 (bad input): the task fails at once, its retry unused.
    Files.writeString(flakyVigil.resolveSibling("exit-code"), "3");
    AirflowDagRun refused = airflow.trigger("vigil_it_flaky", Instant.parse("1995-02-01T00:00:00Z"), null);
    assertThat(airflow.awaitRun("vigil_it_flaky", refused.runId(), RUN_TIMEOUT, POLL).state())
        .as(server.logs()).isEqualTo(DagRunState.FAILED);
    AirflowTaskInstance failed = airflow.taskInstances("vigil_it_flaky", refused.runId()).get(0);
    assertThat(failed.failed()).isTrue();
    assertThat(failed.tryNumber()).isEqualTo(1);

    // Fixed, then cleared: Airflow runs the task again for the same logical date.
    Files.writeString(flakyVigil.resolveSibling("exit-code"), "0");
    assertThat(airflow.clearFailedTasks("vigil_it_flaky", refused.runId(), List.of())).containsExactly("dataprep");
    assertThat(airflow.awaitRun("vigil_it_flaky", refused.runId(), RUN_TIMEOUT, POLL).state())
        .as(server.logs()).isEqualTo(DagRunState.SUCCESS);
    AirflowTaskInstance rerun = airflow.taskInstances("vigil_it_flaky", refused.runId()).get(0);
    assertThat(rerun.succeeded()).isTrue();
    assertThat(rerun.tryNumber()).isEqualTo(2);
    assertThat(calls(flakyVigil)).filteredOn(c -> c.contains("--execution-date 1995-02-01T00:00:00")).hasSize(2);
  }

  @Test
  void unknownDagsAndRunsAreNotFound() {
    assertThatThrownBy(() -> airflow.dag("no_such_dag"))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageStartingWith("Cannot read DAG no_such_dag: Airflow at " + server.url() + " answered 404");
    assertThatThrownBy(() -> airflow.trigger("no_such_dag", null, Map.of()))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageStartingWith("Cannot trigger DAG no_such_dag:");
    assertThatThrownBy(() -> airflow.dagRun("vigil_it_ok", "manual__no-such-run"))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.NOT_FOUND))
        .hasMessageStartingWith("Cannot read run manual__no-such-run of DAG vigil_it_ok:");
  }

  @Test
  void wrongCredentialsAreRefusedWithoutShowingThem() {
    AirflowClient intruder = AirflowClient.withPassword(server.url(), AirflowServer.USER, "wrong-password-123");
    assertThatThrownBy(intruder::listDags)
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE))
        .hasMessage("Cannot list the DAGs of Airflow: Airflow at " + server.url() + " refused the credentials (401);"
            + " check VIGIL_AIRFLOW_USERNAME and VIGIL_AIRFLOW_PASSWORD, or VIGIL_AIRFLOW_TOKEN")
        .hasMessageNotContaining("wrong-password-123");
    assertThatThrownBy(() -> AirflowClient.withToken(server.url(), "not-a-jwt").dag("vigil_it_ok"))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN))
        .hasMessageContaining("refused the request (403)")
        .hasMessageNotContaining("not-a-jwt");
    assertThat(intruder.toString()).doesNotContain("wrong-password-123");
  }

  @Test
  void aTokenFromTheEnvironmentWorksToo() {
    AirflowClient fromEnv = AirflowClient.fromEnvironment(Map.of(
        AirflowClient.URL_VARIABLE, server.url() + "/",
        AirflowClient.USERNAME_VARIABLE, AirflowServer.USER,
        AirflowClient.PASSWORD_VARIABLE, server.password())).orElseThrow();
    assertThat(fromEnv.baseUrl()).isEqualTo(server.url());
    assertThat(fromEnv.listDags()).hasSize(2);
  }

  @Test
  void anUnreachableAirflowIsAStoreFailure() throws IOException {
    int closedPort;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    URI nowhere = URI.create("http://127.0.0.1:" + closedPort);
    assertThatThrownBy(() -> AirflowClient.withToken(nowhere, "t").listDags())
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORE_FAILURE))
        .hasMessageStartingWith("Cannot list the DAGs of Airflow: Airflow at " + nowhere + " is not reachable");
  }

  @Test
  void theEnvironmentConfiguresTheClientOrNothing() {
    assertThat(AirflowClient.fromEnvironment(Map.of())).isEmpty();
    assertThat(AirflowClient.fromEnvironment(Map.of(AirflowClient.URL_VARIABLE, "http://airflow:8080",
        AirflowClient.TOKEN_VARIABLE, "abc")).orElseThrow().toString()).isEqualTo("AirflowClient[http://airflow:8080, token]");
    assertThatThrownBy(() -> AirflowClient.fromEnvironment(Map.of(AirflowClient.URL_VARIABLE, "http://airflow:8080")))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("neither VIGIL_AIRFLOW_TOKEN nor VIGIL_AIRFLOW_PASSWORD");
    assertThatThrownBy(() -> AirflowClient.fromEnvironment(Map.of(AirflowClient.URL_VARIABLE,
        "http://admin:s3cret@airflow:8080", AirflowClient.TOKEN_VARIABLE, "abc")))
        .isInstanceOfSatisfying(VigilException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("'http://airflow:8080'")
        .hasMessageNotContaining("s3cret");
  }

  private static Path fakeVigil(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path script = dir.resolve("vigil");
    Files.writeString(script, """
        #!/bin/sh
        dir=$(dirname "$0")
        echo "$*" >> "$dir/calls"
        echo "fake vigil: $*"
        if [ -f "$dir/fail-once" ]; then rm -f "$dir/fail-once"; echo "failing once" >&2; exit 1; fi
        exit $(cat "$dir/exit-code" 2>/dev/null || echo 0)
        """);
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    return script;
  }

  private static List<String> calls(Path vigil) throws IOException {
    Path calls = vigil.resolveSibling("calls");
    return Files.exists(calls) ? Files.readAllLines(calls) : List.of();
  }

  private static String pythonString(String value) {
    return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
