package io.vigil.runtime.delivery;

import io.vigil.api.distribution.TargetAuth;
import io.vigil.runtime.secret.SecretResolver;

/** A target's credentials, resolved from their {@code env:} or {@code encrypted:} references at send time, never logged. */
public final class TargetCredentials {
  private TargetCredentials() {}

  public static Credentials of(TargetAuth auth, SecretResolver secrets, String target) {
    if (auth == null) {
      return Credentials.none();
    }
    String what = "target " + target;
    return switch (auth.mode()) {
      case NO_AUTH -> Credentials.none();
      case BASIC_AUTH -> Credentials.basic(secrets.resolve(auth.configuration().get(TargetAuth.USERNAME), what + " username").reveal(),
          secrets.resolve(auth.configuration().get(TargetAuth.PASSWORD), what + " password"));
      case BEARER_TOKEN -> Credentials.bearer(secrets.resolve(auth.configuration().get(TargetAuth.TOKEN), what + " token"));
    };
  }
}
