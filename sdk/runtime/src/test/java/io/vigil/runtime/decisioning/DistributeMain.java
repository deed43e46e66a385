package io.vigil.runtime.decisioning;

import io.vigil.runtime.JobContext;
import io.vigil.runtime.layout.Environment;
import io.vigil.runtime.secret.SecretResolver;
import io.vigil.runtime.store.StoreSettings;

/** A distribution in a JVM of its own, for the test that kills it mid-run; the stores come from the environment. */
public final class DistributeMain {
  private DistributeMain() {}

  public static void main(String[] args) {
    StoreSettings settings = StoreSettings.fromEnvironment();
    try (JobContext context = JobContext.builder(DistributionTest.catalog(args[0])).settings(settings)
        .executionDate(DecisioningTest.D1).environment(Environment.PUBLIC).secrets(SecretResolver.fromEnvironment()).open()) {
      Distribution.distributeAlertedActivities(context, "monthly", "case_manager", DecisioningTest.D1, DecisioningTest.D3, false, 2, 1);
    }
    System.exit(0);
  }
}
