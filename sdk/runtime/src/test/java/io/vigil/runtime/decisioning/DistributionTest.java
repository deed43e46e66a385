package io.vigil.runtime.decisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vigil.api.VigilException;
import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.RetryPolicy;
import io.vigil.api.distribution.TargetAuth;
import io.vigil.api.risk.Risk;
import io.vigil.runtime.JobContext;
import io.vigil.runtime.catalog.SolutionCatalog;
import io.vigil.runtime.delivery.LocalReceiver;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.StoreSettings;
import io.vigil.runtime.store.Stores;
import io.vigil.runtime.testing.Catalogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Distribution to a local case manager: every alert arrives exactly once after the receiver's
 * dedupe, and is marked once, through failing requests, a dropped connection and a killed JVM; a
 * 401 fails at once without a retry storm or a credential in the message.
 */
class DistributionTest {
  private static final Map<String, String> SECRETS = Map.of("CM_USER", "cm-user", "CM_PASSWORD", "cm-pass-7731");

  @TempDir static Path home;
  static Stores stores;
  static StoreSettings settings;

  @BeforeAll
  static void start() {
    DecisioningTest.home = home;
    DecisioningTest.start();
    stores = DecisioningTest.stores;
    settings = DecisioningTest.settings;
    for (var date : DecisioningTest.DATES) {
      try (JobContext context = DecisioningTest.context(date)) {
        Decisioning.identifyRisks(context, "monthly");
      }
    }
  }

  @AfterAll
  static void stop() {
    DecisioningTest.stop();
  }

  static SolutionCatalog catalog(String url) {
    AlertDistributionTarget target = AlertDistributionTarget.builder("case_manager").url(url)
        .auth(TargetAuth.basic("env:CM_USER", "env:CM_PASSWORD"))
        .retryPolicy(RetryPolicy.builder().maxAttempts(8).initialDelay(Duration.ofMillis(5)).maxDelay(Duration.ofMillis(50)).build())
        .build();
    return Catalogs.of("decide", DecisioningTest.MONTHLY, DecisioningTest.FLOW, DecisioningTest.HIGH, DecisioningTest.CASH,
        DecisioningTest.MANY, DecisioningTest.DRAFT, target);
  }

  static JobContext context(String url, Environment env) {
    return JobContext.builder(catalog(url)).settings(settings).executionDate(DecisioningTest.D1).environment(env)
        .secrets(new SecretResolver(SECRETS)).open();
  }

  static long pending() {
    return Long.parseLong(DecisioningTest.query("select count(*) from " + DecisioningTest.schema
        + ".alerts_monthly where not suppressed and distributed_on is null").get(0));
  }

  @Test
  void everyAlertArrivesOnceThroughFailuresACrashAndA401() throws Exception {
    long all = pending();
    assertThat(all).isGreaterThan(40);
    var from = DecisioningTest.D1;
    var to = DecisioningTest.D3;

    // Nothing leaves a private environment unless forced.
    try (LocalReceiver receiver = LocalReceiver.builder().expectBasic("cm-user", "cm-pass-7731").start();
        JobContext context = context(receiver.url().toString(), Environment.privateOf("ops"))) {
      DistributionResult skipped = Distribution.distributeAlertedActivities(context, "monthly", "case_manager", from, to, false, 5, 2);
      assertThat(skipped.skipped()).isTrue();
      assertThat(receiver.stats().requests()).isZero();
    }

    // Wrong credentials: one request, no retries, no credential in the message.
    try (LocalReceiver receiver = LocalReceiver.builder().expectBasic("cm-user", "another-password").start();
        JobContext context = context(receiver.url().toString(), Environment.PUBLIC)) {
      assertThatThrownBy(() -> Distribution.distributeAlertedActivities(context, "monthly", "case_manager", from, to, false, 5, 1))
          .isInstanceOf(VigilException.class).hasMessageContaining("401")
          .satisfies(e -> assertThat(e.getMessage()).doesNotContain("cm-pass-7731").doesNotContain("cm-user:"));
      assertThat(receiver.stats().requests()).isEqualTo(1);
      assertThat(pending()).isEqualTo(all);
    }

    try (LocalReceiver receiver = LocalReceiver.builder().expectBasic("cm-user", "cm-pass-7731").latency(Duration.ofMillis(150))
        .failFraction(0.2).dropConnection(3, LocalReceiver.Drop.AFTER_STORING).start()) {
      // A JVM that dies mid-run, with some batches sent and maybe one sent but not marked.
      Process child = child(receiver.url().toString());
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (receiver.stats().distinctItems() < 10 && System.nanoTime() < deadline && child.isAlive()) {
        Thread.sleep(50);
      }
      assertThat(child.isAlive()).as("the child is still sending when it is killed").isTrue();
      child.destroyForcibly().waitFor();
      long left = pending();
      assertThat(left).isPositive().isLessThan(all);

      try (JobContext context = context(receiver.url().toString(), Environment.PUBLIC)) {
        DistributionResult finished = Distribution.distributeAlertedActivities(context, "monthly", "case_manager", from, to, false, 5, 3);
        assertThat(finished.pending()).as("the rerun sends what the killed run left").isEqualTo(left);
        assertThat(finished.sent()).isEqualTo(left);
      }
      assertThat(pending()).isZero();
      assertThat(receiver.stats().distinctItems()).isEqualTo((int) all);
      List<String> marked = DecisioningTest.query("select alert_id from " + DecisioningTest.schema
          + ".alerts_monthly where distributed_on is not null and not suppressed order by 1");
      assertThat(marked).hasSize((int) all);
      assertThat(receiver.received()).extracting(a -> (String) a.get("id")).containsExactlyInAnyOrderElementsOf(marked);
      assertThat(receiver.received()).allSatisfy(a -> assertThat(a).containsKeys("risk", "entity", "display_name", "severity"));

      // A rerun sends nothing.
      int requests = receiver.stats().requests();
      try (JobContext context = context(receiver.url().toString(), Environment.PUBLIC)) {
        assertThat(Distribution.distributeAlertedActivities(context, "monthly", "case_manager", from, to, false, 5, 3).sent()).isZero();
      }
      assertThat(receiver.stats().requests()).isEqualTo(requests);
    }
    // Suppressed alerts are never sent.
    assertThat(DecisioningTest.query("select count(*) from " + DecisioningTest.schema
        + ".alerts_monthly where suppressed and distributed_on is not null")).containsExactly("0");
  }

  /** Runs {@link DistributeMain} in a fresh JVM against the same Postgres. */
  private static Process child(String url) throws Exception {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    String flags = System.getProperty("vigil.jvm.opens");
    if (flags != null) {
      command.addAll(List.of(flags.trim().split("\\s+")));
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), DistributeMain.class.getName(), url));
    Path log = Files.createTempFile(home, "child", ".log");
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().putAll(SECRETS);
    pb.environment().put("VIGIL_HOME", settings.home().toString());
    pb.environment().put("VIGIL_PG_URL", settings.pgUrl());
    pb.environment().put("VIGIL_S3_ENDPOINT", settings.s3Endpoint());
    pb.environment().put("VIGIL_S3_ACCESS_KEY", settings.s3AccessKey());
    pb.environment().put("VIGIL_S3_SECRET_KEY", settings.s3SecretKey().reveal());
    pb.environment().put("VIGIL_USER", "ops");
    pb.environment().put("VIGIL_ROLES", "manager");
    return pb.start();
  }

  /** For the child: the same risks, so the catalog compiles the same. */
  static List<Risk> risks() {
    return List.of(DecisioningTest.HIGH, DecisioningTest.CASH, DecisioningTest.MANY, DecisioningTest.DRAFT);
  }
}
