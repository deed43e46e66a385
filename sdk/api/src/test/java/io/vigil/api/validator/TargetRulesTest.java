package io.vigil.api.validator;

import static io.vigil.api.validator.Fixtures.paths;
import static io.vigil.api.validator.Fixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.distribution.AlertDistributionTarget;
import io.vigil.api.distribution.AuthenticationMode;
import io.vigil.api.distribution.ClassificationChangeNotificationTarget;
import io.vigil.api.distribution.ExternalNotificationTarget;
import io.vigil.api.distribution.RealtimeCallbackTarget;
import io.vigil.api.distribution.TargetAuth;
import io.vigil.api.solution.MonitoringReports;
import io.vigil.api.solution.Solution;
import io.vigil.api.solution.SolutionManifest;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import io.vigil.api.validation.ValidationReport;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TargetRulesTest {
  private static AlertDistributionTarget.Builder caseManager() {
    return AlertDistributionTarget.builder("case_manager")
        .url("https://casemngr.example.com/cm-be/api/alerts")
        .auth(TargetAuth.basic("env:CM_USER", "env:CM_PASSWORD"));
  }

  private static RealtimeCallbackTarget.Builder callback() {
    return RealtimeCallbackTarget.builder("callback_rt").url("https://outside-url.domain.net").verify(false);
  }

  @Test
  void validTargetsHaveNoProblems() {
    ValidationReport r = validate(
        caseManager().header("X-Api-Key", "env:CM_API_KEY").header("X-Tenant", "bank-1").build(),
        callback().auth(TargetAuth.basic("rt_user", "encrypted:BUxdFK8DI+cjSixBqZcaAVSJAZGf0L2/JgwT")).build(),
        ExternalNotificationTarget.builder("cra_report_notification_target").url("https://kyc.example.com/n")
            .auth(TargetAuth.bearer("env:KYC_TOKEN")).build(),
        ClassificationChangeNotificationTarget.builder("classification_change_target")
            .url("https://kyc.example.com/c").annotations("classification_type").build());
    assertThat(r.problems()).isEmpty();
  }

  @Test
  void theReportsNotificationTargetMustBeAnExternalNotificationTarget() {
    ExternalNotificationTarget reports = ExternalNotificationTarget.builder("reports_notifications").url("https://ops.example.com/n")
        .build();
    for (String named : new String[] {"reports_notifications", "case_manager", "nowhere"}) {
      Solution base = Fixtures.solution(List.of(), caseManager().build(), reports);
      SolutionManifest manifest = SolutionManifest.builder("fixture")
          .reports(new MonitoringReports(true, true, true, named, null)).build();
      ValidationReport r = SolutionValidator.validate(new Solution(base.root(), manifest, base.entities(), base.jobs(),
          List.of(), null, Set.of()));
      List<Problem> problems = r.problems().stream().filter(p -> p.path().equals("solution.reports.notification_target")).toList();
      switch (named) {
        case "reports_notifications" -> assertThat(problems).isEmpty();
        case "case_manager" -> assertThat(problems).singleElement().satisfies(p -> {
          assertThat(p.code()).isEqualTo(ProblemCode.INVALID_VALUE);
          assertThat(p.message()).contains("Cannot notify target case_manager", "external_notification");
          assertThat(p.location().file()).isEqualTo("solution.yaml");
        });
        default -> assertThat(problems).singleElement().satisfies(p -> {
          assertThat(p.code()).isEqualTo(ProblemCode.UNRESOLVED_REFERENCE);
          assertThat(p.message()).contains("the solution has no target 'nowhere'");
        });
      }
    }
  }

  @Test
  void secretConfigurationValuesMustBeReferences() {
    AlertDistributionTarget t = caseManager()
        .auth(new TargetAuth(AuthenticationMode.BASIC_AUTH, Map.of(
            "username", "admin", "password", "s3cr3t-pw", "client secret key", "thetaray")))
        .build();
    ValidationReport r = validate(t);
    assertThat(paths(r, ProblemCode.SECRET_INLINE)).containsExactlyInAnyOrder(
        "target[case_manager].auth.configuration.password",
        "target[case_manager].auth.configuration.client secret key");
    assertThat(r.problems()).extracting(Problem::message)
        .allSatisfy(m -> assertThat(m).doesNotContain("s3cr3t-pw", "thetaray"));
    assertThat(r.withCode(ProblemCode.SECRET_INLINE).get(0).message()).contains("env:NAME", "encrypted:");
  }

  @Test
  void secretHeadersMustBeReferences() {
    ValidationReport r = validate(caseManager().header("Authorization", "Basic YWRtaW46aHVudGVy").build());
    assertThat(paths(r, ProblemCode.SECRET_INLINE)).containsExactly("target[case_manager].headers.Authorization");
    assertThat(r.problems().get(0).message()).doesNotContain("YWRtaW46aHVudGVy");
  }

  @Test
  void urlsCarryNoCredentials() {
    ValidationReport r = validate(callback().url("https://admin:hunter2@outside-url.domain.net/close").build());
    assertThat(paths(r, ProblemCode.SECRET_INLINE)).containsExactly("target[callback_rt].url");
    assertThat(r.problems().get(0).message()).doesNotContain("hunter2", "admin");
  }

  @Test
  void basicAuthNeedsUsernameAndPassword() {
    ValidationReport r = validate(caseManager().auth(TargetAuth.basic(null, "env:CM_PASSWORD")).build(),
        callback().auth(new TargetAuth(AuthenticationMode.BASIC_AUTH, Map.of("username", "rt", "password", " "))).build());
    assertThat(paths(r, ProblemCode.MISSING_REQUIRED)).containsExactlyInAnyOrder(
        "target[case_manager].auth.configuration.username", "target[callback_rt].auth.configuration.password");
  }

  @Test
  void bearerTokenNeedsAToken() {
    ValidationReport r = validate(caseManager().auth(new TargetAuth(AuthenticationMode.BEARER_TOKEN, Map.of())).build());
    assertThat(paths(r, ProblemCode.MISSING_REQUIRED)).containsExactly("target[case_manager].auth.configuration.token");
    assertThat(r.problems().get(0).message()).contains("TargetAuth.bearer(");
  }

  @Test
  void noAuthTakesNoConfiguration() {
    ValidationReport r = validate(callback()
        .auth(new TargetAuth(AuthenticationMode.NO_AUTH, Map.of("username", "rt_user"))).build());
    assertThat(paths(r, ProblemCode.INVALID_VALUE)).containsExactly("target[callback_rt].auth.configuration");
  }
}
