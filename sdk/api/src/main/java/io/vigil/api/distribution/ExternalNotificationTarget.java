package io.vigil.api.distribution;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * An external endpoint notified that a CRA report or a monitoring report is available; the
 * notification carries the report's path (S1 §12.5.2, §21.1).
 *
 * <pre>{@code
 * ExternalNotificationTarget reports = ExternalNotificationTarget.builder("cra_report_notification_target")
 *     .url("https://kyc.example.com/notifications")
 *     .auth(TargetAuth.none())
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable; the notification_identifier of notify_cra_report
 * @param name the name shown to users (default: the identifier)
 * @param url absolute http or https URL requests are posted to
 * @param auth the credentials requests carry (default: no authentication)
 * @param retryPolicy how technical failures are retried (default: RetryPolicy.defaults())
 * @param verify verify the server's TLS certificate (default true)
 * @param timeoutSeconds request timeout in seconds; absent means the runtime's default
 */
public record ExternalNotificationTarget(
    String identifier,
    String name,
    String url,
    TargetAuth auth,
    RetryPolicy retryPolicy,
    Boolean verify,
    Integer timeoutSeconds)
    implements DistributionTarget {

  public static final String TYPE = "external_notification";

  public ExternalNotificationTarget {
    Checks.entityIdentifier(identifier, "external notification target");
    name = Checks.orDefault(name, identifier);
    TargetValues.checkEndpoint(url, timeoutSeconds, "external notification target " + identifier);
    auth = TargetValues.auth(auth);
    retryPolicy = TargetValues.retryPolicy(retryPolicy);
    verify = Checks.orDefault(verify, true);
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    return new Builder(identifier).from(this);
  }

  /** Hides user-info in the URL. */
  @Override
  public String toString() {
    return TargetValues.describe(this);
  }

  public static final class Builder extends HttpTargetBuilder<Builder> {
    private Builder(String identifier) {
      super(identifier);
    }

    @Override
    Builder self() {
      return this;
    }

    public ExternalNotificationTarget build() {
      return BuildSites.mark(new ExternalNotificationTarget(
          identifier, name, url, auth, retryPolicy, verify, timeoutSeconds));
    }
  }
}
