package io.vigil.runtime.job;

import java.time.Duration;

/**
 * One cell as it ran.
 *
 * @param order the cell's position
 * @param name the method name
 * @param title the cell's title
 * @param duration how long it ran
 * @param error why it failed, or null
 */
public record CellRun(int order, String name, String title, Duration duration, String error) {
  public boolean succeeded() {
    return error == null;
  }
}
