package io.vigil.runtime.layout;

import java.util.Locale;
import java.util.Objects;

/**
 * A concrete data environment: PUBLIC, or the PRIVATE sandbox of one user.
 *
 * @param kind PUBLIC or PRIVATE
 * @param user owner of a PRIVATE environment (normalised to lower snake case); null for PUBLIC
 */
public record Environment(DataEnvironment kind, String user) {
  public static final Environment PUBLIC = new Environment(DataEnvironment.PUBLIC, null);

  public Environment {
    Objects.requireNonNull(kind, "kind");
    if (kind == DataEnvironment.PRIVATE) {
      user = normalizeUser(Objects.requireNonNull(user, "user"));
    } else {
      user = null;
    }
  }

  public static Environment privateOf(String user) {
    return new Environment(DataEnvironment.PRIVATE, user);
  }

  public boolean isPublic() {
    return kind == DataEnvironment.PUBLIC;
  }

  /** {@code public} or {@code private_<user>}: the folder and schema suffix of this environment. */
  public String key() {
    return isPublic() ? "public" : "private_" + user;
  }

  /** User names become parts of schema and path names: lower case letters, digits and underscores. */
  public static String normalizeUser(String user) {
    String s = user.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]+", "_").replaceAll("^_+|_+$", "");
    if (s.isEmpty()) {
      throw new IllegalArgumentException("Cannot use user name '" + user + "' for a private environment");
    }
    return s.length() > 30 ? s.substring(0, 30) : s;
  }

  @Override
  public String toString() {
    return isPublic() ? "PUBLIC" : "PRIVATE(" + user + ")";
  }
}
