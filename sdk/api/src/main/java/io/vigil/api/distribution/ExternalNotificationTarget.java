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
    String what = "external notification target " + identifier;
    name = Checks.orDefault(name, identifier);
    TargetValues.checkUrl(url, what);
    auth = TargetValues.auth(auth);
    retryPolicy = TargetValues.retryPolicy(retryPolicy);
    verify = Checks.orDefault(verify, true);
    Checks.positive(timeoutSeconds, what, "timeout_seconds");
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    return new Builder(identifier)
        .name(name)
        .url(url)
        .auth(auth)
        .retryPolicy(retryPolicy)
        .verify(verify)
        .timeoutSeconds(timeoutSeconds);
  }

  /** Hides user-info in the URL. */
  @Override
  public String toString() {
    return "ExternalNotificationTarget[identifier=" + identifier + ", name=" + name
        + ", url=" + TargetValues.url(url) + ", auth=" + auth + ", retryPolicy=" + retryPolicy
        + ", verify=" + verify + ", timeoutSeconds=" + timeoutSeconds + "]";
  }

  public static final class Builder {
    private final String identifier;
    private String name;
    private String url;
    private TargetAuth auth;
    private RetryPolicy retryPolicy;
    private Boolean verify;
    private Integer timeoutSeconds;

    private Builder(String identifier) {
      this.identifier = identifier;
    }

    public Builder name(String name) {
      this.name = name;
      return this;
    }

    public Builder url(String url) {
      this.url = url;
      return this;
    }

    public Builder auth(TargetAuth auth) {
      this.auth = auth;
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = retryPolicy;
      return this;
    }

    public Builder verify(Boolean verify) {
      this.verify = verify;
      return this;
    }

    public Builder timeoutSeconds(Integer timeoutSeconds) {
      this.timeoutSeconds = timeoutSeconds;
      return this;
    }

    public ExternalNotificationTarget build() {
      return BuildSites.mark(new ExternalNotificationTarget(
          identifier, name, url, auth, retryPolicy, verify, timeoutSeconds));
    }
  }
}
