package io.vigil.api.distribution;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A third-party case-management system that receives alerts: {@code distribute_alerted_activities}
 * posts them as JSON arrays of {@code batch_size} alerts (S1 §9.2). The Investigation Center needs
 * no target. This is the default variant ({@code type: alert_distribution}).
 *
 * <pre>{@code
 * AlertDistributionTarget cm = AlertDistributionTarget.builder("case_manager")
 *     .name("Case Manager")
 *     .url("https://casemngr.example.com/cm-be/api/alerts/create/anomaly")
 *     .auth(TargetAuth.basic("env:CM_USER", "env:CM_PASSWORD"))
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable; referenced by evaluation flows and distribution jobs
 * @param name the name shown to users (default: the identifier)
 * @param url absolute http or https URL the alerts are posted to
 * @param auth the credentials requests carry (default: no authentication)
 * @param retryPolicy how technical failures are retried (default: RetryPolicy.defaults())
 * @param verify verify the server's TLS certificate (default true)
 * @param timeoutSeconds request timeout in seconds; absent means the runtime's default
 * @param headers extra HTTP headers; secret values must be env: or encrypted: references
 */
public record AlertDistributionTarget(
    String identifier,
    String name,
    String url,
    TargetAuth auth,
    RetryPolicy retryPolicy,
    Boolean verify,
    Integer timeoutSeconds,
    Map<String, String> headers)
    implements DistributionTarget {

  public static final String TYPE = "alert_distribution";

  public AlertDistributionTarget {
    Checks.entityIdentifier(identifier, "alert distribution target");
    name = Checks.orDefault(name, identifier);
    TargetValues.checkEndpoint(url, timeoutSeconds, "alert distribution target " + identifier);
    auth = TargetValues.auth(auth);
    retryPolicy = TargetValues.retryPolicy(retryPolicy);
    verify = Checks.orDefault(verify, true);
    headers = Checks.map(headers);
  }

  public static Builder builder(String identifier) {
    return new Builder(identifier);
  }

  public Builder toBuilder() {
    return new Builder(identifier).from(this).headers(headers);
  }

  /** Hides user-info in the URL and secret header values. */
  @Override
  public String toString() {
    return TargetValues.describe(this);
  }

  public static final class Builder extends HttpTargetBuilder<Builder> {
    private final Map<String, String> headers = new LinkedHashMap<>();

    private Builder(String identifier) {
      super(identifier);
    }

    @Override
    Builder self() {
      return this;
    }

    /** Adds an HTTP header sent with every request. */
    public Builder header(String name, String value) {
      this.headers.put(name, value);
      return this;
    }

    /** Replaces the HTTP headers. */
    public Builder headers(Map<String, String> headers) {
      this.headers.clear();
      this.headers.putAll(headers);
      return this;
    }

    public AlertDistributionTarget build() {
      return BuildSites.mark(new AlertDistributionTarget(
          identifier, name, url, auth, retryPolicy, verify, timeoutSeconds, headers));
    }
  }
}
