package io.vigil.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** CPU time another process has used, from /proc/PID/stat (Linux), to put a server's cost beside its latency. */
final class ProcessCpu {
  /** Linux reports utime and stime in clock ticks of 10 ms (CLK_TCK 100). */
  static final double TICK_SECONDS = 0.01;

  private ProcessCpu() {}

  /** utime + stime of {@code pid} in seconds, user and system time of all its threads. */
  static double seconds(long pid) {
    try {
      return ticks(Files.readString(Path.of("/proc", Long.toString(pid), "stat"))) * TICK_SECONDS;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the CPU time of process " + pid + ": " + e.getMessage(), e);
    }
  }

  /**
   * utime (field 14) + stime (field 15) of a /proc/PID/stat line. The fields are counted after the last
   * ')' because field 2, the command name in parentheses, may itself hold spaces and parentheses.
   */
  static long ticks(String statLine) {
    String[] after = statLine.substring(statLine.lastIndexOf(')') + 2).trim().split(" ");
    // after[0] is field 3 (state), so field k is after[k - 3].
    return Long.parseLong(after[14 - 3]) + Long.parseLong(after[15 - 3]);
  }

  /** CPU used over a wall-clock interval as a percentage of one core (200 = two cores fully busy). */
  static double percentOfOneCore(double cpuSeconds, double wallSeconds) {
    return wallSeconds <= 0 ? 0 : 100.0 * cpuSeconds / wallSeconds;
  }
}
