package io.vigil.runtime.sql;

import static org.assertj.core.api.Assertions.assertThat;

import io.vigil.api.validation.ExpressionParser;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class SparkExpressionParserTest {
  private final SparkExpressionParser parser = new SparkExpressionParser();

  @Test
  void acceptsValidatorsAndConditionsAsTheGuideWritesThem() {
    assertThat(parser.parseError("amount >= 0 AND currency IN ('EUR', 'USD')")).isNull();
    assertThat(parser.parseError("country=\"spain\"")).isNull();
    assertThat(parser.parseError("length(account_id) = 10")).isNull();
  }

  @Test
  void reportsTheParsersReasonOnOneLine() {
    String error = parser.parseError("amount >=");
    assertThat(error).isNotNull().doesNotContain("\n");
    assertThat(parser.parseError("   ")).isEqualTo("the expression is empty");
  }

  @Test
  void isFoundThroughTheServiceLoader() {
    assertThat(ServiceLoader.load(ExpressionParser.class).stream().map(ServiceLoader.Provider::type))
        .contains(SparkExpressionParser.class);
  }
}
