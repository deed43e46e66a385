package io.vigil.api.distribution;

/**
 * The builder steps every target shares: its name and its HTTP endpoint. Each target's own
 * {@code Builder} extends it with the keys only that target has, and checks everything at
 * {@code build()}.
 *
 * @param <B> the concrete builder, returned by every step so that calls chain
 */
public abstract sealed class HttpTargetBuilder<B extends HttpTargetBuilder<B>>
    permits AlertDistributionTarget.Builder, RealtimeCallbackTarget.Builder, ExternalNotificationTarget.Builder,
        ClassificationChangeNotificationTarget.Builder {
  final String identifier;
  String name;
  String url;
  TargetAuth auth;
  RetryPolicy retryPolicy;
  Boolean verify;
  Integer timeoutSeconds;

  HttpTargetBuilder(String identifier) {
    this.identifier = identifier;
  }

  abstract B self();

  /** The name shown to users; the identifier when not set. */
  public B name(String name) {
    this.name = name;
    return self();
  }

  /** The absolute http or https URL requests are posted to. */
  public B url(String url) {
    this.url = url;
    return self();
  }

  /** The credentials requests carry; none when not set. */
  public B auth(TargetAuth auth) {
    this.auth = auth;
    return self();
  }

  /** How technical failures are retried; {@link RetryPolicy#defaults()} when not set. */
  public B retryPolicy(RetryPolicy retryPolicy) {
    this.retryPolicy = retryPolicy;
    return self();
  }

  /** Whether the server's TLS certificate is verified; true when not set. */
  public B verify(Boolean verify) {
    this.verify = verify;
    return self();
  }

  /** The request timeout in seconds; the runtime's default when not set. */
  public B timeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
    return self();
  }

  /** Copies the name and the endpoint of {@code target}, for {@code toBuilder()}. */
  B from(DistributionTarget target) {
    return name(target.name())
        .url(target.url())
        .auth(target.auth())
        .retryPolicy(target.retryPolicy())
        .verify(target.verify())
        .timeoutSeconds(target.timeoutSeconds());
  }
}
