package io.vigil.cli.common;

import io.vigil.runtime.progress.Progress;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Shows a long command's progress on standard error. On a terminal, one line that keeps updating:
 * the stage, the units done so far and the elapsed time. Otherwise (a pipe, a log, a test), or with
 * {@code --quiet}, one plain line when a stage starts and one when it ends.
 */
public final class ProgressPrinter implements Progress {
  private static final long REDRAW_NANOS = 100_000_000L;

  private final PrintWriter err;
  private final boolean live;
  private final Map<String, String> counts = new LinkedHashMap<>();
  private String stage;
  private long stageStart;
  private long lastDraw;

  private ProgressPrinter(PrintWriter err, boolean live) {
    this.err = err;
    this.live = live;
  }

  /** A printer on {@code err}: updating in place on a terminal unless {@code quiet}. */
  public static ProgressPrinter on(PrintWriter err, boolean quiet) {
    return new ProgressPrinter(err, !quiet && System.console() != null);
  }

  @Override
  public synchronized void stage(String name) {
    if (stage != null) {
      done("");
    }
    stage = name;
    stageStart = System.nanoTime();
    counts.clear();
    if (live) {
      draw(true);
    }
  }

  @Override
  public synchronized void advance(String unit, long done, long total) {
    if (stage == null) {
      return;
    }
    counts.put(unit, total >= 0 ? String.format(Locale.ROOT, "%,d/%,d %s", done, total, unit)
        : String.format(Locale.ROOT, "%,d %s", done, unit));
    if (live) {
      draw(false);
    }
  }

  @Override
  public synchronized void done(String summary) {
    if (stage == null) {
      return;
    }
    String line = stage + (summary.isEmpty() ? "" : ": " + summary) + " (" + elapsed() + ")";
    if (live) {
      err.print("\r\033[K" + line + "\n");
    } else {
      err.println(line);
    }
    err.flush();
    stage = null;
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    if (!force && now - lastDraw < REDRAW_NANOS) {
      return;
    }
    lastDraw = now;
    StringBuilder line = new StringBuilder(stage);
    counts.values().forEach(c -> line.append(" | ").append(c));
    line.append(" | ").append(elapsed());
    err.print("\r\033[K" + line);
    err.flush();
  }

  private String elapsed() {
    return String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - stageStart) / 1e9);
  }
}
