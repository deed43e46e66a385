package io.vigil.bench;

import io.vigil.api.validation.ExpressionParser;
import io.vigil.runtime.sql.SparkExpressionParser;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The runtime's Spark SQL parser with a stopwatch, for {@link ValidateProbe}. It is registered as
 * an {@code ExpressionParser} service of the bench module, whose classes come first on the class
 * path, so the validator picks it before the runtime's own; it delegates every call. The delegate
 * is created on the first call, so Spark's class loading and initialisation are part of the first
 * parse, as they are when the validator calls the runtime's parser directly.
 */
public final class TimedSparkParser implements ExpressionParser {
  private static final AtomicLong NANOS = new AtomicLong();
  private static final AtomicLong FIRST = new AtomicLong();
  private static final AtomicInteger CALLS = new AtomicInteger();
  private volatile ExpressionParser delegate;

  @Override
  public String dialect() {
    return "spark";
  }

  @Override
  public String parseError(String expression) {
    long start = System.nanoTime();
    try {
      ExpressionParser parser = delegate;
      if (parser == null) {
        parser = new SparkExpressionParser();
        delegate = parser;
      }
      return parser.parseError(expression);
    } finally {
      long elapsed = System.nanoTime() - start;
      NANOS.addAndGet(elapsed);
      if (CALLS.getAndIncrement() == 0) {
        FIRST.set(elapsed);
      }
    }
  }

  static void reset() {
    NANOS.set(0);
    FIRST.set(0);
    CALLS.set(0);
  }

  static long nanos() {
    return NANOS.get();
  }

  /** The first call since {@link #reset()}, which includes Spark's initialisation in a fresh JVM. */
  static long firstCallNanos() {
    return FIRST.get();
  }

  static int calls() {
    return CALLS.get();
  }
}
