package io.vigil.api.connector;

import io.vigil.api.entity.Checks;

/** The shape of a landing folder: a relative path under {@code datasources/} that cannot escape it. */
final class LandingFolders {
  private LandingFolders() {}

  static String check(String folder, String what) {
    Checks.required(folder, what, "folder");
    Checks.valid(!folder.startsWith("/"), what, "folder",
        "must be relative to the landing prefix datasources/, without a leading '/': '" + folder + "'");
    for (String segment : folder.split("[/\\\\]")) {
      Checks.valid(!segment.equals(".."), what, "folder", "must not contain '..': '" + folder + "'");
    }
    return folder;
  }
}
