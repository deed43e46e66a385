package io.vigil.architecture;

import io.vigil.api.ApiErrors;
import io.vigil.api.ErrorId;
import io.vigil.api.VigilException;
import io.vigil.api.dataset.IngestionMode;
import java.io.IOException;
import java.io.UncheckedIOException;
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

/**
 * The rules every module's errors class keeps, as lists of problems (empty when kept), so that the
 * modules that metadata-sync's tests cannot see (the testkit, which depends on metadata-sync) run the
 * same checks from their own tests.
 */
final class ErrorChecks {
  /**
   * "Cannot <verb> <object>: <reason>": the reason starts at the first colon followed by a space, or by a
   * line break before a list of problems, and no ';' comes before it.
   */
  static final Pattern GRAMMAR = Pattern.compile("(?s)Cannot [^;\\n]+?:[ \n]\\S.*");
  private static final Pattern CONSTRUCTION = Pattern.compile("new\\s+(?:io\\.vigil\\.api\\.)?VigilException\\s*\\(");
  private static final Pattern WITHOUT_ID =
      Pattern.compile("(?:new\\s+(?:io\\.vigil\\.api\\.)?VigilException|super)\\s*\\(\\s*(?:io\\.vigil\\.api\\.)?ErrorCode\\.");
  private static final VigilException SAMPLE_CAUSE = ApiErrors.solutionNotADirectory(Path.of("sample"));

  private ErrorChecks() {}

  /** Each module's ids are {@code VGL-<prefix>-001} onwards in enum order, unique, with a category and a one-line summary. */
  static List<String> numbering(List<ErrorCatalog.Module> modules) {
    List<String> problems = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (ErrorCatalog.Module module : modules) {
      int number = 0;
      for (ErrorId id : module.idList()) {
        number++;
        String expected = String.format("VGL-%s-%03d", module.prefix(), number);
        if (!expected.equals(id.id())) {
          problems.add(((Enum<?>) id).name() + " of " + module.ids().getName() + " is " + id.id() + ", expected " + expected
              + ": ids are appended with the next number");
        }
        if (!seen.add(id.id())) {
          problems.add(id.id() + " is not unique");
        }
        if (id.code() == null) {
          problems.add(id.id() + " has no category");
        }
        if (id.summary() == null || id.summary().isBlank() || !id.summary().endsWith(".") || id.summary().contains("\n")) {
          problems.add(id.id() + " needs a summary of one line ending in '.': " + id.summary());
        }
      }
      if (number == 0) {
        problems.add(module.ids().getName() + " has no ids");
      }
    }
    return problems;
  }

  /**
   * Every id is raised by a factory (or retired with {@code @Deprecated}), and every factory, called with
   * sample arguments, returns an error that follows the grammar and carries an id named in its body.
   */
  static List<String> factories(List<ErrorCatalog.Module> modules) {
    List<String> problems = new ArrayList<>();
    for (ErrorCatalog.Module module : modules) {
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
    return problems;
  }

  /**
   * The main sources of {@code modules} build a VigilException only in their errors class and always with
   * an id; {@code errorsClasses} are the sources allowed to build one.
   */
  static List<String> constructions(List<ErrorCatalog.Module> modules, Set<Path> errorsClasses) {
    List<String> offences = new ArrayList<>();
    for (ErrorCatalog.Module module : modules) {
      Path root = ErrorCatalog.ROOT.resolve(module.sourceRoot());
      if (!Files.isDirectory(root)) {
        offences.add(root + " is not a directory");
        continue;
      }
      try (Stream<Path> files = Files.walk(root)) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          offences.addAll(offences(ErrorCatalog.ROOT.relativize(file).toString(), Files.readString(file),
              errorsClasses.contains(file)));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return offences;
  }

  /** The constructions without an id, and, outside an errors class, every construction. */
  static List<String> offences(String name, String source, boolean errorsClass) {
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

  /** Calls a factory with a sample value for each parameter. */
  private static VigilException invoke(Method factory) {
    Class<?>[] types = factory.getParameterTypes();
    Object[] args = new Object[types.length];
    for (int i = 0; i < types.length; i++) {
      args[i] = sample(types[i], factory);
    }
    factory.setAccessible(true);
    try {
      return (VigilException) factory.invoke(null, args);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
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
    if (type == double.class) {
      return Double.NaN;
    }
    if (type == boolean.class) {
      return true;
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
    if (type == Map.class) {
      return Map.of("sample", "sample");
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
        + "; add one to ErrorChecks.sample");
  }
}
