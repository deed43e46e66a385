package io.vigil.cli.dev;

import io.vigil.cli.common.CliEnvironment;
import io.vigil.cli.common.ExitCodes;
import io.vigil.cli.common.Subcommands;
import io.vigil.cli.common.VersionProvider;
import io.vigil.cli.solution.SolutionTemplate;
import io.vigil.demo.BerkaData;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.delivery.ReceiverStats;
import io.vigil.runtime.layout.Layout;
import io.vigil.runtime.monitoring.ReportKind;
import io.vigil.runtime.monitoring.ReportStore;
import io.vigil.runtime.monitoring.StoredReport;
import io.vigil.runtime.store.EmbeddedStack;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.runtime.store.Postgres;
import io.vigil.runtime.store.Secret;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.sync.errors.SyncErrors;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.YearMonth;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.URIish;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * {@code vigil demo}: the whole loop on the embedded stack, with nothing to install. The reference
 * solution is pushed to a staging branch, synced and promoted; two months of Berka-like files land;
 * the monthly DAG runs for both months; then the demo shows what it created, serves the real-time flow
 * as {@code vigil serve} does and sends it the next month's first transactions.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Run the whole loop on the embedded stack with the reference solution.",
      "Pushes the reference solution to staging, syncs and promotes it, lands two months of synthetic bank data,",
      "and runs the monthly DAG (upload >> dataprep >> publish) for both.",
      "Then serves the real-time flow as vigil serve does and sends it 1,000 transactions through the Java client,",
      "printing the latency percentiles, the matches and the alerts.",
      "Everything lives under --home; a previous demo there is replaced."
    },
    exitCodeListHeading = "%nExit codes:%n",
    exitCodeList = {"0:the demo ran", "1:a step failed (the output says which)", "2:invalid command line"})
public final class DemoCommand implements Callable<Integer> {
  static final String SOLUTION = "aml_monthly";
  static final String GRAPH = "accounts";
  private static final List<YearMonth> MONTHS = List.of(YearMonth.of(1995, 1), YearMonth.of(1995, 2));
  /** The reference solution's real-time flow, and how many transactions the demo sends it. */
  static final String REALTIME_FLOW = "transaction_check";
  static final int REALTIME_TRANSACTIONS = 1_000;
  /** Ids of the transactions the demo sends in real time start with this, so they stand apart from the landed ones. */
  static final String REALTIME_PREFIX = "rt-";
  private static final int STEPS = MONTHS.size() + 5;

  @Spec CommandSpec spec;

  @Option(names = "--home", paramLabel = "<dir>", description = "Where the demo keeps everything (default: $VIGIL_HOME/demo).")
  Path home;

  @Option(names = "--accounts", defaultValue = "200", paramLabel = "<n>", description = "Synthetic accounts (default: ${DEFAULT-VALUE}).")
  int accounts;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    long started = System.nanoTime();
    Path dir = (home != null ? home : StoreSettings.fromEnvironment(CliEnvironment.get()).home().resolve("demo"))
        .toAbsolutePath().normalize();
    deleteTree(dir);
    Files.createDirectories(dir);
    step(1, "Starting the embedded stack (PostgreSQL, S3Proxy) in " + dir.resolve("stack"));
    // The investigation queue the reference solution's distribute task sends to: stores what it
    // receives and drops duplicates by alert id, as a case manager's intake would.
    String token = UUID.randomUUID().toString();
    try (EmbeddedStack stack = EmbeddedStack.start(dir.resolve("stack"));
        LocalReceiver receiver = LocalReceiver.builder().expectBearer(token).start()) {
      Map<String, String> env = new HashMap<>(CliEnvironment.get());
      // The demo's own stack and DAGs folder: a user's store or Airflow settings (a secret set directly
      // wins over a _FILE one) must not leak in.
      env.keySet().removeIf(k -> k.startsWith("VIGIL_PG_") || k.startsWith("VIGIL_S3_") || k.startsWith("VIGIL_AIRFLOW_"));
      env.put("VIGIL_HOME", dir.toString());
      env.put("VIGIL_PG_URL", stack.pgUrl());
      env.put("VIGIL_PG_USER", "postgres");
      env.put("VIGIL_S3_ENDPOINT", stack.s3Endpoint());
      env.put("VIGIL_S3_ACCESS_KEY", EmbeddedStack.ACCESS_KEY);
      env.put("VIGIL_S3_SECRET_KEY_FILE", stack.s3SecretFile().toString());
      env.put("VIGIL_ROLES", "manager");
      env.put("VIGIL_AIRFLOW_DAGS_DIR", dir.resolve("airflow-dags").toString());
      env.remove("VIGIL_WAREHOUSE");
      env.put("INVESTIGATIONS_URL", receiver.url().toString());
      env.put("INVESTIGATIONS_TOKEN", token);
      // The client secret of the demo's real-time server; solution.yaml names this variable.
      String clientSecret = UUID.randomUUID().toString();
      env.put("VIGIL_REALTIME_CLIENT_SECRET", clientSecret);
      try (AutoCloseable ignored = CliEnvironment.use(env)) {
        step(2, "Creating the reference solution " + SOLUTION + " and pushing it to the staging branch");
        String remote = repository(dir);
        step(3, "Syncing staging: validate, plan, apply to Postgres, S3 and Delta, promote to main");
        String sync = quietly("sync", "--repo", remote, "--once");
        sync.lines().filter(l -> l.startsWith("Plan:") || l.startsWith("Apply complete") || l.startsWith("Promoted"))
            .forEach(l -> out.println("    " + l));
        Secret secret = Secret.of(Files.readString(stack.s3SecretFile()).strip());
        Layout layout = new Layout(SOLUTION, dir.resolve("warehouse").toString());
        BerkaData data = BerkaData.of(1995, accounts, 12, MONTHS.get(0));
        int step = 4;
        for (YearMonth month : MONTHS) {
          BerkaData.Month files = data.month(month);
          // Records, not lines: the accounts file starts with its header.
          step(step++, "Landing " + month + ": districts, " + (files.accounts().lines().count() - 1) + " accounts, "
              + files.transactionCount() + " transactions; running DAG aml_monthly for logical date " + month.atDay(1));
          try (ObjectStore s3 = new ObjectStore(stack.s3Endpoint(), EmbeddedStack.ACCESS_KEY, secret, "us-east-1")) {
            land(s3, layout, "districts", "districts_" + month + ".csv", files.districts());
            land(s3, layout, "accounts", "accounts_" + month + ".csv", files.accounts());
            land(s3, layout, "transactions", "transactions_" + month + ".csv", files.transactions());
          }
          run("dag", "run", "aml_monthly", "--solution", SOLUTION, "--logical-date", month.atDay(1).toString(), "--in-process");
        }
        summary(dir, stack, receiver, started);
        egoGraph(dir, stack);
        try (ObjectStore s3 = new ObjectStore(stack.s3Endpoint(), EmbeddedStack.ACCESS_KEY, secret, "us-east-1")) {
          reports(dir, s3, layout);
        }
        realtime(dir, receiver, clientSecret, data.month(MONTHS.get(MONTHS.size() - 1).plusMonths(1)));
        whereNext(dir);
      }
    }
    return ExitCodes.OK;
  }

  /** The reference solution in a git working copy whose staging branch is pushed to a bare remote. */
  private String repository(Path dir) throws IOException, GitAPIException, java.net.URISyntaxException {
    Path remote = dir.resolve("remote.git");
    Path work = dir.resolve("solution");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    SolutionTemplate.copyTo("vigil-examples/aml-monthly", work, SOLUTION, VersionProvider.version());
    try (Git git = Git.init().setDirectory(work.toFile()).setInitialBranch("staging").call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("Reference solution " + SOLUTION).setAuthor("vigil demo", "demo@vigil.invalid")
          .setCommitter("vigil demo", "demo@vigil.invalid").setSign(false).call();
      git.remoteAdd().setName("origin").setUri(new URIish(remote.toUri().toString())).call();
      git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/staging:refs/heads/staging")).call();
    }
    out.println("    " + work + " (staging) -> " + remote);
    return remote.toUri().toString();
  }

  private static void land(ObjectStore s3, Layout layout, String folder, String name, String text) {
    s3.put(layout.bucket(), layout.landingPrefix(folder) + name, text.getBytes(StandardCharsets.UTF_8));
  }

  private void summary(Path dir, EmbeddedStack stack, LocalReceiver receiver, long started) {
    step(MONTHS.size() + 4, "Batch runs done in " + Duration.ofNanos(System.nanoTime() - started).toSeconds() + " s. What they created:");
    Postgres pg = new Postgres(stack.pgUrl(), "postgres", null);
    pg.withConnection(c -> {
      for (String table : List.of("district", "account", "transaction", "account_monthly", "account_month")) {
        try (ResultSet rs = c.createStatement().executeQuery("select count(*) from " + SOLUTION + "_public." + table)) {
          rs.next();
          out.printf("    Postgres %s_public.%-16s %7d rows%n", SOLUTION, table, rs.getLong(1));
        }
      }
      out.println("    Top anomalies of flow account_month (score, the features that made them anomalous):");
      try (ResultSet rs = c.createStatement().executeQuery("select account_id, tr_job_ts, algo_score, algo_pattern from "
          + SOLUTION + "_public.account_month where algo_pattern is not null order by algo_score desc, account_id limit 5")) {
        while (rs.next()) {
          out.printf("      account %-6s %s  score %.3f  %s%n", rs.getString(1), rs.getTimestamp(2).toLocalDateTime().toLocalDate(),
              rs.getDouble(3), rs.getString(4));
        }
      }
      out.println("    Alerts of flow account_month per risk (suppressed ones raised no new case):");
      try (ResultSet rs = c.createStatement().executeQuery("select risk_identifier, count(*) filter (where not suppressed),"
          + " count(*) filter (where suppressed), count(*) filter (where distributed_on is not null) from " + SOLUTION
          + "_public.alerts_account_month group by risk_identifier order by risk_identifier")) {
        while (rs.next()) {
          out.printf("      %-28s %4d alerts, %3d suppressed, %4d distributed%n", rs.getString(1), rs.getLong(2), rs.getLong(3),
              rs.getLong(4));
        }
      }
      ReceiverStats received = receiver.stats();
      out.printf("    Investigation queue %s: %d alerts received in %d requests, %d duplicates dropped%n", receiver.url(),
          received.distinctItems(), received.accepted(), received.duplicates());
      try (ResultSet rs = c.createStatement().executeQuery(
          "select r.task, r.execution_date, sum(case when m.name like '%-written_rows' then m.value end),"
              + " sum(case when m.name like '%-rejected_rows' then m.value end),"
              + " sum(case when m.name like '%-published_rows' then m.value end)"
              + " from vigil_meta.job_runs r left join vigil_meta.job_metrics m on m.run_id = r.run_id"
              + " where r.solution = '" + SOLUTION + "' group by r.task, r.execution_date, r.started_at order by r.started_at")) {
        while (rs.next()) {
          out.printf("    run %-9s %s: %5d written, %3d rejected, %6d published%n", rs.getString(1), rs.getTimestamp(2)
              .toLocalDateTime().toLocalDate(), rs.getLong(3), rs.getLong(4), rs.getLong(5));
        }
      }
      return null;
    });
    out.println("    Delta tables under   " + dir.resolve("warehouse/" + SOLUTION));
    out.println("    Archived files under s3://vigil-aml-monthly/upload/ (S3Proxy data in " + dir.resolve("stack/s3") + ")");
    out.println("    Airflow DAG file     " + dir.resolve("airflow-dags/vigil_" + SOLUTION + "__aml_monthly.py"));
    out.flush();
  }

  /** The network around the account with the most severe alert, drawn by vigil graph show. */
  private void egoGraph(Path dir, EmbeddedStack stack) {
    String account = new Postgres(stack.pgUrl(), "postgres", null).withConnection(c -> {
      try (ResultSet rs = c.createStatement().executeQuery("select entity->>'account_id' from " + SOLUTION
          + "_public.alerts_account_month where not suppressed order by severity desc nulls last, tr_job_ts, alert_id limit 1")) {
        return rs.next() ? rs.getString(1) : null;
      }
    });
    if (account == null) {
      out.println("    No alert was raised, so there is no alerted account to draw.");
      return;
    }
    Path page = dir.resolve("ego.html");
    quietly("graph", "show", GRAPH, "--node", account, "--hops", "2", "--out", page.toString(), "--solution",
        dir.resolve("solution").toString(), "--env", "public");
    out.println("    Ego graph of alerted account " + account + " (2 hops, vigil graph show): " + page);
    out.flush();
  }

  /** The newest monitoring report of each kind the runs wrote, and how to open it. */
  private void reports(Path dir, ObjectStore s3, Layout layout) {
    List<StoredReport> all = ReportStore.list(s3, layout.bucket(), null);
    out.println("    Monitoring reports under s3://" + layout.bucket() + "/reports/ (" + all.size() + "; vigil reports list):");
    for (ReportKind kind : ReportKind.values()) {
      all.stream().filter(r -> r.kind() == kind).findFirst().ifPresent(r -> out.println("      ./vigil reports open " + r.key()
          + " --out " + kind.key() + ".html --solution " + dir.resolve("solution")));
    }
    out.flush();
  }

  /** Serves the real-time flow as {@code vigil serve} does and sends it the next month's first transactions. */
  private void realtime(Path dir, LocalReceiver receiver, String clientSecret, BerkaData.Month next) {
    step(STEPS, "Serving the real-time flow " + REALTIME_FLOW + " (vigil serve) and sending it " + REALTIME_TRANSACTIONS + " of "
        + next.month() + "'s transactions through RealtimeClient, one at a time");
    int receivedBefore = receiver.stats().distinctItems();
    DemoRealtime.Result r = DemoRealtime.run(dir.resolve("solution"), SOLUTION, clientSecret, REALTIME_FLOW,
        DemoRealtime.records(next.transactions(), REALTIME_TRANSACTIONS, REALTIME_PREFIX));
    out.printf(Locale.ROOT, "    %s: %d of %d answered, latency p50 %.1f ms, p99 %.1f ms (client side, over loopback)%n", r.uri(),
        r.answered(), r.sent(), r.p50Millis(), r.p99Millis());
    out.printf("    %d matches, %d alerts (suppressed ones included); %d sent to the investigation queue; server stopped%n",
        r.matches(), r.alerts(), receiver.stats().distinctItems() - receivedBefore);
    out.println("    Stored in " + SOLUTION + "_public.transaction, " + REALTIME_FLOW + ", activity_" + REALTIME_FLOW + " and alerts_"
        + REALTIME_FLOW);
    if (!r.failures().isEmpty()) {
      r.failures().forEach(f -> out.println("    refused " + f));
      out.flush();
      throw SyncErrors.demoStepFailed(List.of("serve", "--solution", dir.resolve("solution").toString()), ExitCodes.INTERNAL);
    }
    out.flush();
  }

  private void whereNext(Path dir) {
    out.println();
    out.println("Where to look next:");
    out.println("  ./vigil dev up --home " + dir.resolve("stack") + " --detach      # the stores again, with the demo's data");
    out.println("  export VIGIL_HOME=" + dir + " and the lines dev up prints, then:");
    out.println("  ./vigil read transaction --solution " + dir.resolve("solution") + " --execution-date 1995-03-01 --env public --limit 5");
    out.println("  ./vigil history --name " + SOLUTION);
    out.println("  ./vigil models list                                   # the models the train task registered");
    out.println("  VIGIL_REALTIME_CLIENT_SECRET=... ./vigil serve --solution " + dir.resolve("solution") + "   # the real-time flow, docs/realtime.md");
    out.println("  examples/notebooks/explore-aml-monthly.ipynb, docs/concepts.md, docs/runtime.md, docs/realtime.md, docs/airflow.md");
    out.flush();
  }

  private void step(int n, String text) {
    out.println("[" + n + "/" + STEPS + "] " + text);
    out.flush();
  }

  /** Runs a CLI command in this process, printing what it prints; fails the demo when it fails. */
  private void run(String... args) {
    CommandLine cli = Subcommands.freshRoot(spec);
    cli.setOut(out);
    cli.setErr(spec.commandLine().getErr());
    int code = cli.execute(args);
    if (code != 0) {
      throw SyncErrors.demoStepFailed(List.of(args), code);
    }
  }

  /** Runs a CLI command in this process and returns what it printed; fails the demo when it fails. */
  private String quietly(String... args) {
    CommandLine cli = Subcommands.freshRoot(spec);
    StringWriter captured = new StringWriter();
    cli.setOut(new PrintWriter(captured, true));
    cli.setErr(new PrintWriter(captured, true));
    int code = cli.execute(args);
    if (code != 0) {
      out.print(captured);
      throw SyncErrors.demoStepFailed(List.of(args), code);
    }
    return captured.toString();
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      walk.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.delete(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
