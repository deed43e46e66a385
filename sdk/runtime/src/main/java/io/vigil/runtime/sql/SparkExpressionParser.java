package io.vigil.runtime.sql;

import io.vigil.api.validation.ExpressionParser;
import org.apache.spark.sql.catalyst.parser.CatalystSqlParser$;
import org.apache.spark.sql.catalyst.parser.ParseException;

/**
 * Checks Spark SQL expressions (validators, connector conditions, classifier selectors) with
 * Spark's own parser. Parsing needs no SparkSession, so validation stays fast and offline.
 */
public final class SparkExpressionParser implements ExpressionParser {
  @Override
  public String dialect() {
    return "spark";
  }

  @Override
  public String parseError(String expression) {
    if (expression == null || expression.isBlank()) {
      return "the expression is empty";
    }
    try {
      CatalystSqlParser$.MODULE$.parseExpression(expression);
      return null;
    } catch (Exception e) {
      // Scala declares no checked exceptions; ParseException is checked for javac, so catch broadly.
      return firstLine(e instanceof ParseException p ? p.getMessage() : String.valueOf(e.getMessage()));
    }
  }

  private static String firstLine(String message) {
    String trimmed = message.strip();
    int newline = trimmed.indexOf('\n');
    return newline < 0 ? trimmed : trimmed.substring(0, newline).strip();
  }
}
