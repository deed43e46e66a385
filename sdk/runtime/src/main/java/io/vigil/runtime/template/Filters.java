package io.vigil.runtime.template;

import com.hubspot.jinjava.interpret.JinjavaInterpreter;
import com.hubspot.jinjava.lib.filter.Filter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Currency;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The custom filters of dynamic descriptions (S1 §20.7). Each leaves a value it cannot format
 * unchanged, so a template never fails on data.
 */
final class Filters {
  private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());
  private static final Map<String, String> ALPHA2_BY_ALPHA3 = alpha2ByAlpha3();

  private Filters() {}

  static List<Filter> all() {
    return List.of(
        filter("prettify_number", Filters::prettifyNumber),
        filter("currency_symbol", Filters::currencySymbol),
        filter("country_full", Filters::countryFull));
  }

  /**
   * {@code 12345} → {@code 12,345}; {@code 1234.5} → {@code 1,234.5}; {@code 0.125} → {@code 0.13}:
   * comma thousands separators, a point for decimals, at most two decimals rounded half up, no
   * trailing zeros. Numeric strings are formatted too; anything else is returned unchanged.
   */
  static Object prettifyNumber(Object value) {
    BigDecimal number = decimal(value);
    if (number == null) {
      return value;
    }
    DecimalFormat format = new DecimalFormat("#,##0.##", DecimalFormatSymbols.getInstance(Locale.ROOT));
    format.setRoundingMode(RoundingMode.HALF_UP);
    String text = format.format(number);
    return text.equals("-0") ? "0" : text;
  }

  /** {@code USD} → {@code $}, {@code EUR} → {@code €}: the symbol US English writes; an unknown code unchanged. */
  static Object currencySymbol(Object value) {
    if (!(value instanceof String code) || !code.strip().matches("[A-Za-z]{3}")) {
      return value;
    }
    try {
      return Currency.getInstance(code.strip().toUpperCase(Locale.ROOT)).getSymbol(Locale.US);
    } catch (IllegalArgumentException unknown) {
      return value;
    }
  }

  /** {@code IT} or {@code ITA} → {@code Italy}: the English name of an ISO 3166 alpha-2 or alpha-3 code; else unchanged. */
  static Object countryFull(Object value) {
    if (!(value instanceof String text)) {
      return value;
    }
    String code = text.strip().toUpperCase(Locale.ROOT);
    String alpha2 = code.length() == 3 ? ALPHA2_BY_ALPHA3.get(code) : code;
    if (alpha2 == null || !COUNTRIES.contains(alpha2)) {
      return value;
    }
    return new Locale("", alpha2).getDisplayCountry(Locale.ENGLISH);
  }

  private static BigDecimal decimal(Object value) {
    if (value instanceof BigDecimal d) {
      return d;
    }
    if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      return Double.isFinite(d) ? new BigDecimal(Double.toString(d)) : null;
    }
    if (value instanceof Number n) {
      return new BigDecimal(n.toString());
    }
    if (value instanceof String s && !s.isBlank()) {
      try {
        return new BigDecimal(s.strip());
      } catch (NumberFormatException notNumeric) {
        return null;
      }
    }
    return null;
  }

  private static Map<String, String> alpha2ByAlpha3() {
    Map<String, String> out = new HashMap<>();
    for (String alpha2 : Locale.getISOCountries()) {
      out.put(new Locale("", alpha2).getISO3Country(), alpha2);
    }
    return Map.copyOf(out);
  }

  private static Filter filter(String name, java.util.function.UnaryOperator<Object> function) {
    return new Filter() {
      @Override
      public String getName() {
        return name;
      }

      @Override
      public Object filter(Object var, JinjavaInterpreter interpreter, String... args) {
        return function.apply(var);
      }
    };
  }
}
