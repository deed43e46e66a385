package io.vigil.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class against its solution on a stack of its own: an embedded Postgres, an S3
 * endpoint and local Spark with Delta, started once for the class. Before the first test the
 * solution is loaded, validated and applied as {@code vigil apply} does it; a solution that does
 * not validate fails every test of the class with the validation report. Test methods (and
 * {@code @BeforeAll} methods) take a {@link TestSolution} parameter:
 *
 * <pre>{@code
 * @SolutionTest
 * class DataprepTest {
 *   @Test
 *   void aggregatesTheMonth(TestSolution solution) {
 *     solution.land("transactions", "tx_2024_01.csv", "…");
 *     solution.run("aml.Ingest", "2024-01-31");
 *     assertThat(solution.read("transaction", "2024-01-31").count()).isEqualTo(3);
 *   }
 * }
 * }</pre>
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(SolutionExtension.class)
public @interface SolutionTest {
  /** The solution directory, relative to the working directory (the project's folder under Maven). */
  String value() default ".";

  /** The user the tests act as; it holds the manager role, so jobs may write PUBLIC data as under Airflow. */
  String user() default "tester";
}
