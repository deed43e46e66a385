package io.vigil.api.time;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one grammar for dates and durations that Vigil reads from metadata and command lines.
 * Execution dates: an ISO date ({@code 2024-01-31}) or date-time ({@code 2024-01-31T00:00:00},
 * a space instead of {@code T}, a trailing {@code Z} ignored), always UTC. Durations: ISO-8601
 * ({@code PT30S}) or a count with a unit: {@code 250ms}, {@code 30s}, {@code 5m}, {@code 2h},
 * {@code 1d}.
 */
public final class TimeText {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private TimeText() {}

  /** The date-time {@code text} names; a date alone is its midnight. */
  public static LocalDateTime dateTime(String text) {
    String t = text.trim().replace(' ', 'T');
    if (t.length() == 10) {
      return LocalDate.parse(t).atStartOfDay();
    }
    if (t.endsWith("Z")) {
      t = t.substring(0, t.length() - 1);
    }
    return LocalDateTime.parse(t);
  }

  /** The duration {@code text} names. */
  public static Duration duration(String text) {
    String t = text.trim();
    if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
      return Duration.parse(t.toUpperCase(java.util.Locale.ROOT));
    }
    Matcher m = SHORT_DURATION.matcher(t.toLowerCase(java.util.Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a duration: " + text);
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "ms" -> Duration.ofMillis(n);
      case "s" -> Duration.ofSeconds(n);
      case "m" -> Duration.ofMinutes(n);
      case "h" -> Duration.ofHours(n);
      default -> Duration.ofDays(n);
    };
  }
}
