package io.vigil.api.dag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDateTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CronExpressionTest {
  private static LocalDateTime at(String text) {
    return LocalDateTime.parse(text);
  }

  private static LocalDateTime next(String expression, String after) {
    return CronExpression.parse(expression).next(at(after));
  }

  @Test
  void presetsMeanTheirCronExpressions() {
    assertThat(next("@hourly", "2024-01-01T10:30")).isEqualTo(at("2024-01-01T11:00"));
    assertThat(next("@daily", "2024-01-01T10:30")).isEqualTo(at("2024-01-02T00:00"));
    assertThat(next("@midnight", "2024-01-01T10:30")).isEqualTo(at("2024-01-02T00:00"));
    // 2024-01-03 is a Wednesday; @weekly fires on Sundays.
    assertThat(next("@weekly", "2024-01-03T00:00")).isEqualTo(at("2024-01-07T00:00"));
    assertThat(next("@monthly", "2024-01-15T00:00")).isEqualTo(at("2024-02-01T00:00"));
    assertThat(next("@yearly", "2024-03-01T00:00")).isEqualTo(at("2025-01-01T00:00"));
    assertThat(next("@annually", "2024-03-01T00:00")).isEqualTo(at("2025-01-01T00:00"));
    assertThat(CronExpression.parse("@monthly").expression()).isEqualTo("@monthly");
  }

  @Test
  void nextIsStrictlyAfterAndIgnoresSeconds() {
    assertThat(next("@monthly", "2024-01-01T00:00")).isEqualTo(at("2024-02-01T00:00"));
    assertThat(next("*/15 * * * *", "2024-01-01T10:14:59")).isEqualTo(at("2024-01-01T10:15"));
    assertThat(next("*/15 * * * *", "2024-01-01T10:15:00")).isEqualTo(at("2024-01-01T10:30"));
  }

  @Test
  void nextCrossesMonthAndYearEnds() {
    assertThat(next("0 0 1 * *", "2024-01-31T12:00")).isEqualTo(at("2024-02-01T00:00"));
    assertThat(next("0 0 1 * *", "2024-12-15T00:00")).isEqualTo(at("2025-01-01T00:00"));
    assertThat(next("30 23 31 * *", "2024-04-01T00:00")).isEqualTo(at("2024-05-31T23:30"));
    assertThat(next("59 23 * * *", "2024-12-31T23:59")).isEqualTo(at("2025-01-01T23:59"));
    assertThat(next("0 0 29 2 *", "2024-03-01T00:00")).isEqualTo(at("2028-02-29T00:00"));
  }

  @Test
  void stepsRangesAndLists() {
    assertThat(next("1-10/2 * * * *", "2024-01-01T12:01")).isEqualTo(at("2024-01-01T12:03"));
    assertThat(next("1-10/2 * * * *", "2024-01-01T12:09")).isEqualTo(at("2024-01-01T13:01"));
    assertThat(next("5/20 * * * *", "2024-01-01T12:26")).isEqualTo(at("2024-01-01T12:45"));
    assertThat(next("0 6,18 * * *", "2024-01-01T07:00")).isEqualTo(at("2024-01-01T18:00"));
    assertThat(next("0 0 1 */3 *", "2024-01-01T00:00")).isEqualTo(at("2024-04-01T00:00"));
    assertThat(next("0 18 * * *", "2024-01-01T18:00")).isEqualTo(at("2024-01-02T18:00"));
  }

  @Test
  void monthAndDayNames() {
    assertThat(next("0 0 1 JAN,jul *", "2024-02-01T00:00")).isEqualTo(at("2024-07-01T00:00"));
    // 2024-03-08 is a Friday.
    assertThat(next("0 9 * * MON-FRI", "2024-03-08T09:00")).isEqualTo(at("2024-03-11T09:00"));
    assertThat(next("0 9 * * 1-5", "2024-03-08T09:00")).isEqualTo(at("2024-03-11T09:00"));
  }

  @Test
  void zeroAndSevenAreBothSunday() {
    // 2024-01-01 is a Monday, 2024-01-07 a Sunday.
    assertThat(next("0 0 * * 0", "2024-01-01T00:00")).isEqualTo(at("2024-01-07T00:00"));
    assertThat(next("0 0 * * 7", "2024-01-01T00:00")).isEqualTo(at("2024-01-07T00:00"));
    assertThat(next("0 0 * * SUN", "2024-01-01T00:00")).isEqualTo(at("2024-01-07T00:00"));
    assertThat(next("0 0 * * 5-7", "2024-01-06T00:00")).isEqualTo(at("2024-01-07T00:00"));
  }

  @Test
  void dayOfMonthOrDayOfWeekWhenBothAreRestricted() {
    // 2024-01-05 and 2024-01-12 are Fridays; the 13th is a Saturday.
    CronExpression cron = CronExpression.parse("0 0 13 * FRI");
    assertThat(cron.next(at("2024-01-01T00:00"))).isEqualTo(at("2024-01-05T00:00"));
    assertThat(cron.next(at("2024-01-12T00:00"))).isEqualTo(at("2024-01-13T00:00"));
  }

  @Test
  void dayOfMonthAndDayOfWeekWhenOneIsAStar() {
    // Mondays in January only: 2024-01-29 is the last Monday of January 2024.
    CronExpression cron = CronExpression.parse("0 0 * 1 MON");
    assertThat(cron.next(at("2024-01-29T00:00"))).isEqualTo(at("2025-01-06T00:00"));
    assertThat(next("0 0 */10 * *", "2024-01-01T00:00")).isEqualTo(at("2024-01-11T00:00"));
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "0 0 32 * *        | day-of-month value 32 is outside 1-31",
      "60 * * * *        | minute value 60 is outside 0-59",
      "0 24 * * *        | hour value 24 is outside 0-23",
      "0 0 * 13 *        | month value 13 is outside 1-12",
      "0 0 * * 8         | day-of-week value 8 is outside 0-7",
      "0 0 * FOO *       | month value 'FOO' is not a number or a name JAN-DEC",
      "0 0 * * MONDAY    | day-of-week value 'MONDAY' is not a number or a name SUN-SAT",
      "*/0 * * * *       | minute step must be positive",
      "*/x * * * *       | minute step 'x' is not a number",
      "5-1 * * * *       | minute range '5-1' runs backwards",
      "1,,2 * * * *      | minute list has an empty item",
      "0 0 30 2 *        | day-of-month 30 never occurs in the selected months",
      "* * * *           | expected 5 fields (minute hour day-of-month month day-of-week) but found 4",
      "0 0 1 * * 2024    | expected 5 fields (minute hour day-of-month month day-of-week) but found 6",
      "@fortnightly      | unknown preset",
      "@Monthly          | unknown preset",
      "@once             | @once is a schedule but not a cron expression",
  })
  void invalidExpressionsNameTheFieldAndValue(String expression, String reason) {
    assertThatThrownBy(() -> CronExpression.parse(expression))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("Cannot parse cron expression: ")
        .hasMessageContaining(reason)
        .hasMessageEndingWith("'" + expression + "'");
    assertThat(CronExpression.isValid(expression)).isFalse();
  }

  @Test
  void emptyAndNullAreNotCronExpressions() {
    assertThat(CronExpression.isValid(null)).isFalse();
    assertThat(CronExpression.isValid("  ")).isFalse();
    assertThatThrownBy(() -> CronExpression.parse("")).hasMessageContaining("it is empty");
  }

  @Test
  void validExpressionsAreValid() {
    assertThat(CronExpression.isValid("0 0 1 */3 *")).isTrue();
    assertThat(CronExpression.isValid(" 0  18 * * * ")).isTrue();
    assertThat(CronExpression.isValid("0 0 L * *")).isFalse();
    assertThat(CronExpression.parse(" 0  18 * * * ").expression()).isEqualTo("0  18 * * *");
    assertThat(CronExpression.parse("0 0 1 * *")).isEqualTo(CronExpression.parse("0 0 1 * *"));
  }
}
