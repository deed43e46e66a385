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
    name = Checks.orDefault(name, identifier);
    TargetValues.checkEndpoint(url, timeoutSeconds, "realtime callback target " + identifier);
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

    public RealtimeCallbackTarget build() {
      return BuildSites.mark(new RealtimeCallbackTarget(
          identifier, name, url, auth, retryPolicy, verify, timeoutSeconds));
    }
  }
}
