package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.realtime.client.RealtimeAnswer;
import io.vigil.runtime.realtime.client.RealtimeClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * The template's jobs run through {@code vigil run} on the promoted bundle: landing CSVs go into both
 * datasets and are published; a rerun of the same date changes nothing; the next date with a changed
 * snapshot keeps the history the guide describes. The operator commands read it back. After the DAG's
 * tasks have trained the models, {@code vigil serve} in a child JVM answers the template's real-time flow.
 * The tests share one landing area, so they run in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TemplateRunTest {
  private static final String D1 = "1995-02-01T00:00:00";
  private static final String D2 = "1995-03-01T00:00:00";

  @TempDir static Path home;
  @TempDir static Path work;
  static TestStack stack;
  static Map<String, String> env;
  static Path solution;

  @BeforeAll
  static void syncTheTemplate() throws Exception {
    stack = new TestStack(home);
    env = new HashMap<>(stack.env());
    env.put("VIGIL_ROLES", "manager");
    solution = work.resolve("tpl");
    assertThat(Cli.run(env, "init", solution.toString()).code()).isZero();
    Path remote = work.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    try (Git git = Git.init().setDirectory(solution.toFile()).setInitialBranch("staging").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("template").setAuthor("dev", "dev@example.test").setCommitter("dev", "dev@example.test").call();
      git.remoteAdd().setName("origin").setUri(new URIish(remote.toUri().toString())).call();
      git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/staging:refs/heads/staging")).call();
    }
    Cli.Result sync = Cli.run(env, "sync", "--repo", remote.toUri().toString(), "--once");
    assertThat(sync.code()).as(sync.all()).isZero();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static void land(String connector, String name, String text) throws Exception {
    Path file = work.resolve(name);
    Files.writeString(file, text);
    Cli.Result put = Cli.run(env, "landing", "put", connector, file.toString(), "--solution", solution.toString());
    assertThat(put.code()).as(put.all()).isZero();
    assertThat(put.out()).contains("s3://vigil-tpl/datasources/");
  }

  private static Cli.Result run(String job, String date) {
    Cli.Result r = Cli.run(env, "run", "--solution", "tpl", "--bundle", "promoted", "--job", job, "--execution-date", date,
        "--run-key", "aml_monthly/" + date, "--dag", "aml_monthly", "--task", job);
    assertThat(r.code()).as(r.all()).isZero();
    return r;
  }

  private static List<String> rows(String sql) throws Exception {
    return stack.query(sql);
  }

  @Test
  @Order(1)
  void ingestPublishesRerunsIdenticallyAndKeepsHistoryAcrossSnapshots() throws Exception {
    land("accounts", "accounts_1.csv", "account_id;district_id;frequency;opened\na1;1;M;950101\na2;2;M;950102\na3;3;M;950103\n");
    land("transactions", "tx_1.csv", "trans_id;account_id;date;type;operation;amount;balance\n"
        + "t1;a1;950105;PRIJEM;VKLAD;100;100\nt2;a2;950106;VYDAJ;VYBER;30;70\nt3;a3;950107;PRIJEM;VKLAD;5;5\n"
        + "t4;a3;950108;VYDAJ;VYBER;-5;10\n");

    Cli.Result first = run("aml.Ingest", D1);
    assertThat(first.out()).contains("cell 3 Publish to the CDD: ok", "transaction-written_rows = 3",
        "transaction-rejected_rows = 1", "account-published_rows = 3");
    List<String> transactions = rows("select trans_id || ':' || amount || ':' || tr_job_ts from tpl_public.transaction order by 1");
    List<String> accounts = rows("select account_id || ':' || district_id from tpl_public.account order by 1");
    assertThat(transactions).containsExactly("t1:100:1995-02-01 00:00:00", "t2:30:1995-02-01 00:00:00", "t3:5:1995-02-01 00:00:00");
    assertThat(accounts).containsExactly("a1:1", "a2:2", "a3:3");

    run("aml.Ingest", D1);
    assertThat(rows("select trans_id || ':' || amount || ':' || tr_job_ts from tpl_public.transaction order by 1")).isEqualTo(transactions);
    assertThat(rows("select account_id || ':' || district_id from tpl_public.account order by 1")).isEqualTo(accounts);
    assertThat(rows("select count(*) from vigil_meta.job_runs where job = 'aml.Ingest' and status = 'success'")).containsExactly("2");

    land("accounts", "accounts_2.csv", "account_id;district_id;frequency;opened\na1;9;M;950101\na3;3;M;950103\na4;4;M;950220\n");
    land("transactions", "tx_2.csv", "trans_id;account_id;date;type;operation;amount;balance\n"
        + "t5;a1;950201;VYDAJ;VYBER;40;60\nt6;a4;950221;PRIJEM;VKLAD;8;8\n");
    Cli.Result second = run("aml.Ingest", D2);
    assertThat(second.out()).contains("account-written_rows = 2", "account-updated_rows = 1", "account-deleted_rows = 1");
    assertThat(rows("select account_id || ':' || district_id from tpl_public.account order by 1")).containsExactly("a1:9", "a3:3", "a4:4");
    assertThat(rows("select count(*) from tpl_public.transaction")).containsExactly("5");

    Cli.Result asOfD1 = Cli.run(env, "read", "account", "--solution", solution.toString(), "--env", "public",
        "--execution-date", D1, "--output", "csv");
    assertThat(asOfD1.code()).as(asOfD1.all()).isZero();
    assertThat(asOfD1.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(',', l.indexOf(',') + 1))).sorted().toList())
        .containsExactly("a1,1", "a2,2", "a3,3");

    Cli.Result dataprep = run("aml.Dataprep", D2);
    assertThat(dataprep.out()).contains("account_monthly-written_rows = 2", "account_monthly-published_rows = 2");
    assertThat(rows("select account_id || ':' || tx_count || ':' || cash_withdrawals from tpl_public.account_monthly order by 1"))
        .containsExactly("a1:1:1", "a4:1:0");
  }

  @Test
  @Order(2)
  void operatorCommandsPrintCountsAndFailClearly() throws Exception {
    land("transactions", "one.csv", "trans_id;account_id;date;type;operation;amount;balance\nx1;a9;950301;PRIJEM;VKLAD;1;1\n");
    Cli.Result upload = Cli.run(env, "upload", "transactions", "--solution", solution.toString(), "--env", "private",
        "--execution-date", "1995-04-01");
    assertThat(upload.code()).as(upload.all()).isZero();
    assertThat(upload.out()).contains("Connector transactions, PRIVATE(ana)", "one.csv: 1 records, 1 stored, 0 rejected",
        "dataset transaction: 1 written");
    Cli.Result publish = Cli.run(env, "publish", "transaction", "--solution", solution.toString(), "--env", "private",
        "--execution-date", "1995-04-01", "--output", "json");
    assertThat(publish.code()).as(publish.all()).isZero();
    assertThat(publish.out()).contains("\"table\" : \"tpl_private_ana.transaction\"", "\"published\" : 1");

    // Without --env, publish and read go where the dataset's latest write for the date went, and say so.
    Cli.Result wherePrivate = Cli.run(env, "publish", "transaction", "--solution", solution.toString(), "--execution-date", "1995-04-01");
    assertThat(wherePrivate.code()).as(wherePrivate.all()).isZero();
    assertThat(wherePrivate.out()).contains("Publishing transaction from PRIVATE(ana): the latest write of its rows for 1995-04-01T00:00"
        + " went there (--env chooses another).", "Published 1 rows of transaction to tpl_private_ana.transaction");
    Cli.Result wherePublic = Cli.run(env, "read", "transaction", "--solution", solution.toString(), "--execution-date", D2);
    assertThat(wherePublic.code()).as(wherePublic.all()).isZero();
    assertThat(wherePublic.err()).contains("Reading transaction from PUBLIC: the latest write of its rows for 1995-03-01T00:00 went there");
    assertThat(wherePublic.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).sorted().toList()).containsExactly("t5", "t6");
    // A PRIVATE upload leaves the landing files in place: one.csv again, now for D2. Both environments
    // have rows for D2 then, and the PRIVATE write is the later one.
    assertThat(Cli.run(env, "upload", "transactions", "--solution", solution.toString(), "--env", "private", "--execution-date", D2)
        .code()).isZero();
    Cli.Result latest = Cli.run(env, "read", "transaction", "--solution", solution.toString(), "--execution-date", D2);
    assertThat(latest.err()).as(latest.all()).contains("Reading transaction from PRIVATE(ana): the latest write");
    assertThat(latest.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).toList()).containsExactly("x1");
    Cli.Result explicitEnv = Cli.run(env, "read", "transaction", "--solution", solution.toString(), "--execution-date", D2,
        "--env", "public");
    assertThat(explicitEnv.err()).contains("Reading transaction from PUBLIC (--env).");
    assertThat(explicitEnv.out().lines().skip(1).map(l -> l.substring(0, l.indexOf(','))).sorted().toList()).containsExactly("t5", "t6");
    // A publish of 0 rows says why, naming the environments that have rows for that date.
    Cli.Result empty = Cli.run(env, "publish", "transaction", "--solution", solution.toString(), "--execution-date", "1995-04-01",
        "--env", "public");
    assertThat(empty.code()).as(empty.all()).isZero();
    assertThat(empty.out()).contains("Publishing transaction from PUBLIC (--env).", "Published 0 rows of transaction to tpl_public.transaction"
        + " (execution date 1995-04-01T00:00, ", "): no rows for 1995-04-01T00:00 in PUBLIC; PRIVATE(ana) has 1 (choose it with --env).");
    Cli.Result none = Cli.run(env, "publish", "transaction", "--solution", solution.toString(), "--execution-date", "1995-05-01",
        "--output", "json");
    assertThat(none.code()).as(none.all()).isZero();
    assertThat(none.out()).contains("\"environment\" : \"PRIVATE(ana)\"", "\"published\" : 0",
        "\"reason\" : \"no rows for 1995-05-01T00:00 in PRIVATE(ana); no environment has rows for that date\"");
    Cli.Result forbidden = Cli.run(Map.of("VIGIL_HOME", env.get("VIGIL_HOME"), "VIGIL_PG_URL", env.get("VIGIL_PG_URL"),
            "VIGIL_S3_ENDPOINT", env.get("VIGIL_S3_ENDPOINT"), "VIGIL_S3_ACCESS_KEY", "vigil",
            "VIGIL_S3_SECRET_KEY_FILE", env.get("VIGIL_S3_SECRET_KEY_FILE"), "VIGIL_USER", "ana"),
        "upload", "transactions", "--solution", solution.toString(), "--env", "public", "--execution-date", "1995-04-01");
    assertThat(forbidden.code()).isEqualTo(3);
    assertThat(forbidden.err()).contains("lacks the manager role");
    Cli.Result unknown = Cli.run(env, "run", "--solution", "tpl", "--bundle", "promoted", "--job", "aml.Nope",
        "--execution-date", D1);
    assertThat(unknown.code()).isEqualTo(3);
    assertThat(unknown.err()).contains("Cannot find job aml.Nope");
  }

  @Test
  @Order(3)
  void aSyncDuringARunLeavesTheRunOnItsBundleAndTheNextRunGetsTheNewOne() throws Exception {
    String d3 = "1995-04-01T00:00:00";
    String first = promoted();
    runTask("aml.Ingest", d3, "aml_monthly/pinned");
    assertThat(lastBundle("aml.Ingest")).isEqualTo(first);

    Files.writeString(solution.resolve("NOTES.md"), "A change pushed while a DAG run is under way.\n");
    try (Git git = Git.open(solution.toFile())) {
      git.add().addFilepattern("NOTES.md").call();
      git.commit().setMessage("notes").setAuthor("dev", "dev@example.test").setCommitter("dev", "dev@example.test").call();
      git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/staging:refs/heads/staging")).call();
    }
    Cli.Result sync = Cli.run(env, "sync", "--repo", work.resolve("remote.git").toUri().toString(), "--once");
    assertThat(sync.code()).as(sync.all()).isZero();
    String second = promoted();
    assertThat(second).isNotEqualTo(first);

    runTask("aml.Dataprep", d3, "aml_monthly/pinned");
    assertThat(lastBundle("aml.Dataprep")).as("the rest of a run stays on the bundle it started with").isEqualTo(first);
    runTask("aml.Dataprep", d3, "aml_monthly/next");
    assertThat(lastBundle("aml.Dataprep")).as("the next run takes the newly promoted commit").isEqualTo(second);
  }

  @Test
  @Order(4)
  void decisioningCommandsIdentifyListDistributeAndBacktest() throws Exception {
    String d = "1995-06-01T00:00:00";
    // Evaluated activities as the evaluate task publishes them: c1 fires the child, c2 the parent, c3 and c4 nothing.
    try (var c = stack.connect(); var s = c.createStatement()) {
      s.execute("insert into tpl_public.monthly_account (account_id, sum_amount, cash_withdrawals, tr_id, tr_job_ts, algo_score,"
          + " algo_pattern) values ('c1', 120000, 12, 'r1', '" + d + "', 0.95, 'sum_amount'),"
          + " ('c2', 60000, 2, 'r2', '" + d + "', 0.90, 'sum_amount'), ('c3', 60000, 2, 'r3', '" + d + "', 0.50, null),"
          + " ('c4', 1000, 20, 'r4', '" + d + "', 0.99, 'tx_count')");
    }
    String[] at = {"--solution", solution.toString(), "--execution-date", d, "--env", "public"};

    Cli.Result identified = cli("identify-risks", "monthly_account", at);
    assertThat(identified.out()).contains("4 activities decided")
        .containsPattern("high_volume\\s+1\\s+0\\s+1").containsPattern("high_volume_cash\\s+1\\s+0\\s+0");

    Cli.Result csv = cli("alerts", "monthly_account", at, "--output", "csv");
    assertThat(csv.out().lines().toList()).hasSize(3).first().asString().startsWith("alert_id,tr_id,execution_date,risk,entity");
    assertThat(csv.out()).contains(",r1,1995-06-01T00:00,high_volume_cash,account_id=c1,", ",r2,1995-06-01T00:00,high_volume,account_id=c2,");
    Cli.Result json = cli("alerts", "monthly_account", at, "--output", "json", "--risk", "high_volume");
    assertThat(json.out()).contains("\"risk\" : \"high_volume\"", "\"account_id\" : \"c2\"", "High volume on account c2")
        .doesNotContain("high_volume_cash");

    try (LocalReceiver receiver = LocalReceiver.builder().expectBasic("cm", "cm-secret-8810").start()) {
      Map<String, String> withTarget = new HashMap<>(env);
      withTarget.put("CASE_MANAGER_URL", receiver.url().toString());
      withTarget.put("CASE_MANAGER_USER", "cm");
      withTarget.put("CASE_MANAGER_PASSWORD", "cm-secret-8810");
      Cli.Result privately = Cli.run(withTarget, "distribute", "monthly_account", "--target", "case_manager", "--solution",
          solution.toString(), "--execution-date", d);
      assertThat(privately.out()).as(privately.all()).contains("Nothing sent");
      assertThat(receiver.stats().requests()).isZero();
      String[] send = {"distribute", "monthly_account", "--target", "case_manager", "--solution", solution.toString(),
          "--execution-date", d, "--env", "public"};
      Cli.Result sent = Cli.run(withTarget, send);
      assertThat(sent.code()).as(sent.all()).isZero();
      assertThat(sent.out()).contains("Sent 2 of 2 waiting alerts of flow monthly_account to case_manager");
      assertThat(sent.all()).doesNotContain("cm-secret-8810");
      Cli.Result again = Cli.run(withTarget, send);
      assertThat(again.out()).as(again.all()).contains("Sent 0 of 0 waiting alerts");
      assertThat(receiver.stats().distinctItems()).isEqualTo(2);
      assertThat(receiver.stats().duplicates()).isZero();
    }
    assertThat(cli("alerts", "monthly_account", at).out()).contains("[sent to case_manager]").doesNotContain("[waiting]");

    List<String> before = rows("select alert_id || distributed_on from tpl_public.alerts_monthly_account order by 1");
    Path csvDir = work.resolve("backtest");
    Cli.Result backtest = Cli.run(env, "backtest", "monthly_account", "--from", d, "--to", d, "--risk", "high_volume",
        "--solution", solution.toString(), "--env", "public", "--csv-dir", csvDir.toString());
    assertThat(backtest.code()).as(backtest.all()).isZero();
    assertThat(backtest.out()).containsPattern("high_volume\\s+1995-06-01\\s+1\\s+1").contains("0 entity-periods newly alerted");
    assertThat(Files.readAllLines(csvDir.resolve("backtest-monthly_account-periods.csv")))
        .containsExactly("risk,execution_date,draft_alerts,active_alerts,has_active_version", "high_volume,1995-06-01T00:00,1,1,true");
    assertThat(rows("select alert_id || distributed_on from tpl_public.alerts_monthly_account order by 1")).isEqualTo(before);
  }

  @Test
  @Order(5)
  void alertsCloseRecordsAClosureOnceInTheTableSyncCreatedAndRefusesAnotherResolution() throws Exception {
    String id = rows("select alert_id from tpl_public.alerts_monthly_account order by alert_id limit 1").get(0);
    String[] where = {"--solution", solution.toString(), "--env", "public"};
    Cli.Result closed = cli("alerts", "close", where, id, "--resolution", "false_positive", "--note", "reviewed");
    // A batch flow has no callback target: the closure is recorded and nothing is called.
    assertThat(closed.out()).isEqualTo("Closed alert " + id + " of flow monthly_account as false_positive." + System.lineSeparator());
    assertThat(cli("alerts", "close", where, id, "--resolution", "false_positive").out())
        .contains("was already closed as false_positive; nothing changed.");
    assertThat(rows("select resolution || '/' || note || '/' || (closed_by <> '') || '/' || (callback_target is null)"
        + " from tpl_public.alert_closures_monthly_account")).containsExactly("false_positive/reviewed/true/true");
    assertThat(rows("select resolution || '/' || resolution_note from tpl_public.alerts_monthly_account where alert_id = '" + id + "'"))
        .containsExactly("false_positive/reviewed");

    Cli.Result otherwise = Cli.run(env, "alerts", "close", id, "--resolution", "escalated", "--solution", solution.toString(),
        "--env", "public");
    assertThat(otherwise.code()).isEqualTo(5);
    assertThat(otherwise.err()).contains("VGL-RT-145: Cannot close alert " + id + " as escalated: it is already closed as false_positive");
    Cli.Result unknown = Cli.run(env, "alerts", "close", "no-such-alert", "--resolution", "x", "--solution", solution.toString(),
        "--env", "public");
    assertThat(unknown.code()).isEqualTo(3);
    assertThat(unknown.err()).contains("VGL-RT-144: Cannot close alert no-such-alert: solution tpl in PUBLIC has no alert with that id");
    assertThat(Cli.run(env, "alerts", "close", id, "--solution", solution.toString()).code()).isEqualTo(2);
    assertThat(rows("select count(*) from tpl_public.alert_closures_monthly_account")).containsExactly("1");
    assertThat(rows("select count(*) from tpl_public.alert_callback_attempts_monthly_account")).containsExactly("0");

    Cli.Result callbacks = Cli.run(env, "alerts", "callbacks", "--solution", solution.toString(), "--env", "public");
    assertThat(callbacks.code()).as(callbacks.all()).isZero();
    assertThat(callbacks.out()).contains("nothing to call back");
    // Listing is as before; without a flow or a date it is a usage error.
    assertThat(cli("alerts", "monthly_account", where, "--execution-date", "1995-06-01").out()).contains("high_volume");
    Cli.Result noFlow = Cli.run(env, "alerts", "--execution-date", "1995-06-01", "--solution", solution.toString());
    assertThat(noFlow.code()).isEqualTo(2);
    assertThat(noFlow.err()).contains("Missing required parameter: '<flow>'");
    Cli.Result noDate = Cli.run(env, "alerts", "monthly_account", "--solution", solution.toString());
    assertThat(noDate.code()).isEqualTo(2);
    assertThat(noDate.err()).contains("Missing required option: '--execution-date=<date>'");
  }

  @Test
  @Order(6)
  void vigilServeAnswersTheRealtimeFlowWithTheModelsTheDagTrainedAndStoresTheRecord() throws Exception {
    String d = "1995-08-01T00:00:00";
    StringBuilder accounts = new StringBuilder("account_id;district_id;frequency;opened\n");
    StringBuilder transactions = new StringBuilder("trans_id;account_id;date;type;operation;amount;balance\n");
    for (int a = 0; a < 30; a++) {
      accounts.append(String.format("r%02d;%d;%s;950101%n", a, a % 7, a % 3 == 0 ? "T" : "M"));
      for (int t = 0; t < 8; t++) {
        boolean cash = (a + t) % 3 == 0;
        transactions.append(String.format("m%02d-%d;r%02d;9507%02d;%s;%s;%d;%d%n", a, t, a, t + 1, cash ? "VYDAJ" : "PRIJEM",
            cash ? "VYBER" : "VKLAD", 100 + 37 * ((a * 8 + t) % 23), 1000 + 50 * a - 20 * t));
      }
    }
    land("accounts", "accounts_8.csv", accounts.toString());
    land("transactions", "tx_8.csv", transactions.toString());
    for (String job : List.of("aml.Ingest", "aml.Dataprep", "aml.Train", "aml.CheckDrift", "aml.Evaluate")) {
      runTask(job, d, "aml_monthly/" + d);
    }
    // The drift task ran in the template's log mode before evaluation and recorded its verdict with the run.
    assertThat(rows("select m.value from vigil_meta.job_metrics m join vigil_meta.job_runs r using (run_id) where r.job = 'aml.CheckDrift'"
        + " and m.name = 'drift.monthly_account.algo.drifted'")).singleElement().isIn("0.0", "1.0", "0", "1");
    assertThat(rows("select count(*) from tpl_public.transaction where trans_id like 'm%'")).containsExactly("240");

    String secret = "tpl-rt-secret-5521";
    try (LocalReceiver receiver = LocalReceiver.builder().expectBasic("cm", "cm-secret-8810").start()) {
      Map<String, String> serveEnv = new HashMap<>(env);
      serveEnv.put("VIGIL_REALTIME_CLIENT_SECRET", secret);
      serveEnv.put("CASE_MANAGER_URL", receiver.url().toString());
      serveEnv.put("CASE_MANAGER_USER", "cm");
      serveEnv.put("CASE_MANAGER_PASSWORD", "cm-secret-8810");
      try (ChildServe serve = ChildServe.start(serveEnv, work.resolve("serve.log"), "--solution", solution.toString(), "--port", "0",
          "--workers", "2", "--distribute-every", "PT1S")) {
        RealtimeClient client = RealtimeClient.builder(serve.uri(), "tpl", secret).build();
        Map<String, Object> both = new LinkedHashMap<>();
        both.put("trans_id", "rt-1");
        both.put("account_id", "r03");
        both.put("date", "950802");
        both.put("type", "VYDAJ");
        both.put("operation", "VYBER");
        both.put("amount", 25_000.0);
        both.put("balance", -350.5);
        RealtimeAnswer answer = client.evaluate("transaction_realtime", both);
        assertThat(answer.status()).as(serve.log()).isEqualTo(200);
        assertThat(answer.match()).isTrue();
        assertThat(answer.score()).as("the algo step scored the record with the trained models").isNotNull().isBetween(0.0, 1.0);
        assertThat(answer.alerts()).extracting(RealtimeAnswer.Alert::risk)
            .containsExactlyInAnyOrder("large_cash_withdrawal", "overdrawn_account");
        assertThat(answer.alerts()).filteredOn(a -> a.risk().equals("large_cash_withdrawal")).singleElement()
            .satisfies(a -> assertThat(a.displayName()).isEqualTo("Cash withdrawal of 25,000 on r03"));
        assertThat(answer.alerts()).filteredOn(a -> a.risk().equals("overdrawn_account")).singleElement()
            .satisfies(a -> assertThat(a.description()).isEqualTo("Balance -350.5 after VYBER (statements T)"));

        Map<String, Object> quiet = new LinkedHashMap<>(both);
        quiet.put("trans_id", "rt-2");
        quiet.put("account_id", "r04");
        quiet.put("operation", "PREVOD NA UCET");
        quiet.put("balance", 900.0);
        RealtimeAnswer none = client.evaluate("transaction_realtime", quiet);
        assertThat(none.status()).isEqualTo(200);
        assertThat(none.match()).isFalse();
        assertThat(none.alerts()).isEmpty();
        quiet.put("amount", "a lot");
        RealtimeAnswer refused = client.evaluate("transaction_realtime", quiet);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().path("problems").toString()).contains("amount");

        assertThat(rows("select trans_id || ':' || amount from tpl_public.transaction where trans_id like 'rt-%' order by 1"))
            .containsExactly("rt-1:25000", "rt-2:25000");
        assertThat(rows("select trans_id from tpl_public.transaction_realtime where tr_id = '" + answer.trId() + "'"))
            .containsExactly("rt-1");
        assertThat(rows("select rvp_large_cash_withdrawal_is_cash_withdrawal || ':' || rf_large_cash_withdrawal || ':'"
            + " || rf_overdrawn_account from tpl_public.activity_transaction_realtime where tr_id = '" + answer.trId() + "'"))
            .containsExactly("true:true:true");
        assertThat(rows("select count(*) from tpl_public.alerts_transaction_realtime")).containsExactly("2");
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (receiver.stats().distinctItems() < 2 && System.nanoTime() < deadline) {
          Thread.sleep(200);
        }
        assertThat(receiver.stats().distinctItems()).as("the outbox sent both alerts to the case manager").isEqualTo(2);
        // The same server takes REST records for the connector, behind the same token.
        HttpClient http = HttpClient.newHttpClient();
        String record = "{\"trans_id\": \"in-1\", \"account_id\": \"r05\", \"date\": \"950803\", \"type\": \"PRIJEM\","
            + " \"operation\": \"VKLAD\", \"amount\": 10, \"balance\": 10}";
        HttpRequest.Builder ingest = HttpRequest.newBuilder(serve.uri().resolve("/ingest/v1/tpl/transaction_api"))
            .POST(HttpRequest.BodyPublishers.ofString(record));
        assertThat(http.send(ingest.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
        HttpResponse<String> auth = http.send(HttpRequest.newBuilder(serve.uri().resolve("/auth")).POST(HttpRequest.BodyPublishers
            .ofString("{\"clientId\": \"platform-ingestion-tpl\", \"clientSecret\": \"" + secret + "\"}")).build(),
            HttpResponse.BodyHandlers.ofString());
        String token = new ObjectMapper().readTree(auth.body()).at("/result/token").asText();
        HttpResponse<String> accepted = http.send(ingest.header("Authorization", "Bearer " + token).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        assertThat(accepted.body()).contains("\"accepted\":1");
        assertThat(serve.stop()).as("stops on SIGTERM after draining").isTrue();
        assertThat(serve.log()).doesNotContain(secret).doesNotContain("cm-secret-8810");
      }
    }
  }

  private static Cli.Result cli(String command, String flow, String[] at, String... more) {
    List<String> args = new java.util.ArrayList<>(List.of(command, flow));
    args.addAll(List.of(at));
    args.addAll(List.of(more));
    Cli.Result r = Cli.run(env, args.toArray(String[]::new));
    assertThat(r.code()).as(r.all()).isZero();
    return r;
  }

  private static void runTask(String job, String date, String runKey) {
    Cli.Result r = Cli.run(env, "run", "--solution", "tpl", "--bundle", "promoted", "--job", job, "--execution-date", date,
        "--run-key", runKey, "--dag", "aml_monthly", "--task", job);
    assertThat(r.code()).as(r.all()).isZero();
  }

  private static String promoted() throws Exception {
    return rows("select commit from vigil_meta.sync_history where action = 'promote' order by rank desc limit 1").get(0);
  }

  private static String lastBundle(String job) throws Exception {
    return rows("select bundle_commit from vigil_meta.job_runs where job = '" + job + "' order by started_at desc limit 1").get(0);
  }
}
