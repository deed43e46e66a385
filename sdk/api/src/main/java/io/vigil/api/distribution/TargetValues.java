package io.vigil.api.distribution;

import io.vigil.api.entity.Checks;
import io.vigil.api.entity.Secrets;
import java.lang.reflect.RecordComponent;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/** Shared checks of target values, and the forms of them that are safe to print. */
final class TargetValues {
  private static final String HIDDEN = "***";
  private static final String STRING_MAP = "java.util.Map<java.lang.String, java.lang.String>";

  private TargetValues() {}

  /** True for configuration keys and header names whose value is a secret. */
  static boolean isSecret(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    return Secrets.isSecretKey(key) || k.equals("authorization") || k.equals("proxy-authorization");
  }

  /** {@code map} with the values of secret keys hidden unless they are {@code env:} references. */
  static Map<String, String> map(Map<String, String> map) {
    Map<String, String> out = new TreeMap<>();
    map.forEach((k, v) -> out.put(k, isSecret(k) && !Secrets.isEnvReference(v) ? HIDDEN : v));
    return out;
  }

  /** {@code url} with any user-info (user:password@) hidden. */
  static String url(String url) {
    if (url == null) {
      return null;
    }
    int scheme = url.indexOf("://");
    int at = url.indexOf('@', Math.max(scheme, 0));
    int slash = url.indexOf('/', scheme < 0 ? 0 : scheme + 3);
    if (scheme < 0 || at < 0 || (slash >= 0 && slash < at)) {
      return url;
    }
    return url.substring(0, scheme + 3) + HIDDEN + url.substring(at);
  }

  /**
   * A required absolute http or https URL, or an {@code env:NAME} or {@code encrypted:…} reference
   * to one, resolved at run time so that each deployment can point the same target elsewhere.
   */
  static String checkUrl(String url, String what) {
    Checks.required(url, what, "url");
    if (url.startsWith("env:")) {
      Checks.valid(url.substring(4).matches("[A-Za-z_][A-Za-z0-9_]*"), what, "url",
          "must name an environment variable after env:: '" + url + "'");
      return url;
    }
    if (url.startsWith("encrypted:")) {
      return url;
    }
    boolean ok;
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      ok = uri.isAbsolute() && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme))
          && uri.getRawAuthority() != null && !uri.getRawAuthority().isBlank();
    } catch (URISyntaxException e) {
      ok = false;
    }
    Checks.valid(ok, what, "url", "must be an absolute http or https URL: '" + url(url) + "'");
    return url;
  }

  /** A required absolute http or https URL and an optional positive timeout: the endpoint checks every target makes. */
  static void checkEndpoint(String url, Integer timeoutSeconds, String what) {
    checkUrl(url, what);
    Checks.positive(timeoutSeconds, what, "timeout_seconds");
  }

  /**
   * The record's {@code toString} with its secrets hidden: the URL's user-info, and the values of
   * secret keys in string maps (headers, auth configuration) unless they are {@code env:} references.
   */
  @SuppressWarnings("unchecked")
  static String describe(Record record) {
    StringJoiner out = new StringJoiner(", ", record.getClass().getSimpleName() + "[", "]");
    for (RecordComponent rc : record.getClass().getRecordComponents()) {
      Object value;
      try {
        value = rc.getAccessor().invoke(record);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException(e);
      }
      if (rc.getName().equals("url")) {
        value = url((String) value);
      } else if (value instanceof Map<?, ?> map && rc.getGenericType().getTypeName().equals(STRING_MAP)) {
        value = map((Map<String, String>) map);
      }
      out.add(rc.getName() + "=" + value);
    }
    return out.toString();
  }

  /** The auth of a target: no authentication when absent. */
  static TargetAuth auth(TargetAuth auth) {
    return auth != null ? auth : new TargetAuth(AuthenticationMode.NO_AUTH, Map.of());
  }

  /** The retry policy of a target: the defaults when absent. */
  static RetryPolicy retryPolicy(RetryPolicy retryPolicy) {
    return retryPolicy != null ? retryPolicy : new RetryPolicy(null, null, null, null, null);
  }
}
