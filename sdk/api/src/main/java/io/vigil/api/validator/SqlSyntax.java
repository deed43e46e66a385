package io.vigil.api.validator;

import io.vigil.api.validation.ExpressionParser;
import java.util.ServiceLoader;

/** The Spark SQL expression parser, when the runtime module is on the class path. */
final class SqlSyntax {
  private static final ExpressionParser SPARK = find("spark");

  private SqlSyntax() {}

  /** Null when the expression parses or no Spark parser is available, else the reason. */
  static String sparkError(String expression) {
    return SPARK == null ? null : SPARK.parseError(expression);
  }

  static boolean sparkAvailable() {
    return SPARK != null;
  }

  private static ExpressionParser find(String dialect) {
    for (ExpressionParser parser : ServiceLoader.load(ExpressionParser.class, SqlSyntax.class.getClassLoader())) {
      if (parser.dialect().equals(dialect)) {
        return parser;
      }
    }
    return null;
  }
}
