package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The template's drift task in block mode, on the embedded stack: a month like the one the models
 * were trained on passes; a month whose amounts are twenty times larger makes {@code vigil run} of
 * the drift task exit 6, makes {@code vigil dag run} stop there so that evaluate never runs for it,
 * and {@code vigil drift} prints the failing tests (exit 6 in block mode, 0 with {@code --mode log}).
 */
class DriftBlocksTheDagTest {
  private static final String D1 = "1995-02-01T00:00:00";
  private static final String D2 = "1995-03-01T00:00:00";
  private static final int ACCOUNTS = 200;

  @TempDir static Path home;
  @TempDir static Path work;
  static TestStack stack;
  static Map<String, String> env;
  static Path solution;

  @BeforeAll
  static void syncTheTemplateInBlockMode() throws Exception {
    stack = new TestStack(home);
    env = new HashMap<>(stack.env());
    env.put("VIGIL_ROLES", "manager");
    solution = work.resolve("tpl");
    assertThat(Cli.run(env, "init", solution.toString()).code()).isZero();
    Path flow = solution.resolve("domains/aml/evaluation_flows/MonthlyAccount.java");
    String source = Files.readString(flow);
    assertThat(source).contains("DriftMode.LOG");
    Files.writeString(flow, source.replace("DriftMode.LOG", "DriftMode.BLOCK"));
    Path remote = work.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    try (Git git = Git.init().setDirectory(solution.toFile()).setInitialBranch("staging").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("template, drift in block mode").setAuthor("dev", "dev@example.test")
          .setCommitter("dev", "dev@example.test").call();
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

  @Test
  void aDriftedMonthStopsTheDagBeforeEvaluation() throws Exception {
    landMonth("01", 1, 1);
    for (String job : new String[] {"aml.Ingest", "aml.Dataprep", "aml.Train", "aml.CheckDrift"}) {
      Cli.Result r = run(job, D1);
      assertThat(r.code()).as(r.all()).isZero();
    }
    assertThat(metric("drift.monthly_account.algo.drifted", D1)).isEqualTo("0");
    // Against the models trained on it, the month itself passes in block mode too.
    Cli.Result steady = Cli.run(env, "drift", "monthly_account", "--execution-date", D1, "--solution", solution.toString(),
        "--env", "public", "--step", "algo");
    assertThat(steady.code()).as(steady.all()).isZero();
    assertThat(steady.out()).contains("No drift: every test passed.").doesNotContain("FAIL");

    // The next month's amounts are twenty times larger: sum_amount and max_amount drift.
    landMonth("02", 2, 20);
    Cli.Result dag = Cli.run(env, "dag", "run", "aml_monthly", "--solution", "tpl", "--logical-date", "1995-02-01", "--in-process");
    assertThat(dag.code()).as(dag.all()).isEqualTo(1);
    assertThat(dag.out()).contains("Task drift (aml.CheckDrift), attempt 1 of 2", "Task drift failed (exit 6); the rest of the run is skipped.")
        .doesNotContain("Task evaluate").doesNotContain("attempt 2 of 2");
    assertThat(stack.query("select job || ':' || status from vigil_meta.job_runs where execution_date = '" + D2.replace('T', ' ')
        + "' order by started_at")).containsExactly("aml.Ingest:success", "aml.Dataprep:success", "aml.Train:success",
            "aml.CheckDrift:failed");
    assertThat(metric("drift.monthly_account.algo.drifted", D2)).isEqualTo("1");
    assertThat(metric("drift.monthly_account.algo.MAX_CSI_FEATURE_CHANGE.passed", D2)).isEqualTo("0");

    Cli.Result task = run("aml.CheckDrift", D2);
    assertThat(task.code()).as(task.all()).isEqualTo(6);
    assertThat(task.err()).contains("Job aml.CheckDrift failed in cell 1", "Cannot accept the data of flow monthly_account step algo",
        "MAX_CSI_FEATURE_CHANGE");

    Cli.Result blocked = Cli.run(env, "drift", "monthly_account", "--execution-date", D2, "--solution", solution.toString(),
        "--env", "public");
    assertThat(blocked.code()).as(blocked.all()).isEqualTo(6);
    assertThat(blocked.out()).contains("Drift of flow monthly_account step algo for 1995-03-01T00:00 against model monthly_account_ad",
        "block mode", "MAX_CSI_FEATURE_CHANGE", "FAIL", "Drift detected: ");
    assertThat(blocked.out()).containsPattern("sum_amount +[0-9.]+  FAIL");
    assertThat(blocked.err()).contains("Error: VGL-RT-158: Cannot accept the data of flow monthly_account step algo");
    Cli.Result logged = Cli.run(env, "drift", "monthly_account", "--execution-date", D2, "--solution", solution.toString(),
        "--env", "public", "--mode", "log");
    assertThat(logged.code()).as(logged.all()).isZero();
    assertThat(logged.out()).contains("log mode", "Drift detected: ");
    Cli.Result json = Cli.run(env, "drift", "monthly_account", "--execution-date", D2, "--solution", solution.toString(),
        "--env", "public", "--mode", "log", "--output", "json");
    assertThat(json.code()).as(json.all()).isZero();
    assertThat(json.out()).contains("\"mode\" : \"log\"", "\"drifted\" : true", "\"test\" : \"MAX_CSI_FEATURE_CHANGE\"",
        "\"result\" : \"FAIL\"", "\"feature_csi\" : {");
  }

  private static Cli.Result run(String job, String date) {
    return Cli.run(env, "run", "--solution", "tpl", "--bundle", "promoted", "--job", job, "--execution-date", date,
        "--run-key", "aml_monthly/" + date, "--dag", "aml_monthly", "--task", job);
  }

  /** A metric of the drift task's latest run for a date, as vigil_meta recorded it. */
  private static String metric(String name, String date) throws Exception {
    return stack.query("select trim(to_char(m.value, 'FM999999990.999')) from vigil_meta.job_metrics m join vigil_meta.job_runs r"
        + " using (run_id) where r.job = 'aml.CheckDrift' and r.execution_date = '" + date.replace('T', ' ') + "' and m.name = '"
        + name + "' order by r.started_at desc limit 1").get(0).replaceAll("\\.$", "");
  }

  /** A month of accounts with five transactions each; {@code scale} multiplies every amount. */
  private static void landMonth(String month, long seed, int scale) throws Exception {
    Random random = new Random(seed);
    StringBuilder accounts = new StringBuilder("account_id;district_id;frequency;opened\n");
    StringBuilder transactions = new StringBuilder("trans_id;account_id;date;type;operation;amount;balance\n");
    for (int a = 0; a < ACCOUNTS; a++) {
      accounts.append(String.format(Locale.ROOT, "d%03d;%d;M;950101%n", a, a % 7));
      for (int t = 0; t < 5; t++) {
        boolean cash = random.nextInt(3) == 0;
        transactions.append(String.format(Locale.ROOT, "m%s-%03d-%d;d%03d;95%s%02d;%s;%s;%d;%d%n", month, a, t, a, month, t + 1,
            cash ? "VYDAJ" : "PRIJEM", cash ? "VYBER" : "VKLAD", scale * (100 + random.nextInt(900)), 1000 + random.nextInt(5000)));
      }
    }
    land("accounts", "accounts_" + month + ".csv", accounts.toString());
    land("transactions", "tx_" + month + ".csv", transactions.toString());
  }

  private static void land(String connector, String name, String text) throws Exception {
    Path file = work.resolve(name);
    Files.writeString(file, text);
    Cli.Result put = Cli.run(env, "landing", "put", connector, file.toString(), "--solution", solution.toString());
    assertThat(put.code()).as(put.all()).isZero();
  }
}
