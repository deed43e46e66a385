package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.cli.common.ExitCodes;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.store.ObjectInfo;
import io.vigil.runtime.store.ObjectStore;
import io.vigil.runtime.store.Secret;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole loop of the issue: a solution made by {@code vigil init} and pushed to the staging branch of a bare remote is synced
 * with {@code vigil sync --repo file://… --once}, promoted to main, synced again without changes;
 * a broken commit is refused and main stays; a diverged main stops the sync.
 */
class GitSyncTest {
  @TempDir static Path home;
  static TestStack stack;

  @TempDir Path work;

  @BeforeAll
  static void start() {
    stack = new TestStack(home);
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  @Test
  void syncsTheInitTemplateFromStagingPromotesItAndRefusesBrokenOrDivergedCommits() throws Exception {
    Path remote = work.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    Path clone = work.resolve("clone");
    Path dags = work.resolve("airflow-dags");
    Map<String, String> env = new java.util.HashMap<>(stack.env());
    env.put("VIGIL_AIRFLOW_DAGS_DIR", dags.toString());
    Cli.Result init = Cli.run(env, "init", clone.toString(), "--name", "looped");
    assertThat(init.code()).as(init.all()).isZero();
    String url = remote.toUri().toString();
    try (Git git = Git.init().setDirectory(clone.toFile()).setInitialBranch("staging").call()) {
      git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(url)).call();
      RevCommit first = commit(git, "first version");
      push(git, "staging");

      Cli.Result synced = Cli.run(env, "sync", "--repo", url, "--once");

      assertThat(synced.code()).as(synced.all()).isZero();
      assertThat(synced.out()).contains("Apply complete:", "Promoted " + first.name() + " to main.");
      assertThat(head(remote, "main")).isEqualTo(first.getId());
      assertThat(stack.tables("looped_public")).contains("account", "transaction", "monthly_account", "activity_monthly_account");
      try (ObjectStore s3 = new ObjectStore(stack.stack.s3Endpoint(), "vigil", Secret.of(stack.s3Secret()), "us-east-1")) {
        assertThat(s3.list("vigil-looped", "")).extracting(ObjectInfo::key)
            .contains("datasources/accounts/", "datasources/transactions/", "upload/transactions/", "bundles/looped/" + first.name() + ".jar");
      }
      assertThat(home.resolve("warehouse/looped/public/datasets/account/_delta_log")).isDirectory();
      String dagFile = Files.readString(dags.resolve("vigil_looped__aml_monthly.py"));
      assertThat(dagFile).contains("dag_id=\"aml_monthly\"", "job=\"aml.Ingest\"", "tasks[\"ingest\"] >> tasks[\"dataprep\"]")
          .doesNotContain(stack.s3Secret());

      Cli.Result again = Cli.run(env, "sync", "--repo", url, "--once");

      assertThat(again.code()).as(again.all()).isZero();
      assertThat(again.out()).contains("No changes. Solution is up to date.", "main is already at " + first.name());

      Files.writeString(clone.resolve("domains/aml/datasets/account.yaml"),
          Files.readString(clone.resolve("domains/aml/datasets/account.yaml")) + "no_such_key: true\n");
      RevCommit broken = commit(git, "broken");
      push(git, "staging");

      Cli.Result refused = Cli.run(env, "sync", "--repo", url, "--once");

      assertThat(refused.code()).isEqualTo(ExitCodes.INVALID);
      assertThat(refused.out()).contains("domains/aml/datasets/account.yaml:", "UNKNOWN_KEY", "main was not promoted.");
      assertThat(refused.err()).contains("Cannot sync solution looped at " + broken.name(), "nothing was applied");
      assertThat(head(remote, "main")).isEqualTo(first.getId());
      assertThat(Cli.run(env, "history", "--name", "looped").out()).contains("validate", "Failed", "promote");

      // Someone commits to main directly: main is no longer an ancestor of staging.
      try (Git other = Git.cloneRepository().setURI(url).setDirectory(work.resolve("other").toFile()).setBranch("main").call()) {
        Files.writeString(work.resolve("other/README.md"), "hotfix\n");
        other.add().addFilepattern("README.md").call();
        other.commit().setMessage("hotfix on main").setAuthor("ops", "ops@example.test").setCommitter("ops", "ops@example.test").call();
        other.push().call();
      }
      ObjectId hotfix = head(remote, "main");
      Files.writeString(clone.resolve("domains/aml/datasets/account.yaml"),
          Files.readString(clone.resolve("domains/aml/datasets/account.yaml")).replace("no_such_key: true\n", ""));
      commit(git, "fixed");
      push(git, "staging");

      Cli.Result diverged = Cli.run(env, "sync", "--repo", url, "--once");

      assertThat(diverged.code()).isEqualTo(ExitCodes.CONFLICT);
      assertThat(diverged.err()).contains("main", "has diverged from staging", "Nothing was applied");
      assertThat(head(remote, "main")).isEqualTo(hotfix);
    }
  }

  @Test
  void aPromotedModelChangeWritesTheModelUpdateReportAndNotifiesTheTarget() throws Exception {
    Path remote = work.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).setInitialBranch("main").call().close();
    Path clone = work.resolve("clone");
    assertThat(Cli.run(stack.env(), "init", clone.toString(), "--name", "modelled").code()).isZero();
    Files.writeString(clone.resolve("solution.yaml"), Files.readString(clone.resolve("solution.yaml"))
        .replace("reports:\n", "reports:\n  notification_target: reports_notifications\n"));
    Files.writeString(clone.resolve("domains/aml/targets/reports_notifications.yaml"), """
        identifier: reports_notifications
        type: external_notification
        url: env:REPORTS_URL
        auth:
          mode: BASIC_AUTH
          configuration:
            username: env:REPORTS_USER
            password: env:REPORTS_PASSWORD
        """);
    String url = remote.toUri().toString();
    try (LocalReceiver notices = LocalReceiver.builder().idField("path").expectBasic("reports", "rpt-9931").start();
        Git git = Git.init().setDirectory(clone.toFile()).setInitialBranch("staging").call()) {
      Map<String, String> env = new java.util.HashMap<>(stack.env());
      env.put("REPORTS_URL", notices.url().toString());
      env.put("REPORTS_USER", "reports");
      env.put("REPORTS_PASSWORD", "rpt-9931");
      git.remoteAdd().setName("origin").setUri(new org.eclipse.jgit.transport.URIish(url)).call();
      commit(git, "first version");
      push(git, "staging");
      // The first promotion brings the flows' model references: a model update.
      Cli.Result first = Cli.run(env, "sync", "--repo", url, "--once");
      assertThat(first.code()).as(first.all()).isZero();
      assertThat(first.out()).contains("Model update report: s3://vigil-modelled/reports/model_update/");
      assertThat(notices.received()).hasSize(1);

      Path flow = clone.resolve("domains/aml/evaluation_flows/MonthlyAccount.java");
      Files.writeString(flow, Files.readString(flow).replace("Map.of(\"version\", \"release\")", "Map.of(\"version\", \"candidate\")"));
      RevCommit second = commit(git, "monthly models: the candidate version");
      push(git, "staging");
      Cli.Result synced = Cli.run(env, "sync", "--repo", url, "--once");

      assertThat(synced.code()).as(synced.all()).isZero();
      String key = "reports/model_update/" + java.time.LocalDate.now(java.time.ZoneOffset.UTC) + "/" + second.name() + ".html";
      assertThat(synced.out()).contains("Model update report: s3://vigil-modelled/" + key);
      String page;
      try (ObjectStore s3 = new ObjectStore(stack.stack.s3Endpoint(), "vigil", Secret.of(stack.s3Secret()), "us-east-1")) {
        page = new String(s3.read("vigil-modelled", key), java.nio.charset.StandardCharsets.UTF_8);
      }
      // Both references of the monthly flow moved from release to candidate; the real-time flow's did not.
      assertThat(page).contains("2 changed model references", "<td>monthly_account_fe</td>", "<td>monthly_account_ad</td>",
          "<td>version=release</td>", "<td>version=candidate</td>").doesNotContain("transaction_ad").doesNotContain("rpt-9931");
      assertThat(notices.received()).hasSize(2).last().satisfies(n -> {
        assertThat(n).containsEntry("event", "model_update_report").containsEntry("path", "s3://vigil-modelled/" + key);
        assertThat(n.toString()).doesNotContain("rpt-9931");
      });

      // Nothing changed: no report, no notice.
      Cli.Result again = Cli.run(env, "sync", "--repo", url, "--once");
      assertThat(again.out()).contains("No changes.").doesNotContain("Model update report");
      assertThat(notices.requests()).hasSize(2);
    }
  }

  private static RevCommit commit(Git git, String message) throws Exception {
    git.add().addFilepattern(".").call();
    git.add().setUpdate(true).addFilepattern(".").call();
    return git.commit().setMessage(message).setAuthor("dev", "dev@example.test").setCommitter("dev", "dev@example.test").call();
  }

  private static void push(Git git, String branch) throws Exception {
    git.push().setRemote("origin").setRefSpecs(new RefSpec("refs/heads/" + branch + ":refs/heads/" + branch)).setForce(false).call();
  }

  private static ObjectId head(Path bare, String branch) throws Exception {
    try (Git git = Git.open(bare.toFile())) {
      return git.getRepository().resolve("refs/heads/" + branch);
    }
  }
}
