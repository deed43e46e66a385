package io.vigil.api.solution;

import io.vigil.api.source.SourceLocation;
import io.vigil.api.validation.Problem;
import io.vigil.api.validation.ProblemCode;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles a solution's Java sources in-process and remembers which source each class came from. */
final class JavaSources {
  /** Result of a compilation: class name → source path relative to the solution root. */
  record Compiled(Map<String, String> sourceOfClass, boolean success) {}

  private JavaSources() {}

  static Compiled compile(Path root, List<Path> sources, List<Path> classpath, Path out, List<Problem> problems) {
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    if (compiler == null) {
      throw new IllegalStateException("No Java compiler in this JVM; run Vigil on a JDK, not a JRE");
    }
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Map<String, String> sourceOfClass = new HashMap<>();
    try (StandardJavaFileManager standard = compiler.getStandardFileManager(diagnostics, Locale.ROOT, StandardCharsets.UTF_8)) {
      Recording manager = new Recording(standard, root, sourceOfClass);
      List<String> options = new ArrayList<>(List.of("-d", out.toString(), "-proc:none", "-g", "-parameters",
          "-encoding", "UTF-8", "-nowarn", "-Xlint:none", "--release", "17"));
      if (!classpath.isEmpty()) {
        options.add("-classpath");
        options.add(classpath.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)));
      }
      Iterable<? extends JavaFileObject> units = standard.getJavaFileObjectsFromPaths(sources);
      StringWriter javacOutput = new StringWriter();
      boolean ok = compiler.getTask(javacOutput, manager, diagnostics, options, null, units).call();
      for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
        if (d.getKind() != Diagnostic.Kind.ERROR) {
          continue;
        }
        String file = d.getSource() == null ? "" : relative(root, Path.of(d.getSource().toUri()));
        int line = d.getLineNumber() > 0 ? (int) d.getLineNumber() : 0;
        problems.add(Problem.of(ProblemCode.JAVA_COMPILE_ERROR, file, SourceLocation.of(file, line),
            "Cannot compile " + file + ": " + d.getMessage(Locale.ROOT)));
      }
      if (!ok && problems.stream().noneMatch(p -> p.code() == ProblemCode.JAVA_COMPILE_ERROR)) {
        problems.add(Problem.of(ProblemCode.JAVA_COMPILE_ERROR, "", SourceLocation.UNKNOWN,
            "Cannot compile the solution's Java sources: " + javacOutput.toString().trim()));
      }
      return new Compiled(Map.copyOf(sourceOfClass), ok);
    } catch (IOException e) {
      throw new IllegalStateException("Cannot compile the solution's Java sources: " + e.getMessage(), e);
    }
  }

  static String relative(Path root, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path base = root.toAbsolutePath().normalize();
    return (abs.startsWith(base) ? base.relativize(abs) : abs).toString().replace(File.separatorChar, '/');
  }

  /** Records, for each class file javac writes, the source file it came from. */
  private static final class Recording extends ForwardingJavaFileManager<StandardJavaFileManager> {
    private final Path root;
    private final Map<String, String> sourceOfClass;

    Recording(StandardJavaFileManager delegate, Path root, Map<String, String> sourceOfClass) {
      super(delegate);
      this.root = root;
      this.sourceOfClass = sourceOfClass;
    }

    @Override
    public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
        FileObject sibling) throws IOException {
      if (kind == JavaFileObject.Kind.CLASS && sibling != null && "file".equals(sibling.toUri().getScheme())) {
        sourceOfClass.put(className, relative(root, Path.of(sibling.toUri())));
      }
      return super.getJavaFileForOutput(location, className, kind, sibling);
    }
  }
}
