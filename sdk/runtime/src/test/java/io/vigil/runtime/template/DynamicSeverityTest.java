package io.vigil.runtime.template;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class DynamicSeverityTest {
  private static final int FALLBACK = 42;

  @Test
  void aNumberIn0To99IsTheSeverity() {
    assertThat(DynamicSeverity.cast("87", FALLBACK)).isEqualTo(87);
    assertThat(DynamicSeverity.cast(" 87.9 ", FALLBACK)).isEqualTo(87);
    assertThat(DynamicSeverity.cast("87.00000000000001", FALLBACK)).isEqualTo(87);
    assertThat(DynamicSeverity.cast("0", FALLBACK)).isEqualTo(0);
    assertThat(DynamicSeverity.cast("99", FALLBACK)).isEqualTo(99);
    assertThat(DynamicSeverity.cast("99.99", FALLBACK)).isEqualTo(99);
    assertThat(DynamicSeverity.cast("-0.5", FALLBACK)).isEqualTo(0);
  }

  @Test
  void outOfRangeOrNoNumberFallsBack() {
    assertThat(DynamicSeverity.cast("100", FALLBACK)).isEqualTo(FALLBACK);
    assertThat(DynamicSeverity.cast("-1", FALLBACK)).isEqualTo(FALLBACK);
    assertThat(DynamicSeverity.cast("1e9", FALLBACK)).isEqualTo(FALLBACK);
    assertThat(DynamicSeverity.cast("None", FALLBACK)).isEqualTo(FALLBACK);
    assertThat(DynamicSeverity.cast("", FALLBACK)).isEqualTo(FALLBACK);
    assertThat(DynamicSeverity.cast(null, FALLBACK)).isEqualTo(FALLBACK);
    assertThat(DynamicSeverity.cast("high", FALLBACK)).isEqualTo(FALLBACK);
  }

  @Test
  void aRenderedScoreBecomesTheSeverityOrFallsBack() {
    CompiledTemplate severity = TemplateEngine.create(TemplateLimits.defaults())
        .compile("{{ activity.tr_evaluation_score * 100 }}", "risk dynamic_risk dynamic_severity");
    assertThat(cast(severity, 0.87)).isEqualTo(87);
    assertThat(cast(severity, 0.999)).isEqualTo(99);
    assertThat(cast(severity, 1.5)).isEqualTo(90);
    assertThat(cast(severity, -0.2)).isEqualTo(90);
  }

  private static int cast(CompiledTemplate severity, double score) {
    String rendered = severity.render(TemplateBindings.builder().activity(Map.of("tr_evaluation_score", score)).build());
    return DynamicSeverity.cast(rendered, 90);
  }
}
