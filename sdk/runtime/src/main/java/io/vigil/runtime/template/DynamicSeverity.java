package io.vigil.runtime.template;

import java.math.BigDecimal;

/**
 * The severity an alert gets from a rendered {@code dynamic_severity} (S1 §7.3.1.3): the text is
 * read as a number and cut to an integer toward zero, as Python's {@code int(float(text))} does
 * ({@code "87.9"} → 87). A result outside 0–99, an empty text, {@code None} or anything that is no
 * number gives the risk's static severity instead.
 */
public final class DynamicSeverity {
  public static final int MIN = 0;
  public static final int MAX = 99;

  private DynamicSeverity() {}

  /**
   * @param rendered what the dynamic_severity template rendered for the record
   * @param fallback the risk's static severity
   */
  public static int cast(String rendered, int fallback) {
    if (rendered == null || rendered.isBlank()) {
      return fallback;
    }
    BigDecimal value;
    try {
      value = new BigDecimal(rendered.strip());
    } catch (NumberFormatException notNumeric) {
      return fallback;
    }
    BigDecimal whole = value.setScale(0, java.math.RoundingMode.DOWN);
    if (whole.compareTo(BigDecimal.valueOf(MIN)) < 0 || whole.compareTo(BigDecimal.valueOf(MAX)) > 0) {
      return fallback;
    }
    return whole.intValueExact();
  }
}
