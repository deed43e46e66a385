package io.vigil.api.distribution;

import io.vigil.api.entity.Checks;
import java.util.Map;

/**
 * Where and how a target is called: the part of every {@link DistributionTarget} that an HTTP
 * client needs. Secret values are still references here ({@code env:…}, {@code encrypted:…});
 * the runtime resolves them just before a request.
 *
 * <pre>{@code
 * HttpEndpoint endpoint = target.endpoint();
 * }</pre>
 *
 * @param url absolute http or https URL requests are posted to, or an {@code env:NAME} or
 *     {@code encrypted:…} reference to one that the runtime resolves before the first request
 * @param auth the credentials requests carry (default: no authentication)
 * @param retryPolicy how technical failures are retried (default: RetryPolicy.defaults())
 * @param verify verify the server's TLS certificate
 * @param timeoutSeconds request timeout in seconds; null means the runtime's default
 * @param headers extra HTTP headers; secret values are env: or encrypted: references
 */
public record HttpEndpoint(
    String url,
    TargetAuth auth,
    RetryPolicy retryPolicy,
    boolean verify,
    Integer timeoutSeconds,
    Map<String, String> headers) {

  public HttpEndpoint {
    TargetValues.checkEndpoint(url, timeoutSeconds, "http endpoint");
    auth = TargetValues.auth(auth);
    retryPolicy = TargetValues.retryPolicy(retryPolicy);
    headers = Checks.map(headers);
  }

  /** The same endpoint at another URL: the runtime's resolution of a URL reference. */
  public HttpEndpoint withUrl(String resolved) {
    return new HttpEndpoint(resolved, auth, retryPolicy, verify, timeoutSeconds, headers);
  }

  /** Hides user-info in the URL and secret header values. */
  @Override
  public String toString() {
    return TargetValues.describe(this);
  }
}
