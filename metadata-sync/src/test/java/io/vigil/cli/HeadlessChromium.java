package io.vigil.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Opens a local page in the real headless Chromium that the build found or installed
 * (build/chromium.sh), with the flags a closed network needs, and returns what the browser made of it.
 */
final class HeadlessChromium {
  private HeadlessChromium() {}

  /**
   * What the browser did with a page.
   *
   * @param dom the DOM after loading, as Chromium serialises it
   * @param console the lines Chromium logged for the page's console (errors included)
   */
  record Opened(String dom, List<String> console) {}

  /** Loads {@code page}, keeps a screenshot of it in {@code screenshot}, and returns its DOM and console lines. */
  static Opened open(Path page, Path screenshot, Path profile) throws IOException, InterruptedException {
    Files.createDirectories(screenshot.getParent());
    Run shot = run(profile.resolve("shot"), "--window-size=1200,900", "--screenshot=" + screenshot.toAbsolutePath(),
        page.toUri().toString());
    assertThat(shot.code()).as("chromium --screenshot:\n%s", shot.err()).isZero();
    Run dump = run(profile.resolve("dom"), "--dump-dom", page.toUri().toString());
    assertThat(dump.code()).as("chromium --dump-dom:\n%s", dump.err()).isZero();
    List<String> console = new ArrayList<>();
    for (String line : (shot.err() + "\n" + dump.err()).split("\n")) {
      if (line.contains("CONSOLE")) {
        console.add(line);
      }
    }
    return new Opened(dump.out(), console);
  }

  private record Run(int code, String out, String err) {}

  private static Run run(Path profile, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(browser(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--enable-logging=stderr", "--v=0", "--user-data-dir=" + profile.toAbsolutePath()));
    command.addAll(List.of(args));
    Path out = Files.createTempFile("chromium", ".out");
    Path err = Files.createTempFile("chromium", ".err");
    try {
      Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
      if (!p.waitFor(120, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor();
        throw new AssertionError("chromium did not finish in 120 s: " + command);
      }
      return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }

  /** The browser build/chromium.sh recorded for this build. */
  static String browser() throws IOException {
    String file = System.getProperty("vigil.chromium.path");
    assertThat(file).as("vigil.chromium.path (set by the build)").isNotNull();
    Path recorded = Path.of(file);
    assertThat(recorded).as("%s: run the build, which finds or installs chromium (metadata-sync/build/chromium.sh)", recorded)
        .exists();
    return Files.readString(recorded).strip();
  }
}
