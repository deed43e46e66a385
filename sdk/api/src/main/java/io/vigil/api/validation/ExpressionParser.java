package io.vigil.api.validation;

/**
 * Parses SQL expressions of one dialect without running them. The validator finds implementations
 * with {@link java.util.ServiceLoader}; the runtime module provides Spark's parser, so the API
 * module needs no Spark.
 */
public interface ExpressionParser {
  /** The dialect this parser checks, e.g. {@code spark}. */
  String dialect();

  /** Null when {@code expression} parses as a boolean-or-value expression, otherwise the parser's reason. */
  String parseError(String expression);
}
