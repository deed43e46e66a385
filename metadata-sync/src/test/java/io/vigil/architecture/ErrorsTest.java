package io.vigil.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.vigil.api.ApiErrors;
import io.vigil.api.ErrorId;
import io.vigil.api.VigilException;
import io.vigil.api.dataset.IngestionMode;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The error ids: well formed, unique, appended in order, each raised by a factory of its errors class;
 * every factory's message follows the grammar; no main source builds a VigilException outside an
 * errors class; and {@code docs/errors.md} is what the enums give (rewrite it with
 * {@code -Dvigil.docs.update=true}).
 */
class ErrorsTest {
  private static final Path DOC = ErrorCatalog.ROOT.resolve("docs/errors.md");
  /**
   * "Cannot <verb> <object>: <reason>": the reason starts at the first colon followed by a space, or by a
   * line break before a list of problems, and no ';' comes before it.
   */
  private static final Pattern GRAMMAR = Pattern.compile("(?s)Cannot [^;\\n]+?:[ \n]\\S.*");
  private static final Pattern CONSTRUCTION = Pattern.compile("new\\s+(?:io\\.vigil\\.api\\.)?VigilException\\s*\\(");
  private static final Pattern WITHOUT_ID =
      Pattern.compile("(?:new\\s+(?:io\\.vigil\\.api\\.)?VigilException|super)\\s*\\(\\s*(?:io\\.vigil\\.api\\.)?ErrorCode\\.");

  @Test
  void theErrorsPageIsUpToDate() throws IOException {
    String generated = ErrorsPage.render();
    if (Boolean.getBoolean("vigil.docs.update")) {
      Files.writeString(DOC, generated);
    }
    assertThat(DOC).as("docs/errors.md exists; generate it with:\n  " + ErrorsPage.REGENERATE).exists();
    assertThat(Files.readString(DOC)).as("docs/errors.md is generated from the Id enums and is out of date; regenerate it"
        + " and commit the result:\n  " + ErrorsPage.REGENERATE).isEqualTo(generated);
  }

  @Test
  void idsAreNumberedInOrderWithTheirModulePrefix() {
    Set<String> seen = new HashSet<>();
    for (ErrorCatalog.Module module : ErrorCatalog.MODULES) {
      int number = 0;
      for (ErrorId id : module.idList()) {
        number++;
        assertThat(id.id()).as("ids of %s are appended with the next number", module.ids().getName())
            .isEqualTo(String.format("VGL-%s-%03d", module.prefix(), number));
        assertThat(seen.add(id.id())).as("%s is unique", id.id()).isTrue();
        assertThat(id.code()).as(id.id()).isNotNull();
        assertThat(id.summary()).as("summary of %s", id.id()).isNotBlank().endsWith(".").doesNotContain("\n");
      }
      assertThat(number).as("%s has ids", module.ids().getName()).isPositive();
    }
  }

  @Test
  void everyIdIsRaisedByAFactoryAndEveryFactoryFollowsTheGrammar() throws Exception {
    List<String> problems = new ArrayList<>();
    for (ErrorCatalog.Module module : ErrorCatalog.MODULES) {
      Map<Method, Set<ErrorId>> raised = module.raisedIds();
      Set<ErrorId> used = new HashSet<>();
      raised.values().forEach(used::addAll);
      for (ErrorId id : module.idList()) {
        if (used.contains(id) == module.retired(id)) {
          problems.add(id.id() + (used.contains(id) ? " is retired (@Deprecated) but still raised" : " is raised by no factory of "
              + module.errors().getSimpleName() + "; mark it @Deprecated to retire it"));
        }
      }
      for (Map.Entry<Method, Set<ErrorId>> e : raised.entrySet()) {
        VigilException error = invoke(e.getKey());
        String what = ErrorCatalog.signature(e.getKey());
        if (!GRAMMAR.matcher(error.getMessage()).matches()) {
          problems.add(what + " breaks 'Cannot <verb> <object>: <reason>': " + error.getMessage());
        }
        Set<String> allowed = new HashSet<>();
        e.getValue().forEach(i -> allowed.add(i.id()));
        allowed.add(SAMPLE_CAUSE.errorId());
        if (!allowed.contains(error.errorId())) {
          problems.add(what + " raised " + error.errorId() + ", which is neither named in its body nor its cause's");
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void noMainSourceBuildsAVigilExceptionOutsideAnErrorsClass() throws IOException {
    Set<Path> errorsClasses = new HashSet<>();
    ErrorCatalog.MODULES.forEach(m -> errorsClasses.add(m.source()));
    List<String> offences = new ArrayList<>();
    for (ErrorCatalog.Module module : ErrorCatalog.MODULES) {
      Path root = ErrorCatalog.ROOT.resolve(module.sourceRoot());
      assertThat(root).isDirectory();
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          offences.addAll(offences(ErrorCatalog.ROOT.relativize(file).toString(), Files.readString(file),
              errorsClasses.contains(file)));
        }
      }
    }
    if (!offences.isEmpty()) {
      fail("User-facing errors are raised through the module's errors class (ApiErrors, RuntimeErrors, SyncErrors,"
          + " AirflowErrors), with an id from its Id enum; a bug throws IllegalStateException. Move these:\n"
          + String.join("\n", offences));
    }
  }

  @Test
  void theScanFindsConstructionsWithoutAnIdAndOutsideErrorsClasses() {
    String source = """
        class Planted {
          void a() {
            throw new VigilException(ErrorCode.NOT_FOUND, "Cannot find x: gone");
          }
          void b() {
            throw new io.vigil.api.VigilException(
                io.vigil.api.ErrorCode.CONFLICT, "Cannot lock x: held");
          }
          Planted() {
            super(ErrorCode.INTERNAL, "Cannot run x: bug");
          }
          VigilException c() {
            return new VigilException(Id.SOMETHING, "Cannot read x: broken");
          }
        }
        """;
    assertThat(offences("Planted.java", source, false)).containsExactly(
        "Planted.java:3: without an id", "Planted.java:6: without an id", "Planted.java:10: without an id",
        "Planted.java:3: outside an errors class", "Planted.java:6: outside an errors class",
        "Planted.java:13: outside an errors class");
    assertThat(offences("Errors.java", source, true)).containsExactly(
        "Errors.java:3: without an id", "Errors.java:6: without an id", "Errors.java:10: without an id");
  }

  private static List<String> offences(String name, String source, boolean errorsClass) {
    List<String> out = new ArrayList<>();
    Matcher withoutId = WITHOUT_ID.matcher(source);
    while (withoutId.find()) {
      out.add(name + ":" + line(source, withoutId.start()) + ": without an id");
    }
    if (!errorsClass) {
      Matcher construction = CONSTRUCTION.matcher(source);
      while (construction.find()) {
        out.add(name + ":" + line(source, construction.start()) + ": outside an errors class");
      }
    }
    return out;
  }

  private static int line(String source, int offset) {
    return (int) source.substring(0, offset).chars().filter(c -> c == '\n').count() + 1;
  }

  private static final VigilException SAMPLE_CAUSE = ApiErrors.solutionNotADirectory(Path.of("sample"));

  /** Calls a factory with a sample value for each parameter. */
  private static VigilException invoke(Method factory) throws IllegalAccessException {
    Class<?>[] types = factory.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = sample(types[i], factory);
    }
    factory.setAccessible(true);
    try {
      return (VigilException) factory.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw new AssertionError(ErrorCatalog.signature(factory) + " threw instead of returning its error", e.getCause());
    }
  }

  private static Object sample(Class<?> type, Method factory) {
    if (type == String.class || type == Object.class) {
      return "sample";
    }
    if (type == int.class || type == long.class) {
      return type == int.class ? (Object) 500 : (Object) 5L;
    }
    if (type == Path.class) {
      return Path.of("sample");
    }
    if (type == URI.class) {
      return URI.create("http://airflow:8080");
    }
    if (type == List.class || type == Collection.class) {
      return List.of("sample");
    }
    if (type == Instant.class) {
      return Instant.EPOCH;
    }
    if (type == LocalDateTime.class) {
      return LocalDateTime.of(2024, 1, 31, 0, 0);
    }
    if (type == Class.class) {
      return String.class;
    }
    if (type == IngestionMode.class) {
      return IngestionMode.APPEND;
    }
    if (type == VigilException.class) {
      return SAMPLE_CAUSE;
    }
    if (type == InterruptedException.class) {
      return new InterruptedException("sample");
    }
    if (type.isAssignableFrom(IOException.class)) {
      return new IOException("sample");
    }
    throw new AssertionError("Cannot call " + ErrorCatalog.signature(factory) + ": the test has no sample " + type.getName()
        + "; add one to ErrorsTest.sample");
  }
}
