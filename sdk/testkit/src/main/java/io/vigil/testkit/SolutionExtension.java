package io.vigil.testkit;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

/** Starts the stack of a {@link SolutionTest} class once, applies its solution, and hands out the {@link TestSolution}. */
final class SolutionExtension implements BeforeAllCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SolutionExtension.class);

  @Override
  public void beforeAll(ExtensionContext context) {
    solution(context);
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestSolution.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return solution(context);
  }

  /** The class's solution; the store closes it when the class is done. */
  private static TestSolution solution(ExtensionContext context) {
    Class<?> testClass = context.getRequiredTestClass();
    return classContext(context).getStore(NAMESPACE).getOrComputeIfAbsent(testClass, type -> start(testClass), Holder.class).solution();
  }

  /** The class's context: a test method's context lives below it. */
  private static ExtensionContext classContext(ExtensionContext context) {
    ExtensionContext c = context;
    while (c.getTestMethod().isPresent() && c.getParent().isPresent()) {
      c = c.getParent().get();
    }
    return c;
  }

  private static Holder start(Class<?> testClass) {
    SolutionTest settings = AnnotationSupport.findAnnotation(testClass, SolutionTest.class)
        .orElseThrow(() -> new IllegalStateException(testClass.getName() + " is not annotated @SolutionTest"));
    return new Holder(TestSolution.start(Path.of(settings.value()), settings.user()));
  }

  /** Closes the solution's stack when JUnit closes the class's store. */
  private record Holder(TestSolution solution) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    @Override
    public void close() {
      solution.close();
    }
  }
}
