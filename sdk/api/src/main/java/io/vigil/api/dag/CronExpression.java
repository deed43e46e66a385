package io.vigil.api.dag;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;

/**
 * A standard five-field cron expression ({@code minute hour day-of-month month day-of-week}) as
 * Airflow schedules accept it (S1 §2.6, Ch.14), or one of Airflow's cron presets.
 *
 * <p>Each field takes {@code *}, single values, ranges {@code a-b}, steps {@code *}{@code /n},
 * {@code a-b/n} and {@code a/n}, and comma-separated lists of these. Months accept JAN–DEC and
 * days of the week SUN–SAT (case-insensitive); both 0 and 7 mean Sunday. The presets (lower case) are
 * {@code @yearly} ({@code @annually}), {@code @monthly}, {@code @weekly}, {@code @daily}
 * ({@code @midnight}) and {@code @hourly}. {@code @once} and "no schedule" are valid DAG schedules
 * but not cron expressions; see {@link Dag#isValidSchedule(String)}.
 *
 * <p>When both day-of-month and day-of-week are restricted (neither starts with {@code *}), a day
 * matches if EITHER matches, as in Vixie cron and Airflow's croniter; otherwise both must match.
 * Times are wall-clock {@link LocalDateTime}s, as Airflow's logical dates are in the DAG's zone.
 */
public final class CronExpression {
  private static final Map<String, String> PRESETS =
      Map.of(
          "@yearly", "0 0 1 1 *",
          "@annually", "0 0 1 1 *",
          "@monthly", "0 0 1 * *",
          "@weekly", "0 0 * * 0",
          "@daily", "0 0 * * *",
          "@midnight", "0 0 * * *",
          "@hourly", "0 * * * *");

  private static final String[] MONTH_NAMES = {
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
  };
  private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

  /** A feasible expression fires at least once in any 8 consecutive years (29 February). */
  private static final int SEARCH_YEARS = 9;

  private final String expression;
  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet daysOfMonth;
  private final BitSet months;
  private final BitSet daysOfWeek;
  private final boolean dayOfMonthStar;
  private final boolean dayOfWeekStar;

  private CronExpression(String expression, String[] fields) {
    this.expression = expression;
    this.minutes = Field.MINUTE.parse(fields[0], expression);
    this.hours = Field.HOUR.parse(fields[1], expression);
    this.daysOfMonth = Field.DAY_OF_MONTH.parse(fields[2], expression);
    this.months = Field.MONTH.parse(fields[3], expression);
    this.daysOfWeek = Field.DAY_OF_WEEK.parse(fields[4], expression);
    this.dayOfMonthStar = fields[2].startsWith("*");
    this.dayOfWeekStar = fields[4].startsWith("*");
    if (daysOfWeek.get(7)) {
      daysOfWeek.clear(7);
      daysOfWeek.set(0);
    }
    checkFeasible();
  }

  /**
   * Parses a cron expression or preset.
   *
   * @param expression five whitespace-separated fields, or a preset such as {@code @monthly}
   * @return the parsed expression
   * @throws IllegalArgumentException naming the field and value that is wrong
   */
  public static CronExpression parse(String expression) {
    if (expression == null || expression.isBlank()) {
      throw invalid("it is empty; use a preset such as @daily or five fields", String.valueOf(expression));
    }
    String text = expression.trim();
    if (text.startsWith("@")) {
      // Presets are matched exactly, as Airflow does.
      String preset = PRESETS.get(text);
      if (preset == null) {
        throw invalid(
            text.equals(Dag.ONCE)
                ? "@once is a schedule but not a cron expression"
                : "unknown preset; use @yearly, @annually, @monthly, @weekly, @daily, @midnight or @hourly",
            text);
      }
      return new CronExpression(text, preset.split(" "));
    }
    String[] fields = text.split("\\s+");
    if (fields.length != 5) {
      throw invalid(
          "expected 5 fields (minute hour day-of-month month day-of-week) but found " + fields.length,
          text);
    }
    return new CronExpression(text, fields);
  }

  /**
   * Tells whether {@link #parse(String)} accepts the text.
   *
   * @param expression a cron expression or preset; null is not valid
   * @return true if it parses
   */
  public static boolean isValid(String expression) {
    try {
      parse(expression);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The expression as written (trimmed), e.g. {@code @monthly} or {@code 0 6 * * MON-FRI}. */
  public String expression() {
    return expression;
  }

  /**
   * The first time the expression fires strictly after {@code after}.
   *
   * @param after a wall-clock time; seconds and nanoseconds are ignored
   * @return the next fire time, at a whole minute
   */
  public LocalDateTime next(LocalDateTime after) {
    LocalDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    int lastYear = t.getYear() + SEARCH_YEARS;
    while (t.getYear() <= lastYear) {
      if (!months.get(t.getMonthValue())) {
        t = t.toLocalDate().withDayOfMonth(1).plusMonths(1).atStartOfDay();
      } else if (!dayMatches(t.toLocalDate())) {
        t = t.toLocalDate().plusDays(1).atStartOfDay();
      } else {
        int hour = hours.nextSetBit(t.getHour());
        if (hour < 0) {
          t = t.toLocalDate().plusDays(1).atStartOfDay();
        } else if (hour > t.getHour()) {
          t = t.withHour(hour).withMinute(0);
        } else {
          int minute = minutes.nextSetBit(t.getMinute());
          if (minute >= 0) {
            return t.withMinute(minute);
          }
          t = t.truncatedTo(ChronoUnit.HOURS).plusHours(1);
        }
      }
    }
    throw new IllegalStateException("Cannot find the next fire time of '" + expression + "' after " + after);
  }

  private boolean dayMatches(LocalDate date) {
    boolean dom = daysOfMonth.get(date.getDayOfMonth());
    boolean dow = daysOfWeek.get(date.getDayOfWeek().getValue() % 7);
    if (!dayOfMonthStar && !dayOfWeekStar) {
      return dom || dow;
    }
    return dom && dow;
  }

  /** Rejects day-of-month/month combinations that never occur, e.g. {@code 0 0 30 2 *}. */
  private void checkFeasible() {
    if (!dayOfMonthStar && !dayOfWeekStar) {
      return;
    }
    for (int m = months.nextSetBit(1); m >= 0; m = months.nextSetBit(m + 1)) {
      int monthLength = YearMonth.of(2024, m).lengthOfMonth();
      int first = daysOfMonth.nextSetBit(1);
      if (first >= 0 && first <= monthLength) {
        return;
      }
    }
    throw invalid(
        "day-of-month " + daysOfMonth.nextSetBit(1) + " never occurs in the selected months", expression);
  }

  private static IllegalArgumentException invalid(String reason, String expression) {
    return new IllegalArgumentException("Cannot parse cron expression: " + reason + " in '" + expression + "'");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CronExpression c && c.expression.equals(expression);
  }

  @Override
  public int hashCode() {
    return expression.hashCode();
  }

  @Override
  public String toString() {
    return expression;
  }

  /** The five fields with their ranges and names. */
  private enum Field {
    MINUTE("minute", 0, 59, null),
    HOUR("hour", 0, 23, null),
    DAY_OF_MONTH("day-of-month", 1, 31, null),
    MONTH("month", 1, 12, MONTH_NAMES),
    DAY_OF_WEEK("day-of-week", 0, 7, DAY_NAMES);

    private final String label;
    private final int min;
    private final int max;
    private final String[] names;

    Field(String label, int min, int max, String[] names) {
      this.label = label;
      this.min = min;
      this.max = max;
      this.names = names;
    }

    BitSet parse(String field, String expression) {
      BitSet bits = new BitSet(max + 1);
      for (String item : field.split(",", -1)) {
        parseItem(item, bits, expression);
      }
      return bits;
    }

    private void parseItem(String item, BitSet bits, String expression) {
      if (item.isEmpty()) {
        throw invalid(label + " list has an empty item", expression);
      }
      String range = item;
      int step = 1;
      int slash = item.indexOf('/');
      if (slash >= 0) {
        range = item.substring(0, slash);
        String stepText = item.substring(slash + 1);
        if (!stepText.matches("[0-9]{1,4}")) {
          throw invalid(label + " step '" + stepText + "' is not a number", expression);
        }
        step = Integer.parseInt(stepText);
        if (step == 0) {
          throw invalid(label + " step must be positive in '" + item + "'", expression);
        }
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = this == DAY_OF_WEEK ? 6 : max;
      } else {
        int dash = range.indexOf('-');
        if (dash >= 0) {
          from = value(range.substring(0, dash), expression);
          to = value(range.substring(dash + 1), expression);
          if (from > to) {
            throw invalid(label + " range '" + range + "' runs backwards", expression);
          }
        } else {
          from = value(range, expression);
          // "a/n" means from a to the end of the range, as in Vixie cron.
          to = slash >= 0 ? Math.max(from, this == DAY_OF_WEEK ? 6 : max) : from;
        }
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }

    private int value(String text, String expression) {
      if (names != null) {
        String upper = text.toUpperCase(Locale.ROOT);
        for (int i = 0; i < names.length; i++) {
          if (names[i].equals(upper)) {
            return i + min;
          }
        }
      }
      if (!text.matches("[0-9]{1,4}")) {
        String hint = names == null ? "" : " or a name " + names[0] + "-" + names[names.length - 1];
        throw invalid(label + " value '" + text + "' is not a number" + hint, expression);
      }
      int v = Integer.parseInt(text);
      if (v < min || v > max) {
        throw invalid(label + " value " + v + " is outside " + min + "-" + max, expression);
      }
      return v;
    }
  }
}
