package io.vigil.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** An author's test class on a solution that does not validate fails with the report, not a stack trace. */
class InvalidSolutionTest {
  @Test
  void everyTestOfTheClassFailsWithTheValidationReport() {
    SummaryGeneratingListener listener = new SummaryGeneratingListener();
    Launcher launcher = LauncherFactory.create();
    launcher.execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(AuthorsTests.class)).build(), listener);

    TestExecutionSummary summary = listener.getSummary();
    assertThat(summary.getTestsSucceededCount()).isZero();
    List<TestExecutionSummary.Failure> failures = summary.getFailures();
    assertThat(failures).isNotEmpty();
    Throwable failure = failures.get(0).getException();
    assertThat(failure).isInstanceOf(SolutionNotApplied.class);
    assertThat(failure.getMessage()).contains("Cannot test solution broken: it does not validate", "account_number",
        "account.yaml");
    assertThat(failure.getStackTrace()).isEmpty();
  }

  /** What an author writes; run only through the launcher above (surefire skips nested classes). */
  @SolutionTest("src/test/resources/invalid-solution")
  static class AuthorsTests {
    @Test
    void neverRuns(TestSolution solution) {
      assertThat(solution.name()).isEqualTo("broken");
    }
  }
}
