package io.vigil.runtime.delivery;

import io.vigil.api.distribution.DistributionTarget;
import io.vigil.api.distribution.HttpEndpoint;
import io.vigil.runtime.secret.SecretResolver;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP client of a distribution target, with every secret reference of its endpoint (the URL,
 * header values and credentials) resolved just before use, so that the metadata holds only references.
 */
public final class TargetDelivery {
  private TargetDelivery() {}

  /** A builder for requests to {@code target}; the caller may still set the item id field. */
  public static HttpDelivery.Builder of(DistributionTarget target, SecretResolver secrets) {
    String targetId = target.identifier();
    HttpEndpoint endpoint = target.endpoint();
    if (isReference(endpoint.url())) {
      endpoint = endpoint.withUrl(secrets.resolve(endpoint.url(), "url of target " + targetId).reveal());
    }
    Map<String, String> headers = new LinkedHashMap<>();
    endpoint.headers().forEach((k, v) -> headers.put(k, isReference(v)
        ? secrets.resolve(v, "header " + k + " of target " + targetId).reveal() : v));
    return HttpDelivery.builder(endpoint, TargetCredentials.of(endpoint.auth(), secrets, targetId), headers);
  }

  private static boolean isReference(String value) {
    return value.startsWith("env:") || value.startsWith("encrypted:");
  }
}
