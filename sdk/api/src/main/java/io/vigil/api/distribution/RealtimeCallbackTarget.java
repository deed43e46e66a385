package io.vigil.api.distribution;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;

/**
 * An external endpoint notified when an analyst closes a real-time alert (S1 §10.6). A real-time
 * evaluation flow names it as {@code callback_target_identifier}; the Investigation Center workflow
 * needs a service task that calls it.
 *
 * <pre>{@code
 * RealtimeCallbackTarget callback = RealtimeCallbackTarget.builder("callback_rt")
 *     .url("https://outside-url.domain.net")
 *     .auth(TargetAuth.basic("env:RT_CALLBACK_USER", "encrypted:BUxdFK8DI+cjSixBqZcaAVSJ"))
 *     .verify(false)
 *     .build();
 * }</pre>
 *
 * @param identifier unique and immutable; referenced by real-time evaluation flows as callback_target_identifier
 * @param name the name shown to users (default: the identifier)
 * @param url absolute http or https URL requests are posted to
 * @param auth the credentials requests carry (default: no authentication)
 * @param retryPolicy how technical failures are retried (default: RetryPolicy.defaults())
 * @param verify verify the server's TLS certificate (default true)
 * @param timeoutSeconds request timeout in seconds; absent means the runtime's default
 */
public record RealtimeCallbackTarget(
    String identifier,
    String name,
    String url,
    TargetAuth auth,
    RetryPolicy retryPolicy,
    Boolean verify,
    Integer timeoutSeconds)
    implements DistributionTarget {

  public static final String TYPE = "realtime_callback";

  public RealtimeCallbackTarget {
    Checks.entityIdentifier(identifier, "realtime callback target");
    String what = "realtime callback target " + identifier;
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
    return "RealtimeCallbackTarget[identifier=" + identifier + ", name=" + name
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

    public RealtimeCallbackTarget build() {
      return BuildSites.mark(new RealtimeCallbackTarget(
          identifier, name, url, auth, retryPolicy, verify, timeoutSeconds));
    }
  }
}
