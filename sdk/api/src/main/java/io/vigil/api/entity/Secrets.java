package io.vigil.api.entity;

import java.util.regex.Pattern;

/**
 * Secret values in metadata are references, never the secret itself: {@code env:NAME} reads an
 * environment variable at run time, and {@code encrypted:<base64>} is a value encrypted with the
 * platform key (S1 §10.6.2). Anything else in a secret attribute is rejected by validation.
 */
public final class Secrets {
  private static final Pattern ENV = Pattern.compile("env:[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern ENCRYPTED = Pattern.compile("encrypted:[A-Za-z0-9+/=_-]+");

  private Secrets() {}

  /** True when {@code value} is an {@code env:NAME} or {@code encrypted:…} reference. */
  public static boolean isReference(String value) {
    return value != null && (ENV.matcher(value).matches() || ENCRYPTED.matcher(value).matches());
  }

  /** True when {@code value} names an environment variable. */
  public static boolean isEnvReference(String value) {
    return value != null && ENV.matcher(value).matches();
  }

  /** The variable name of an {@code env:NAME} reference. */
  public static String envName(String value) {
    if (!isEnvReference(value)) {
      throw new IllegalArgumentException("Cannot read secret reference: not of the form env:NAME");
    }
    return value.substring(4);
  }

  /** True for attribute names that hold secrets: password, secret, token, api key, private key. */
  public static boolean isSecretKey(String key) {
    String k = key.toLowerCase(java.util.Locale.ROOT).replace("-", "_");
    return k.contains("password") || k.contains("secret") || k.contains("token") || k.equals("api_key")
        || k.endsWith("_api_key") || k.contains("private_key") || k.equals("credential") || k.equals("credentials");
  }
}
