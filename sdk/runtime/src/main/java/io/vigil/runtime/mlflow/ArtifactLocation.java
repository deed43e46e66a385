package io.vigil.runtime.mlflow;

import io.vigil.runtime.errors.RuntimeErrors;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where the artifact proxy serves an artifact location (a run's {@code artifact_uri}, a model
 * version's {@code source}), as MLflow's own client resolves it:
 * <ul>
 *   <li>{@code mlflow-artifacts:/1/<run>/artifacts}: path {@code 1/<run>/artifacts} on the tracking server;
 *   <li>{@code mlflow-artifacts://host:5000/1/<run>/artifacts}: the same path on {@code host:5000}, with the
 *       tracking URI's scheme;
 *   <li>{@code http(s)://host/…/api/2.0/mlflow-artifacts/artifacts/<path>}: {@code <path>} on that server.
 * </ul>
 * The proxy route is then {@code <server>/api/2.0/mlflow-artifacts/artifacts/<path>}.
 *
 * @param server the base URL of the server that proxies the artifacts, without a trailing slash
 * @param root the location's path below the proxy's root, without leading or trailing slash; may be empty
 */
record ArtifactLocation(URI server, String root) {
  static final String ROUTE = "/api/2.0/mlflow-artifacts/artifacts";
  static final String SCHEME = "mlflow-artifacts";

  /** Resolves {@code artifactUri} against the tracking server; fails for a location the proxy does not serve. */
  static ArtifactLocation of(String artifactUri, URI trackingUri, String action) {
    URI uri;
    try {
      uri = URI.create(artifactUri);
    } catch (IllegalArgumentException e) {
      throw RuntimeErrors.mlflowArtifactsNotProxied(action, artifactUri);
    }
    String scheme = uri.getScheme();
    if (SCHEME.equals(scheme)) {
      URI server = uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()
          ? trackingUri
          : URI.create(trackingUri.getScheme() + "://" + uri.getRawAuthority());
      return new ArtifactLocation(server, trim(uri.getPath()));
    }
    if (("http".equals(scheme) || "https".equals(scheme)) && uri.getRawPath() != null) {
      String path = uri.getPath();
      int anchor = path.indexOf(ROUTE + "/");
      if (anchor >= 0 || path.endsWith(ROUTE)) {
        String prefix = anchor >= 0 ? path.substring(0, anchor) : path.substring(0, path.length() - ROUTE.length());
        String rest = anchor >= 0 ? path.substring(anchor + ROUTE.length() + 1) : "";
        return new ArtifactLocation(URI.create(scheme + "://" + uri.getRawAuthority() + prefix), trim(rest));
      }
    }
    throw RuntimeErrors.mlflowArtifactsNotProxied(action, artifactUri);
  }

  /** The proxy URL of {@code relative} below this location ({@code ""} for the location itself). */
  URI url(String relative) {
    String full = join(root, relative);
    return URI.create(server + ROUTE + (full.isEmpty() ? "" : "/" + encodePath(full)));
  }

  /** The proxy URL that lists the directory {@code relative} below this location. */
  URI listUrl(String relative) {
    return URI.create(server + ROUTE + "?path=" + URLEncoder.encode(join(root, relative), StandardCharsets.UTF_8));
  }

  /**
   * {@code path} if it is a usable relative artifact path ({@code ""} allowed), else INVALID_ARGUMENT:
   * no leading or trailing slash, no empty, {@code .} or {@code ..} segment, and no {@code #} (MLflow's
   * proxy refuses it).
   */
  static String checkRelative(String path, String action) {
    if (path == null) {
      throw RuntimeErrors.artifactPathInvalid(action, "null");
    }
    String p = path.replace('\\', '/');
    if (p.isEmpty()) {
      return p;
    }
    if (p.startsWith("/") || p.endsWith("/")) {
      throw RuntimeErrors.artifactPathInvalid(action, path);
    }
    for (String segment : p.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.indexOf('\0') >= 0
          || segment.indexOf('#') >= 0) {
        throw RuntimeErrors.artifactPathInvalid(action, path);
      }
    }
    return p;
  }

  static String join(String parent, String child) {
    if (parent.isEmpty()) {
      return child;
    }
    return child.isEmpty() ? parent : parent + "/" + child;
  }

  private static String encodePath(String path) {
    StringBuilder out = new StringBuilder();
    for (String segment : path.split("/")) {
      if (out.length() > 0) {
        out.append('/');
      }
      out.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
    }
    return out.toString();
  }

  private static String trim(String path) {
    String p = path == null ? "" : path;
    while (p.startsWith("/")) {
      p = p.substring(1);
    }
    while (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return p;
  }
}
