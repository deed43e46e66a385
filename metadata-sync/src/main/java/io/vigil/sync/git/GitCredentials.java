package io.vigil.sync.git;

import java.util.Map;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/**
 * Git credentials from the environment, never from the repository URL shown to users:
 * {@code VIGIL_GIT_USERNAME} with {@code VIGIL_GIT_PASSWORD}, or {@code VIGIL_GIT_TOKEN} (sent as
 * the password, with the username or {@code oauth2}). ssh remotes use the keys and known_hosts of
 * {@code ~/.ssh}, as JGit's ssh transport does by default.
 */
public final class GitCredentials {
  private GitCredentials() {}

  /** The provider for http(s) remotes, or null when the environment has no credentials. */
  public static CredentialsProvider fromEnvironment(Map<String, String> env) {
    String user = blankToNull(env.get("VIGIL_GIT_USERNAME"));
    String token = blankToNull(env.get("VIGIL_GIT_TOKEN"));
    String password = blankToNull(env.get("VIGIL_GIT_PASSWORD"));
    if (token != null) {
      return new UsernamePasswordCredentialsProvider(user != null ? user : "oauth2", token);
    }
    if (user != null && password != null) {
      return new UsernamePasswordCredentialsProvider(user, password);
    }
    return null;
  }

  /** The URL without user or password, fit for messages. */
  public static String redact(String url) {
    try {
      URIish uri = new URIish(url);
      return uri.getPass() == null && uri.getUser() == null ? url : uri.setPass(null).setUser(null).toString();
    } catch (java.net.URISyntaxException e) {
      return url.replaceAll("//[^/@]*@", "//");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
