package io.vigil.architecture;

import io.vigil.api.ApiErrors;
import io.vigil.api.ErrorId;
import io.vigil.api.VigilException;
import io.vigil.orchestration.airflow.AirflowErrors;
import io.vigil.runtime.errors.GraphErrors;
import io.vigil.runtime.errors.RuntimeErrors;
import io.vigil.sync.errors.SyncErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every module's errors class, its {@code Id} enum and its factories: the methods are found by
 * reflection, and the ids each one raises are read from its body in the class's source.
 */
final class ErrorCatalog {
  /** The repository root: the nearest folder above the surefire working directory (a module's) holding docs/ and sdk/. */
  static final Path ROOT = root(Path.of("").toAbsolutePath());

  /** One module's errors class. */
  record Module(String title, String prefix, Class<?> errors, Class<? extends Enum<?>> ids, String sourceRoot) {
    Path source() {
      return ROOT.resolve(sourceRoot).resolve(errors.getName().replace('.', '/') + ".java");
    }

    List<ErrorId> idList() {
      return Arrays.stream(ids.getEnumConstants()).map(ErrorId.class::cast).toList();
    }

    /** True for an id whose constant is {@code @Deprecated}: retired, kept so its number is never reused. */
    boolean retired(ErrorId id) {
      try {
        return ids.getField(((Enum<?>) id).name()).isAnnotationPresent(Deprecated.class);
      } catch (NoSuchFieldException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The static methods returning a VigilException, in source order. */
    List<Method> factories() {
      String text = sourceText();
      return Arrays.stream(errors.getDeclaredMethods())
          .filter(m -> Modifier.isStatic(m.getModifiers()) && VigilException.class.isAssignableFrom(m.getReturnType()))
          .sorted(Comparator.comparingInt((Method m) -> text.indexOf(" " + m.getName() + "(")).thenComparing(Method::toString))
          .toList();
    }

    /** The ids each factory names in its body; a factory that only wraps another error names none. */
    Map<Method, Set<ErrorId>> raisedIds() {
      Map<String, Set<String>> byName = idNamesByMethod(sourceText());
      Map<Method, Set<ErrorId>> out = new LinkedHashMap<>();
      for (Method m : factories()) {
        Set<ErrorId> raised = new LinkedHashSet<>();
        for (String name : byName.getOrDefault(m.getName(), Set.of())) {
          raised.add(idNamed(name));
        }
        out.put(m, raised);
      }
      return out;
    }

    ErrorId idNamed(String name) {
      return idList().stream().filter(i -> ((Enum<?>) i).name().equals(name)).findFirst()
          .orElseThrow(() -> new IllegalStateException(errors.getSimpleName() + " names Id." + name + ", which "
              + ids.getName() + " does not declare"));
    }

    String sourceText() {
      try {
        return Files.readString(source());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /** A method declared in the class body (two spaces in): where one method's body ends and the next begins. */
  private static final Pattern METHOD =
      Pattern.compile("^  (?=\\S)(?:(?:public|protected|private|static|final) )*[\\w<>\\[\\]?, ]+ (\\w+)\\(", Pattern.MULTILINE);
  private static final Pattern ID_USE = Pattern.compile("\\bId\\.([A-Z][A-Z0-9_]*)\\b");

  static final List<Module> MODULES = List.of(
      new Module("SDK API (`sdk/api`)", "API", ApiErrors.class, ApiErrors.Id.class, "sdk/api/src/main/java"),
      new Module("Runtime (`sdk/runtime`)", "RT", RuntimeErrors.class, RuntimeErrors.Id.class, "sdk/runtime/src/main/java"),
      new Module("Graph runtime (`sdk/runtime`, io.vigil.runtime.graph)", "GR", GraphErrors.class, GraphErrors.Id.class,
          "sdk/runtime/src/main/java"),
      new Module("metadata-sync and the CLI (`metadata-sync`)", "SYNC", SyncErrors.class, SyncErrors.Id.class,
          "metadata-sync/src/main/java"),
      new Module("Airflow client (`dags`)", "AIR", AirflowErrors.class, AirflowErrors.Id.class, "dags/src/main/java"));

  private ErrorCatalog() {}

  private static Path root(Path start) {
    for (Path p = start; p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("docs")) && Files.isDirectory(p.resolve("sdk")) && Files.isRegularFile(p.resolve("pom.xml"))) {
        return p;
      }
    }
    throw new IllegalStateException("Cannot find the repository root above " + start);
  }

  /** For each method name, the {@code Id.X} constants its body names; a body ends where the next method starts. */
  static Map<String, Set<String>> idNamesByMethod(String source) {
    Matcher m = METHOD.matcher(source);
    List<Integer> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      starts.add(m.start());
      names.add(m.group(1));
    }
    Map<String, Set<String>> out = new LinkedHashMap<>();
    for (int i = 0; i < names.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) : source.length();
      Matcher use = ID_USE.matcher(source.substring(starts.get(i), end));
      Set<String> ids = out.computeIfAbsent(names.get(i), k -> new LinkedHashSet<>());
      while (use.find()) {
        ids.add(use.group(1));
      }
    }
    return out;
  }

  /** {@code RuntimeErrors.cellNotFound(Object, String, List)}. */
  static String signature(Method m) {
    return m.getDeclaringClass().getSimpleName() + "." + m.getName() + "("
        + Arrays.stream(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", ")) + ")";
  }
}
