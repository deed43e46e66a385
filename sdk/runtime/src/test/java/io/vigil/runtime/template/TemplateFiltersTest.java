package io.vigil.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The custom filters of S1 §20.7, through the engine as templates use them. */
class TemplateFiltersTest {
  private static final TemplateEngine ENGINE = TemplateEngine.create(TemplateLimits.defaults());

  private static String render(String source, Map<String, ?> activity) {
    return ENGINE.compile(source, "risk f dynamic_description").render(TemplateBindings.builder().activity(activity).build());
  }

  private static String filter(String filter, Object value) {
    Map<String, Object> activity = new HashMap<>();
    activity.put("v", value);
    return render("{{ activity.v | " + filter + " }}", activity);
  }

  @Test
  void prettifyNumberSeparatesThousandsAndKeepsTwoDecimals() {
    assertThat(filter("prettify_number", 12345)).isEqualTo("12,345");
    assertThat(filter("prettify_number", 123123L)).isEqualTo("123,123");
    assertThat(filter("prettify_number", 50000.0)).isEqualTo("50,000");
    assertThat(filter("prettify_number", 1234.5)).isEqualTo("1,234.5");
    assertThat(filter("prettify_number", 0.125)).isEqualTo("0.13");
    assertThat(filter("prettify_number", -9876543.219)).isEqualTo("-9,876,543.22");
    assertThat(filter("prettify_number", new java.math.BigDecimal("1000000.004"))).isEqualTo("1,000,000");
    assertThat(filter("prettify_number", "2500")).isEqualTo("2,500");
    assertThat(filter("prettify_number", 999)).isEqualTo("999");
    assertThat(filter("prettify_number", "n/a")).isEqualTo("n/a");
    assertThat(filter("prettify_number", null)).isEqualTo("None");
  }

  @Test
  void currencySymbolMapsIsoCodes() {
    assertThat(filter("currency_symbol", "USD")).isEqualTo("$");
    assertThat(filter("currency_symbol", "EUR")).isEqualTo("€");
    assertThat(filter("currency_symbol", "GBP")).isEqualTo("£");
    assertThat(filter("currency_symbol", "usd")).isEqualTo("$");
    assertThat(filter("currency_symbol", "XYZ")).isEqualTo("XYZ");
    assertThat(filter("currency_symbol", "dollars")).isEqualTo("dollars");
  }

  @Test
  void countryFullNamesAlpha2AndAlpha3Codes() {
    assertThat(filter("country_full", "IT")).isEqualTo("Italy");
    assertThat(filter("country_full", "ITA")).isEqualTo("Italy");
    assertThat(filter("country_full", "de")).isEqualTo("Germany");
    assertThat(filter("country_full", "USA")).isEqualTo("United States");
    assertThat(filter("country_full", "ZZ")).isEqualTo("ZZ");
    assertThat(filter("country_full", "Atlantis")).isEqualTo("Atlantis");
  }

  @Test
  void theGuidesHighRiskCountriesDescriptionRenders() {
    String source = """
        {% set expl_data = explainability.high_risk_countries.hrc_categorical %}\
        {% set high = expl_data | selectattr('cr', 'in', ['High', 'Very High']) | list %}\
        {% set sum_high = high | sum(attribute='s') %}\
        {% set top = high | sort(attribute='s', reverse=True) | first %}\
        **{{ sum_high | prettify_number }}{{ metadata.amount.units | currency_symbol }}** in {{ high | length }} \
        countries; most to **{{ top.ct | country_full }} - {{ top.s | prettify_number }}\
        {{ metadata.amount.units | currency_symbol }}**""";
    Map<String, Object> bindings = new HashMap<>(TemplateBindings.builder().build());
    bindings.put("explainability", Map.of("high_risk_countries", Map.of("hrc_categorical", List.of(
        Map.of("ct", "IT", "cr", "Very High", "s", 20000),
        Map.of("ct", "CY", "cr", "High", "s", 18000),
        Map.of("ct", "FR", "cr", "Low", "s", 99000),
        Map.of("ct", "MT", "cr", "High", "s", 12000)))));
    bindings.put("metadata", Map.of("amount", Map.of("units", "USD")));
    String out = ENGINE.compile(source, "feature hrc dynamic_description").render(bindings);
    assertThat(out).isEqualTo("**50,000$** in 3 countries; most to **Italy - 20,000$**");
  }
}
