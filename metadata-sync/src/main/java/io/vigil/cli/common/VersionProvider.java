package io.vigil.cli.common;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The Vigil version, as the build wrote it. */
public final class VersionProvider implements IVersionProvider {
  public static String version() {
    try (InputStream in = VersionProvider.class.getResourceAsStream("/vigil-version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  @Override
  public String[] getVersion() {
    return new String[] {"vigil " + version(), "Java " + System.getProperty("java.version")};
  }
}
