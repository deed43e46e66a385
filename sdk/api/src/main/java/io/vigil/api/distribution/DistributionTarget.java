package io.vigil.api.distribution;

import io.vigil.api.entity.Entity;
import io.vigil.api.entity.EntityKind;
import java.util.Map;

/**
 * An external HTTP endpoint that Vigil posts to: alerts, real-time alert closures, report and
 * classification-change notifications (S1 §9.2, §10.6, §12.5, §21.1). Targets live in
 * {@code domains/<domain>/targets/}; the {@code type} key selects the variant and defaults to
 * {@code alert_distribution}.
 *
 * <pre>{@code
 * AlertDistributionTarget cm = AlertDistributionTarget.builder("case_manager")
 *     .url("https://cm.example.com/api/alerts")
 *     .auth(TargetAuth.basic("env:CM_USER", "env:CM_PASSWORD"))
 *     .build();
 * }</pre>
 */
public sealed interface DistributionTarget extends Entity
    permits AlertDistributionTarget, RealtimeCallbackTarget, ExternalNotificationTarget,
        ClassificationChangeNotificationTarget {
  String DEFAULT_TYPE = "alert_distribution";

  /** The target's name as shown to users; defaults to the identifier. */
  String name();

  /** The absolute http or https URL requests are posted to. */
  String url();

  /** The credentials requests carry; never null. */
  TargetAuth auth();

  /** How technical failures are retried; never null. */
  RetryPolicy retryPolicy();

  /** Whether TLS certificates are verified; never null. */
  Boolean verify();

  /** Request timeout in seconds, or null for the runtime's default. */
  Integer timeoutSeconds();

  /** Extra HTTP headers sent with every request; empty for the variants that have none. */
  default Map<String, String> headers() {
    return Map.of();
  }

  /** Where and how requests are sent: the URL, auth, retries, TLS verification, timeout and headers. */
  default HttpEndpoint endpoint() {
    return new HttpEndpoint(url(), auth(), retryPolicy(), verify(), timeoutSeconds(), headers());
  }

  @Override
  default EntityKind kind() {
    return EntityKind.TARGET;
  }
}
