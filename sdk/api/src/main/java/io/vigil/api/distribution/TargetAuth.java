package io.vigil.api.distribution;

import io.vigil.api.entity.BuildSites;
import io.vigil.api.entity.Checks;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The credentials a target expects (S1 §9.2, §10.6.2). Secret values are references, never the
 * secret itself: {@code env:NAME} is read from the environment at run time, and
 * {@code encrypted:<AES>} is decrypted with the platform key. Validation rejects anything else.
 *
 * <pre>{@code
 * TargetAuth auth = TargetAuth.basic("env:CM_USER", "env:CM_PASSWORD");
 * }</pre>
 *
 * @param mode how requests authenticate
 * @param configuration the mode's settings: {@code username} and {@code password} for BASIC_AUTH, {@code token} for BEARER_TOKEN
 */
public record TargetAuth(AuthenticationMode mode, Map<String, String> configuration) {
  /** The BASIC_AUTH user name key. */
  public static final String USERNAME = "username";
  /** The BASIC_AUTH password key. */
  public static final String PASSWORD = "password";
  /** The BEARER_TOKEN token key. */
  public static final String TOKEN = "token";

  public TargetAuth {
    Checks.required(mode, "target auth", "mode");
    configuration = Checks.map(configuration);
  }

  /** No authentication. */
  public static TargetAuth none() {
    return BuildSites.mark(new TargetAuth(AuthenticationMode.NO_AUTH, Map.of()));
  }

  /**
   * Basic authentication.
   *
   * @param usernameRef the user name, or an {@code env:NAME} reference to it
   * @param passwordRef an {@code env:NAME} or {@code encrypted:…} reference to the password
   */
  public static TargetAuth basic(String usernameRef, String passwordRef) {
    Map<String, String> configuration = new LinkedHashMap<>();
    putIfPresent(configuration, USERNAME, usernameRef);
    putIfPresent(configuration, PASSWORD, passwordRef);
    return BuildSites.mark(new TargetAuth(AuthenticationMode.BASIC_AUTH, configuration));
  }

  /**
   * Bearer-token authentication.
   *
   * @param tokenRef an {@code env:NAME} or {@code encrypted:…} reference to the token
   */
  public static TargetAuth bearer(String tokenRef) {
    Map<String, String> configuration = new LinkedHashMap<>();
    putIfPresent(configuration, TOKEN, tokenRef);
    return BuildSites.mark(new TargetAuth(AuthenticationMode.BEARER_TOKEN, configuration));
  }

  // A missing value is left out, so that validation reports it as a missing key.
  private static void putIfPresent(Map<String, String> configuration, String key, String value) {
    if (value != null) {
      configuration.put(key, value);
    }
  }

  /** Shows secret values only when they are {@code env:} references. */
  @Override
  public String toString() {
    return "TargetAuth[mode=" + mode + ", configuration=" + TargetValues.map(configuration) + "]";
  }
}
