package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.cli.common.ExitCodes;
import io.vigil.runtime.model.LocalModelRegistry;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.runtime.store.Postgres;
import io.vigil.runtime.store.Secret;
import io.vigil.sync.registry.Registry;
import io.vigil.sync.registry.SyncLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * plan, apply, history and repair through the CLI against one embedded stack and one in-process
 * Spark session. Each test uses its own solution name, so tests do not see each other's state.
 */
class SyncApplyTest {
  static final Path FIXTURE = Path.of("src/test/resources/solutions/aml_demo");

  @TempDir static Path home;
  static TestStack stack;

  @TempDir Path work;

  @BeforeAll
  static void start() {
    stack = new TestStack(home);
  }

  @AfterAll
  static void stop() {
    SparkSession.getActiveSession().foreach(s -> {
      s.stop();
      return null;
    });
    stack.close();
  }

  /** The fixture solution copied under a new name. */
  Path solution(String name) throws IOException {
    Path dir = work.resolve(name);
    Cli.copy(FIXTURE, dir);
    replace(dir.resolve("solution.yaml"), "name: aml_demo", "name: " + name);
    return dir;
  }

  /** A smaller solution for tests that need few Delta tables: the transaction dataset, its connector and the graph. */
  Path small(String name) throws IOException {
    Path dir = solution(name);
    Files.delete(dir.resolve("domains/aml/datasets/account.yaml"));
    Files.delete(dir.resolve("domains/aml/datasets/monthly.yaml"));
    Cli.deleteTree(dir.resolve("domains/aml/evaluation_flows"));
    Cli.deleteTree(dir.resolve("domains/aml/risks"));
    return dir;
  }

  static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    assertThat(text).contains(from);
    Files.writeString(file, text.replace(from, to));
  }

  @Test
  void applyTwiceLeavesEverythingAsItWasAndTheSecondPlanIsEmpty() throws Exception {
    Path dir = solution("twice");
    Map<String, String> env = stack.env();

    Cli.Result first = Cli.run(env, "apply", "--solution", dir.toString());

    assertThat(first.code()).as(first.all()).isZero();
    assertThat(first.out()).contains("+ s3.bucket.vigil-twice will be created", "+ postgres.table.twice_public.account will be created",
        "+ delta.table.public.transaction will be created", "+ registry.risk.high_amount will be created", "Apply complete:");
    assertThat(tables("twice_public")).contains("account", "transaction", "tr_ef", "activity_tr_ef", "public_graph_nodes",
        "public_graph_edges").doesNotContain("monthly");
    assertThat(tables("twice_private_ana")).contains("account", "tr_ef");
    assertThat(columns("twice_public", "account")).contains("account_id:text:NO", "customer_name:text:YES", "tr_job_ts:timestamp without time zone:NO");
    assertThat(indexes("twice_public", "account")).contains("account__customer_name");
    try (ObjectStore s3 = objects()) {
      assertThat(s3.list("vigil-twice", "")).extracting(ObjectInfo::key)
          .contains("datasources/transactions/", "upload/transactions/")
          .anySatisfy(k -> assertThat(k).startsWith("bundles/twice/content-").endsWith(".jar"));
    }
    assertThat(home.resolve("warehouse/twice/public/datasets/transaction/_delta_log")).isDirectory();
    assertThat(home.resolve("warehouse/twice/private_ana/evaluated/tr_ef/_delta_log")).isDirectory();
    assertThat(home.resolve("warehouse/twice/public/rejected/account/_delta_log")).isDirectory();
    assertThat(LocalModelRegistry.under(home).versions("monthly_ad")).hasSize(1);
    Map<String, Object> before = snapshot("twice");

    Cli.Result plan = Cli.run(env, "plan", "--solution", dir.toString(), "--detailed-exitcode");
    Cli.Result second = Cli.run(env, "apply", "--solution", dir.toString());

    assertThat(plan.code()).as(plan.all()).isZero();
    assertThat(plan.out()).isEqualTo("No changes. Solution is up to date.\n");
    assertThat(second.code()).as(second.all()).isZero();
    assertThat(second.out()).isEqualTo("No changes. Solution is up to date.\n");
    assertThat(snapshot("twice")).isEqualTo(before);
    assertThat(LocalModelRegistry.under(home).versions("monthly_ad")).hasSize(1);

    Cli.Result history = Cli.run(env, "history", "--name", "twice");
    assertThat(history.out()).contains("| Rank", "sync", "postgres.table.twice_public.account", "Success");
  }

  @Test
  void aCrashMidApplyLeavesPostgresUntouchedAndARerunConverges() throws Exception {
    Path dir = small("crash");
    Map<String, String> env = stack.env();
    // Object store first (bucket, two prefixes, bundle), then 8 Postgres changes in one transaction: fail inside it.
    Cli.Result crashed = Cli.run(env, "apply", "--solution", dir.toString(), "--fail-after", "8");

    assertThat(crashed.code()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(crashed.err()).contains("Injected failure after 8 changes", "running the sync again continues from here");
    // Progress lines come first on stderr; the error is the last line.
    assertThat(crashed.err().lines().reduce((first, second) -> second).orElse(""))
        .startsWith("Error: VGL-SYNC-017: Cannot create ");
    com.fasterxml.jackson.databind.JsonNode history = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(Cli.run(env, "history", "--name", "crash", "--output", "json").out());
    // The problems are JSON in the JSON, not a string holding JSON.
    assertThat(history.findValues("problems")).anySatisfy(p -> assertThat(p.path("error_id").asText()).isEqualTo("VGL-SYNC-017"));
    assertThat(schemas()).noneMatch(s -> s.startsWith("crash_"));
    try (ObjectStore s3 = objects()) {
      assertThat(s3.bucketExists("vigil-crash")).isTrue();
    }

    // Then all 8 Postgres changes commit and the second of 4 Delta tables fails.
    Cli.Result deltaCrash = Cli.run(env, "apply", "--solution", dir.toString(), "--fail-after", "10");
    assertThat(deltaCrash.code()).as(deltaCrash.all()).isEqualTo(ExitCodes.INTERNAL);
    assertThat(tables("crash_public")).contains("transaction", "public_graph_nodes");

    Cli.Result rerun = Cli.run(env, "apply", "--solution", dir.toString());
    Cli.Result plan = Cli.run(env, "plan", "--solution", dir.toString(), "--detailed-exitcode");

    assertThat(rerun.code()).as(rerun.all()).isZero();
    assertThat(rerun.out()).doesNotContain("postgres.table").contains("Apply complete:");
    assertThat(plan.code()).as(plan.all()).isZero();
    assertThat(plan.out()).isEqualTo("No changes. Solution is up to date.\n");
    assertThat(Cli.run(env, "history", "--name", "crash").out()).contains("Failed")
        .containsPattern("Rank \\d+ create \\S+ failed: VGL-SYNC-017: ");
  }

  @Test
  void aBreakingChangeIsRefusedWithoutTheFlagAndAppliedWithIt() throws Exception {
    Path dir = small("breaking");
    Map<String, String> env = stack.env();
    assertThat(Cli.run(env, "apply", "--solution", dir.toString()).code()).isZero();
    replace(dir.resolve("domains/aml/datasets/transaction.yaml"), "  - identifier: amount\n    data_type: DOUBLE",
        "  - identifier: amount\n    data_type: INT");

    Cli.Result refused = Cli.run(env, "apply", "--solution", dir.toString());

    assertThat(refused.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(refused.out()).contains("~ registry.dataset.transaction will be updated in-place",
        "field_list[amount].data_type: \"DOUBLE\" -> \"INT\"", "# breaking: field amount narrows from DOUBLE to INT",
        "-/+ postgres.table.breaking_public.transaction must be replaced", "# blocked: needs --allow-breaking",
        "-/+ delta.table.public.transaction must be replaced");
    assertThat(refused.err()).contains("--allow-breaking", "Nothing was applied");
    assertThat(columns("breaking_public", "transaction")).contains("amount:double precision:YES");

    Cli.Result applied = Cli.run(env, "apply", "--solution", dir.toString(), "--allow-breaking");

    assertThat(applied.code()).as(applied.all()).isZero();
    assertThat(columns("breaking_public", "transaction")).contains("amount:integer:YES");
    SparkSession spark = SparkSession.active();
    assertThat(spark.read().format("delta").load(home.resolve("warehouse/breaking/public/datasets/transaction").toString())
        .schema().apply("amount").dataType().simpleString()).isEqualTo("int");

    // An added nullable field is an in-place update everywhere.
    replace(dir.resolve("domains/aml/datasets/transaction.yaml"), "  - identifier: occurred\n",
        "  - identifier: segment\n    data_type: STRING\n  - identifier: occurred\n");
    Cli.Result added = Cli.run(env, "apply", "--solution", dir.toString());
    assertThat(added.code()).as(added.all()).isZero();
    assertThat(added.out()).contains("~ postgres.table.breaking_public.transaction will be updated in-place",
        "columns[segment]: (none) -> {\"name\":\"segment\",\"nullable\":true,\"type\":\"text\"}",
        "~ delta.table.public.transaction will be updated in-place").doesNotContain("must be replaced");
    assertThat(columns("breaking_public", "transaction")).contains("segment:text:YES");

    // Removing the connector is a delete: refused without --allow-destroy.
    Files.delete(dir.resolve("domains/aml/connectors/transactions.yaml"));
    Cli.Result destroy = Cli.run(env, "plan", "--solution", dir.toString());
    assertThat(destroy.code()).as(destroy.all()).isEqualTo(ExitCodes.INVALID);
    assertThat(destroy.out()).contains("- registry.connector.transactions will be destroyed",
        "- s3.prefix.datasources/transactions/ will be destroyed", "# blocked: needs --allow-destroy");
  }

  @Test
  void riskSqlThatDoesNotCompileStopsTheSyncWithItsFileAndLine() throws Exception {
    Path dir = solution("badrisk");
    replace(dir.resolve("domains/aml/risks/high_amount.yaml"), "expression: activity.sum_amount > {parameters.min_amount}",
        "expression: activity.no_such_column > {parameters.min_amount}");

    Cli.Result r = Cli.run(stack.env(), "apply", "--solution", dir.toString());

    assertThat(r.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(r.out()).contains("domains/aml/risks/high_amount.yaml:", "RISK_SQL_INVALID",
        "risk[high_amount].variables[is_high].expression", "no_such_column");
    assertThat(r.err()).contains("nothing was applied");
    assertThat(Cli.run(stack.env(), "history", "--name", "badrisk").out())
        .containsPattern("Rank \\d+ validate failed: domains/aml/risks/high_amount.yaml:\\d+: Cannot compile variable is_high");
    assertThat(schemas()).noneMatch(s -> s.startsWith("badrisk_"));
    try (ObjectStore s3 = objects()) {
      assertThat(s3.bucketExists("vigil-badrisk")).isFalse();
    }
  }

  @Test
  void aSecondSyncWaitsForTheLockOrFailsFastWithNoWait() throws Exception {
    Path dir = small("locked");
    Map<String, String> env = stack.env();
    Registry registry = Registry.open(new Postgres(stack.stack.pgUrl(), "postgres", null));
    CompletableFuture<Cli.Result> waiting;
    try (SyncLock held = registry.lock("locked", "bob", true)) {
      Cli.Result fast = Cli.run(env, "apply", "--solution", dir.toString(), "--no-wait");
      assertThat(fast.code()).isEqualTo(ExitCodes.CONFLICT);
      assertThat(fast.err()).contains("Cannot apply solution locked: another sync holds the lock (pid ", "user bob, since ");

      waiting = CompletableFuture.supplyAsync(() -> Cli.run(env, "apply", "--solution", dir.toString()));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (waitingForAdvisoryLock() == 0 && System.nanoTime() < deadline) {
        Thread.sleep(100);
      }
      assertThat(waitingForAdvisoryLock()).isEqualTo(1);
      assertThat(waiting).isNotDone();
    }
    Cli.Result after = waiting.get(5, TimeUnit.MINUTES);
    assertThat(after.code()).as(after.all()).isZero();
    assertThat(after.out()).contains("Apply complete:");
  }

  @Test
  void bundlesThatRecordedRunsUseAreNeverDeleted() throws Exception {
    Path dir = small("pinned");
    Map<String, String> env = stack.env();
    assertThat(Cli.run(env, "apply", "--solution", dir.toString()).code()).isZero();
    String first = bundles("pinned").get(0);
    String firstCommit = first.substring("bundles/pinned/".length(), first.length() - ".jar".length());
    try (Connection c = stack.connect(); PreparedStatement ps = c.prepareStatement("""
        insert into vigil_meta.job_runs (run_id, solution, job, execution_date, bundle_commit, data_environment, started_at, status)
        values ('run-1', 'pinned', 'aml.MonthlyJob', now(), ?, 'PUBLIC', now(), 'RUNNING')""")) {
      ps.setString(1, firstCommit);
      ps.executeUpdate();
    }
    replace(dir.resolve("domains/aml/connectors/transactions.yaml"), "delimiter: \",\"", "delimiter: \";\"");
    assertThat(Cli.run(env, "apply", "--solution", dir.toString()).code()).isZero();
    List<String> two = bundles("pinned");
    String second = two.stream().filter(k -> !k.equals(first)).findFirst().orElseThrow();
    replace(dir.resolve("domains/aml/connectors/transactions.yaml"), "delimiter: \";\"", "delimiter: \"|\"");

    Cli.Result blocked = Cli.run(env, "apply", "--solution", dir.toString(), "--prune-bundles");
    assertThat(blocked.code()).isEqualTo(ExitCodes.INVALID);
    assertThat(blocked.out()).contains("- s3.bundle." + second + " will be destroyed").doesNotContain("s3.bundle." + first);

    Cli.Result pruned = Cli.run(env, "apply", "--solution", dir.toString(), "--prune-bundles", "--allow-destroy");

    assertThat(pruned.code()).as(pruned.all()).isZero();
    assertThat(bundles("pinned")).hasSize(2).contains(first).doesNotContain(second);
  }

  @Test
  void secretsAppearInNoOutputOrLog() throws Exception {
    Path dir = small("secrets");
    Files.createDirectories(dir.resolve("domains/aml/targets"));
    Files.writeString(dir.resolve("domains/aml/targets/case_manager.yaml"), """
        type: alert_distribution
        identifier: case_manager
        url: https://cases.example.test/api/alerts
        auth:
          mode: BASIC_AUTH
          configuration:
            username: vigil
            password: env:CASES_PASSWORD
        """);
    Map<String, String> env = new HashMap<>(stack.env());
    env.put("CASES_PASSWORD", "target-secret-7f3a");
    env.put("VIGIL_PG_PASSWORD", "pg-secret-91bc");
    env.put("VIGIL_GIT_TOKEN", "git-secret-55de");
    List<Cli.Result> results = new ArrayList<>();
    results.add(Cli.run(env, "validate", "--solution", dir.toString()));
    results.add(Cli.run(env, "plan", "--solution", dir.toString(), "--output", "json"));
    results.add(Cli.run(env, "apply", "--solution", dir.toString(), "--verbose"));
    results.add(Cli.run(env, "apply", "--solution", dir.toString(), "--fail-after", "1", "--verbose"));
    results.add(Cli.run(env, "history", "--name", "secrets", "--output", "json"));

    assertThat(results.get(2).code()).as(results.get(2).all()).isZero();
    String s3Secret = stack.s3Secret();
    for (Cli.Result r : results) {
      assertThat(r.all()).doesNotContain("target-secret-7f3a", "pg-secret-91bc", "git-secret-55de", s3Secret);
    }
    try (Connection c = stack.connect(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select string_agg(canonical::text, '') from vigil_meta.entities where solution = 'secrets'")) {
      rs.next();
      assertThat(rs.getString(1)).contains("env:CASES_PASSWORD").doesNotContain("target-secret-7f3a");
    }
  }

  @Test
  void repairForgetsWhatWasDroppedByHandAndTheNextApplyRestoresIt() throws Exception {
    Path dir = small("repaired");
    Map<String, String> env = stack.env();
    assertThat(Cli.run(env, "apply", "--solution", dir.toString()).code()).isZero();
    try (Connection c = stack.connect(); Statement s = c.createStatement()) {
      s.execute("drop table repaired_public.public_graph_nodes");
      s.execute("alter table repaired_public.transaction add column note text");
    }
    try (ObjectStore s3 = objects()) {
      s3.delete("vigil-repaired", "upload/transactions/");
    }

    Cli.Result repair = Cli.run(env, "repair", "--name", "repaired");

    assertThat(repair.code()).as(repair.all()).isZero();
    assertThat(repair.out()).contains("Forgot postgres.table.repaired_public.public_graph_nodes", "Forgot s3.prefix.upload/transactions/",
        "Recorded the real state of postgres.table.repaired_public.transaction");
    Cli.Result plan = Cli.run(env, "plan", "--solution", dir.toString());
    assertThat(plan.out()).contains("+ postgres.table.repaired_public.public_graph_nodes will be created",
        "+ s3.prefix.upload/transactions/ will be created", "~ postgres.table.repaired_public.transaction will be updated in-place",
        "columns[note]: {\"name\":\"note\",\"nullable\":true,\"type\":\"text\"} -> (none)", "# breaking: column note is dropped");
    Cli.Result apply = Cli.run(env, "apply", "--solution", dir.toString(), "--allow-breaking");
    assertThat(apply.code()).as(apply.all()).isZero();
    assertThat(tables("repaired_public")).contains("public_graph_nodes");
    assertThat(columns("repaired_public", "transaction")).noneMatch(c -> c.startsWith("note:"));
    assertThat(Cli.run(env, "plan", "--solution", dir.toString()).out()).isEqualTo("No changes. Solution is up to date.\n");
  }

  // --- helpers reading the real stores ---

  static ObjectStore objects() throws IOException {
    return new ObjectStore(stack.stack.s3Endpoint(), "vigil", Secret.of(stack.s3Secret()), "us-east-1");
  }

  static List<String> bundles(String solution) throws IOException {
    try (ObjectStore s3 = objects()) {
      return s3.list("vigil-" + solution, "bundles/").stream().map(ObjectInfo::key).toList();
    }
  }

  static List<String> schemas() throws SQLException {
    return query("select schema_name from information_schema.schemata order by 1");
  }

  static List<String> tables(String schema) throws SQLException {
    return query("select table_name from information_schema.tables where table_schema = '" + schema + "' order by 1");
  }

  static List<String> columns(String schema, String table) throws SQLException {
    return query("select column_name || ':' || data_type || ':' || is_nullable from information_schema.columns where table_schema = '"
        + schema + "' and table_name = '" + table + "' order by ordinal_position");
  }

  static List<String> indexes(String schema, String table) throws SQLException {
    return query("select indexname from pg_indexes where schemaname = '" + schema + "' and tablename = '" + table + "' order by 1");
  }

  static int waitingForAdvisoryLock() throws SQLException {
    return Integer.parseInt(query("select count(*) from pg_locks where locktype = 'advisory' and not granted").get(0));
  }

  static List<String> query(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = stack.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Everything a sync writes for a solution, with versions and timestamps where the stores have them. */
  static Map<String, Object> snapshot(String solution) throws Exception {
    Map<String, Object> out = new HashMap<>();
    out.put("columns", query("select table_schema || '.' || table_name || '.' || column_name || ':' || data_type from information_schema.columns where table_schema like '"
        + solution + "\\_%' order by 1"));
    out.put("indexes", query("select schemaname || '.' || indexname from pg_indexes where schemaname like '" + solution + "\\_%' order by 1"));
    out.put("tables", query("select n.nspname || '.' || c.relname || ':' || c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname like '"
        + solution + "\\_%' order by 1"));
    out.put("entities", query("select kind || '.' || identifier || ':' || hash || ':' || applied_at from vigil_meta.entities where solution = '" + solution + "' order by 1"));
    out.put("resources", query("select address || ':' || hash || ':' || applied_at from vigil_meta.resources where solution = '" + solution + "' order by 1"));
    try (ObjectStore s3 = objects()) {
      out.put("objects", s3.list("vigil-" + solution, "").stream().map(o -> o.key() + ":" + o.size() + ":" + o.lastModified()).toList());
    }
    try (Stream<Path> logs = Files.walk(home.resolve("warehouse").resolve(solution))) {
      out.put("delta", logs.filter(p -> p.toString().contains("_delta_log") && p.toString().endsWith(".json"))
          .map(Path::toString).sorted().toList());
    }
    return out;
  }
}
