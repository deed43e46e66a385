package io.vigil.runtime.connector.payment;

import com.prowidesoftware.swift.model.BIC;
import com.prowidesoftware.swift.model.BicValidationResult;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

/** Normalises the values of the standard columns; a value that cannot be read is a {@link Rejection}. */
final class Values {
  private Values() {}

  /** A decimal with a point and no exponent: {@code 1234.5}; MT amounts use a comma. */
  static String amount(String text, String where) {
    if (text == null) {
      return null;
    }
    try {
      BigDecimal value = new BigDecimal(text.strip().replace(',', '.'));
      if (value.signum() < 0) {
        throw new Rejection(where + " '" + text + "' is negative");
      }
      return value.toPlainString();
    } catch (NumberFormatException e) {
      throw new Rejection(where + " '" + text + "' is not a decimal amount");
    }
  }

  static String currency(String text, String where) {
    if (text == null) {
      return null;
    }
    String c = text.strip();
    if (!c.matches("[A-Z]{3}")) {
      throw new Rejection(where + " '" + text + "' is not an ISO 4217 currency code");
    }
    return c;
  }

  /** An ISO-8601 date, from a date, a date with a time zone, or the date part of a date-time. */
  static String isoDate(String text, String where) {
    if (text == null) {
      return null;
    }
    String t = text.strip();
    String date = t.length() > 10 && "T+-Z".indexOf(t.charAt(10)) >= 0 ? t.substring(0, 10) : t;
    try {
      return LocalDate.parse(date).toString();
    } catch (DateTimeParseException e) {
      throw new Rejection(where + " '" + text + "' is not an ISO-8601 date");
    }
  }

  /** Fails when {@code bic} is present and not a well-formed BIC (ISO 9362), as Prowide checks it. */
  static void checkBic(String bic, String where) {
    if (bic == null) {
      return;
    }
    // The result constant is shared and mutable in Prowide, so only its name is read here.
    BicValidationResult result = new BIC(bic).validate();
    if (result != BicValidationResult.OK) {
      throw new Rejection(where + " '" + bic + "' is not a valid BIC (" + result.name().toLowerCase(java.util.Locale.ROOT)
          .replace('_', ' ') + ")");
    }
  }

  /** The first non-blank of {@code values}. */
  static String first(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  /** Why one record cannot be mapped; caught per record so the others of the file still load. */
  static final class Rejection extends RuntimeException {
    Rejection(String reason) {
      super(reason, null, false, false);
    }
  }
}
